using System.Security.Cryptography;
using Npgsql;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Infrastructure.Problems;

namespace WozoSubsidies.Api.Infrastructure.Idempotency;

/// <param name="ETag">The ETag header of the first response (the stream version it created), replayed with it.</param>
public sealed record StoredResponse(int Status, string? Location, string Body, string? ETag = null);

/// <summary>The key of the current request, and the response to store with its events.</summary>
public sealed class IdempotencyContext
{
    public string? Principal { get; set; }
    public string? Key { get; set; }
    public string? RequestHash { get; set; }

    /// <summary>Set by the handler before it appends: what the client will receive.</summary>
    public StoredResponse? Response { get; set; }

    public async Task RecordAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        if (RecordCommand() is not { } record)
        {
            return;
        }
        await using var batch = new NpgsqlBatch(conn, tx) { BatchCommands = { record } };
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The insert that stores the response with the request's events, or null without a key or response.</summary>
    public NpgsqlBatchCommand? RecordCommand()
    {
        if (Key is null || Response is null)
        {
            return null;
        }
        var cmd = new NpgsqlBatchCommand(
            "insert into api.idempotency_keys (principal, key, request_hash, status, location, body, etag) values ($1, $2, $3, $4, $5, $6, $7)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = Principal! });
        cmd.Parameters.Add(new NpgsqlParameter { Value = Key });
        cmd.Parameters.Add(new NpgsqlParameter { Value = RequestHash! });
        cmd.Parameters.Add(new NpgsqlParameter { Value = Response.Status });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)Response.Location ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = Response.Body });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)Response.ETag ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return cmd;
    }
}

public sealed class IdempotencyRaceException(Exception inner) : Exception("Another request with the same Idempotency-Key won.", inner)
{
    public IdempotencyRaceException() : this(new InvalidOperationException()) { }
}

/// <summary>Endpoint filter for creating POSTs with an <c>Idempotency-Key</c> header: the same key with the same body
/// returns the first response again and creates nothing; the same key with another body is 422 (API.md).</summary>
public sealed class IdempotencyFilter(NpgsqlDataSource dataSource) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return await next(context);
        }
        if (key.Length > 200)
        {
            throw ApiProblem.Ongeldig("Idempotency-Key mag hoogstens 200 tekens lang zijn.");
        }
        var principal = http.User.Claim("sub") ?? "anoniem";
        var hash = await HashBodyAsync(http.Request);

        var stored = await FindAsync(principal, key, hash, http.RequestAborted);
        if (stored is not null)
        {
            return Replay(http, stored);
        }

        var idem = http.RequestServices.GetRequiredService<IdempotencyContext>();
        idem.Principal = principal;
        idem.Key = key;
        idem.RequestHash = hash;
        try
        {
            return await next(context);
        }
        catch (IdempotencyRaceException)
        {
            stored = await FindAsync(principal, key, hash, http.RequestAborted)
                     ?? throw new InvalidOperationException("The winning idempotent response vanished.");
            return Replay(http, stored);
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Replay(HttpContext http, StoredResponse stored)
    {
        http.Response.Headers["Idempotent-Replayed"] = "true";
        if (stored.Location is not null)
        {
            http.Response.Headers.Location = stored.Location;
        }
        if (stored.ETag is not null)
        {
            http.Response.Headers.ETag = stored.ETag;
        }
        return TypedResults.Text(stored.Body, "application/json", System.Text.Encoding.UTF8, stored.Status);
    }

    private async Task<StoredResponse?> FindAsync(string principal, string key, string hash, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "select request_hash, status, location, body, etag from api.idempotency_keys where principal = $1 and key = $2");
        cmd.Parameters.Add(new NpgsqlParameter { Value = principal });
        cmd.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        if (reader.GetString(0) != hash)
        {
            throw new ApiProblem(422, "idempotency-key-hergebruikt",
                "Deze Idempotency-Key is al gebruikt voor een ander verzoek; gebruik een nieuwe sleutel.");
        }
        return new StoredResponse(reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
    }

    private static async Task<string> HashBodyAsync(HttpRequest request)
    {
        // The body was buffered by IdempotencyBuffering before model binding read it.
        request.Body.Position = 0;
        var hash = await SHA256.HashDataAsync(request.Body);
        request.Body.Position = 0;
        return Convert.ToHexString(hash) + ":" + request.Path;
    }
}

public static class IdempotencySetup
{
    public static IServiceCollection AddWozoIdempotency(this IServiceCollection services) =>
        services.AddScoped<IdempotencyContext>();

    /// <summary>Buffers the body of requests that carry an Idempotency-Key, so the filter can hash what was sent.</summary>
    public static WebApplication UseWozoIdempotency(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (context.Request.Headers.ContainsKey(IdempotencyFilter.Header))
            {
                context.Request.EnableBuffering();
            }
            return next(context);
        });
        return app;
    }

    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<IdempotencyFilter>();
}
