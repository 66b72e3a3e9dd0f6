using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WozoSubsidies.Api.Features.Toewijzing;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Api.Infrastructure.Http;
using WozoSubsidies.Api.Infrastructure.Idempotency;

namespace WozoSubsidies.Api.Features.Aanvragen;

public static class AanvragenEndpoints
{
    public static IServiceCollection AddAanvragenFeatures(this IServiceCollection services)
    {
        services.AddScoped<Wijziging>();
        services.AddScoped<IUnitOfWork>(sp => sp.GetRequiredService<Wijziging>());
        services.AddScoped<AanvraagToegang>();
        services.AddScoped<AanvraagActie>();
        return services
            .AddHandler<AanvraagIndienenVerzoek, AanvraagIngediendAntwoord, AanvraagIndienenHandler>()
            .AddHandler<AanvragenZoeken, AanvraagPagina, AanvragenZoekenHandler>()
            .AddHandler<AanvraagLezen, AanvraagDetail, AanvraagLezenHandler>()
            .AddHandler<HistorieLezen, IReadOnlyList<HistorieRegel>, HistorieLezenHandler>()
            .AddHandler<AanvraagIntrekken, AanvraagDetail, AanvraagIntrekkenHandler>()
            .AddHandler<AanvullingVragenVerzoek, AanvraagDetail, AanvullingVragenHandler>()
            .AddHandler<AanvullingAanleverenVerzoek, AanvraagDetail, AanvullingAanleverenHandler>();
    }

    public static IEndpointRouteBuilder MapAanvragen(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/aanvragen").WithTags("Aanvragen");

        group.MapPost("", async Task<Created<AanvraagIngediendAntwoord>> (AanvraagIndienenVerzoek verzoek, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var antwoord = await sender.Send(verzoek, ct);
                http.SetETag(1);
                return TypedResults.Created($"/api/aanvragen/{antwoord.Id}", antwoord);
            })
            .RequireAuthorization(Beleid.Aanvrager).WithIdempotency()
            .WithName("AanvraagIndienen")
            .WithSummary("Een aanvraag indienen (aanvrager). Met Idempotency-Key levert een herhaling het eerste antwoord en geen tweede aanvraag.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        group.MapGet("", async Task<Ok<AanvraagPagina>> (ISender sender, CancellationToken ct,
                [FromQuery] string? regeling = null, [FromQuery] Guid? tijdvakId = null, [FromQuery] string? status = null,
                [FromQuery] string? aanvrager = null, [FromQuery] int? pagina = null, [FromQuery] int? paginaGrootte = null) =>
                TypedResults.Ok(await sender.Send(new AanvragenZoeken(regeling, tijdvakId, status, aanvrager, pagina ?? 1, paginaGrootte ?? 50), ct)))
            .RequireAuthorization(Beleid.AanvraagLezer)
            .WithName("AanvragenZoeken")
            .WithSummary("Aanvragen per regeling, tijdvak, status en aanvrager, op volgorde van ontvangst, per pagina (behandelaar: eigen uitvoerder; aanvrager: eigen organisatie; auditor: alles).")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        group.MapGet("/{id:guid}", async Task<Ok<AanvraagDetail>> (Guid id, HttpContext http, ISender sender, CancellationToken ct,
                [FromQuery] DateTimeOffset? asOf = null, [FromQuery] long? versie = null) =>
            {
                var detail = await sender.Send(new AanvraagLezen(id, asOf, versie), ct);
                http.SetETag(detail.Versie);
                return TypedResults.Ok(detail);
            })
            .RequireAuthorization(Beleid.AanvraagLezer)
            .WithName("AanvraagLezen")
            .WithSummary("Eén aanvraag zoals zij nu is; ?asOf=<moment> of ?versie=<n> toont haar zoals zij toen was.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        group.MapGet("/{id:guid}/historie", async Task<Ok<IReadOnlyList<HistorieRegel>>> (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new HistorieLezen(id), ct)))
            .RequireAuthorization(Beleid.AanvraagLezer)
            .WithName("AanvraagHistorie")
            .WithSummary("De tijdlijn: wie besliste wat, wanneer, volgens welke regelversie.")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        group.MapPost("/{id:guid}/intrekken", async Task<Ok<AanvraagDetail>> (Guid id, IntrekkenBody? body, HttpContext http, ISender sender, CancellationToken ct) =>
                Antwoord(http, await sender.Send(new AanvraagIntrekken(id, body?.Toelichting, http.IfMatch()), ct)))
            .RequireAuthorization(Beleid.Aanvrager)
            .WithName("AanvraagIntrekken").WithSummary("De aanvrager trekt de aanvraag in, vóór een besluit. Accepteert If-Match.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        group.MapPost("/{id:guid}/aanvullingsverzoek", async Task<Ok<AanvraagDetail>> (Guid id, AanvullingsverzoekBody body, HttpContext http, ISender sender, CancellationToken ct) =>
                Antwoord(http, await sender.Send(new AanvullingVragenVerzoek(id, body.Omschrijving, body.TermijnDagen, http.IfMatch()), ct)))
            .RequireAuthorization(Beleid.Behandelaar)
            .WithName("AanvullingVragen").WithSummary("Om ontbrekende stukken vragen (Awb 4:5); de beslistermijn wordt opgeschort. Accepteert If-Match.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        group.MapPost("/{id:guid}/aanvulling", async Task<Ok<AanvraagDetail>> (Guid id, AanvullingBody body, HttpContext http, ISender sender, CancellationToken ct) =>
                Antwoord(http, await sender.Send(new AanvullingAanleverenVerzoek(id, body.Toelichting, http.IfMatch()), ct)))
            .RequireAuthorization(Beleid.Aanvrager)
            .WithName("AanvullingAanleveren").WithSummary("De aanvrager levert de gevraagde aanvulling aan. Accepteert If-Match.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        return app;
    }

    public static Ok<AanvraagDetail> Antwoord(HttpContext http, AanvraagDetail detail)
    {
        http.SetETag(detail.Versie);
        return TypedResults.Ok(detail);
    }
}
