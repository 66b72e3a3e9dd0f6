using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Api.Infrastructure.Database;

public static class DatabaseSetup
{
    /// <summary>The API's own schema scripts (read models, idempotency keys), applied after the event store's.</summary>
    public static MigrationSet ApiMigrations { get; } = new("api", typeof(DatabaseSetup).Assembly, "Infrastructure.Migrations");

    public static IReadOnlyList<MigrationSet> AllMigrations { get; } = [MigrationSet.EventStore, ApiMigrations];

    public static IServiceCollection AddWozoDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Wozo");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "ConnectionStrings__Wozo is not set. Start the service with ./deploy/run.sh, which starts a project-local PostgreSQL, or set it to your database.");
        }
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.ApplicationName ??= "wozo-subsidies";
        // The service keeps no session state on pooled connections (no SET, no temp tables; the migrator releases its
        // advisory lock itself). Without this, Npgsql resets every returned connection, which also discards the cached
        // plans of eventstore.append: measured 2.5x the PostgreSQL CPU per append (docs/benchmarks.md).
        builder.NoResetOnClose = true;
        // A closing or day settlement appends every aanvraag of a tijdvak in one transaction: 10,000 took over 30 s (Npgsql's
        // default) on a loaded machine and failed (docs/benchmarks.md, phase f). Unless the operator chose a timeout, allow 5 min.
        if (!connectionString.Contains("Command Timeout", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("CommandTimeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.CommandTimeout = 300;
        }
        services.AddSingleton(_ => NpgsqlDataSource.Create(builder.ConnectionString));
        services.AddHostedService<MigrationService>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    public static WebApplication MapWozoHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithTags("Gezondheid").WithName("Levend").WithSummary("Liveness: the process answers.");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync })
            .WithTags("Gezondheid").WithName("Gereed").WithSummary("Readiness: the database answers and its schema is current.");
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), detail = e.Value.Description }),
        }));
    }
}

/// <summary>Applies the versioned SQL scripts before the server starts listening (hosted services start first),
/// so a node never serves on an old schema. Safe when several nodes start at once (see Migrator).</summary>
public sealed partial class MigrationService(NpgsqlDataSource dataSource, ILogger<MigrationService> logger) : IHostedService
{
    public static bool Completed { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await Migrator.ApplyAsync(dataSource, DatabaseSetup.AllMigrations, ct: cancellationToken);
        foreach (var m in applied)
        {
            LogApplied(logger, m.Module, m.Name);
        }
        Completed = true;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Module}/{Name}")]
    private static partial void LogApplied(ILogger logger, string module, string name);
}

public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var cmd = dataSource.CreateCommand("select count(*) from public.schema_migrations");
            await cmd.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy("PostgreSQL answers.");
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            // The reason without connection details: the endpoint is public.
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer.");
        }
    }
}
