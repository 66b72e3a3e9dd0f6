using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Api.Infrastructure.Problems;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Api.Features.Audit;

public static class AuditEndpoints
{
    public static IServiceCollection AddAuditFeatures(this IServiceCollection services) => services
        .AddHandler<StreamLezen, IReadOnlyList<AuditEvent>, StreamLezenHandler>()
        .AddHandler<LogLezen, LogPagina, LogLezenHandler>()
        .AddHandler<KetenVerifieren, VerificatieUitkomst, KetenVerifierenHandler>();

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Beleid.Auditor);

        group.MapGet("/streams/{streamId}", async Task<Ok<IReadOnlyList<AuditEvent>>> (string streamId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new StreamLezen(streamId), ct)))
            .WithName("AuditStreamLezen")
            .WithSummary("Elk event van één stream, met metadata en hash, in volgorde.")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        group.MapGet("/events", async Task<Results<Ok<LogPagina>, EmptyHttpResult>> (
                HttpContext http, ISender sender, PostgresEventStore store, CancellationToken ct,
                [FromQuery] long? vanafPositie = null, [FromQuery] int? limiet = null) =>
            {
                if (http.Request.Headers.Accept.ToString().Contains("application/x-ndjson", StringComparison.OrdinalIgnoreCase))
                {
                    await StreamNdjsonAsync(http, store, vanafPositie ?? 0, ct);
                    return TypedResults.Empty;
                }
                return TypedResults.Ok(await sender.Send(new LogLezen(vanafPositie ?? 0, limiet ?? 100), ct));
            })
            .WithName("AuditEventsLezen")
            .WithSummary("Het globale log in commit-volgorde, per pagina; met Accept: application/x-ndjson het hele log als stroom.")
            .Produces<LogPagina>(200, "application/json", "application/x-ndjson")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);

        group.MapGet("/verificatie", async Task<Ok<VerificatieUitkomst>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new KetenVerifieren(), ct)))
            .WithName("AuditVerificatie")
            .WithSummary("Controleert de hashketen van elke stream en noemt de eerste afwijking.")
            .ProducesProblem(401).ProducesProblem(403);
        return app;
    }

    // Constant memory and no allocation per event: the log comes as binary COPY parsed in place (LogCopy) over two
    // connections at once (the bodies as their stored canonical text, migration 0006), so reading and formatting run on
    // two cores; each reader writes its chunk's lines into a reused buffer on a thread of its own, and the chunks go to
    // the client in position order, in pieces of 1 MB.
    private static async Task StreamNdjsonAsync(HttpContext http, PostgresEventStore store, long from, CancellationToken ct)
    {
        http.Response.ContentType = "application/x-ndjson";
        await new LogCopy(store.DataSource).CopyParallelAsync(from, LineWriter, async (chunk, token) =>
        {
            for (var offset = 0; offset < chunk.Length; offset += 1 << 20)
            {
                await http.Response.Body.WriteAsync(chunk[offset..Math.Min(chunk.Length, offset + (1 << 20))], token);
            }
        }, ct: ct);
    }

    private static RawEventViewHandler LineWriter(System.Buffers.IBufferWriter<byte> output)
    {
        var writer = new Utf8JsonWriter(output);
        return (in RawEventView e) =>
        {
            AuditEvent.WriteLine(writer, e);
            writer.Flush();
            writer.Reset();
            System.Buffers.BuffersExtensions.Write(output, "\n"u8);
        };
    }
}

public sealed record StreamLezen(string StreamId) : IRequest<IReadOnlyList<AuditEvent>>;

public sealed class StreamLezenHandler(PostgresEventStore store) : IRequestHandler<StreamLezen, IReadOnlyList<AuditEvent>>
{
    public async Task<IReadOnlyList<AuditEvent>> Handle(StreamLezen request, CancellationToken cancellationToken)
    {
        var events = await store.ReadStreamRawAsync(request.StreamId, ct: cancellationToken);
        if (events.Count == 0)
        {
            throw ApiProblem.NietGevonden($"Stream {request.StreamId}");
        }
        return events.Select(AuditEvent.From).ToList();
    }
}

/// <param name="VolgendePositie">Pass as vanafPositie to read on; equal to the request's when nothing newer is committed.</param>
public sealed record LogPagina(IReadOnlyList<AuditEvent> Events, long VolgendePositie);

public sealed record LogLezen(long VanafPositie, int Limiet) : IRequest<LogPagina>;

public sealed class LogLezenValidator : AbstractValidator<LogLezen>
{
    public LogLezenValidator()
    {
        RuleFor(r => r.VanafPositie).GreaterThanOrEqualTo(0).WithMessage("vanafPositie moet 0 of meer zijn.");
        RuleFor(r => r.Limiet).InclusiveBetween(1, 1000).WithMessage("limiet moet tussen 1 en 1000 liggen.");
    }
}

public sealed class LogLezenHandler(PostgresEventStore store) : IRequestHandler<LogLezen, LogPagina>
{
    public async Task<LogPagina> Handle(LogLezen request, CancellationToken cancellationToken)
    {
        var events = new List<AuditEvent>();
        await foreach (var e in store.ReadLogRawAsync(request.VanafPositie, request.Limiet, cancellationToken))
        {
            events.Add(AuditEvent.From(e));
        }
        return new LogPagina(events, events.Count > 0 ? events[^1].Positie : request.VanafPositie);
    }
}

/// <param name="Ok">True when every chain matches.</param>
/// <param name="Gecontroleerd">The number of events checked.</param>
/// <param name="EersteAfwijking">The earliest event (lowest position) that does not match, if any.</param>
public sealed record VerificatieUitkomst(bool Ok, long Gecontroleerd, long StreamsGecontroleerd, Afwijking? EersteAfwijking, int StreamsMetAfwijking);

public sealed record Afwijking(string StreamId, long Versie, long? Positie, Guid? EventId, string Reden);

public sealed record KetenVerifieren : IRequest<VerificatieUitkomst>;

public sealed class KetenVerifierenHandler(PostgresEventStore store) : IRequestHandler<KetenVerifieren, VerificatieUitkomst>
{
    public async Task<VerificatieUitkomst> Handle(KetenVerifieren request, CancellationToken cancellationToken)
    {
        var r = await store.VerifyAsync(ct: cancellationToken);
        var d = r.FirstDeviation;
        return new VerificatieUitkomst(r.Ok, r.EventsChecked, r.StreamsChecked,
            d is null ? null : new Afwijking(d.StreamId, d.StreamVersion, d.Position == long.MaxValue ? null : d.Position, d.EventId, d.Reason),
            r.StreamsWithDeviation);
    }
}
