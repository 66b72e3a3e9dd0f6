using Microsoft.AspNetCore.Http.HttpResults;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Api.Infrastructure.Http;
using WozoSubsidies.Api.Infrastructure.Idempotency;

namespace WozoSubsidies.Api.Features.Aanvragen;

/// <summary>Decisions on an aanvraag and what follows them (API.md): beoordeling, toekenning, afwijzing, four-eyes
/// approval, voorschotten, verantwoording, vaststelling, intrekking of a toekenning, bezwaar. Every state change goes
/// through <see cref="AanvraagActie"/> (visibility → role → If-Match → settle past days → decide → tijdvak → store).
/// The endpoints admit every role that can see aanvragen, so that someone who may not see the aanvraag gets 404 and
/// someone who sees it but may not act gets 403, in that order.</summary>
public static class BesluitEndpoints
{
    public static IServiceCollection AddBesluitFeatures(this IServiceCollection services) => services
        .AddHandler<BeoordelenVerzoek, AanvraagDetail, BeoordelenHandler>()
        .AddHandler<ToekennenVerzoek, BesluitUitkomst, ToekennenHandler>()
        .AddHandler<AfwijzenVerzoek, BesluitUitkomst, AfwijzenHandler>()
        .AddHandler<BesluitGoedkeurenVerzoek, AanvraagDetail, BesluitGoedkeurenHandler>()
        .AddHandler<BesluitAfkeurenVerzoek, AanvraagDetail, BesluitAfkeurenHandler>()
        .AddHandler<BesluitLezen, BesluitDetail, BesluitLezenHandler>()
        .AddHandler<VaststellenVerzoek, VaststellingUitkomst, VaststellenHandler>()
        .AddHandler<ToekenningIntrekkenVerzoek, BesluitUitkomst, ToekenningIntrekkenHandler>()
        .AddHandler<VoorschotVerstrekkenVerzoek, VoorschotAntwoord, VoorschotVerstrekkenHandler>()
        .AddHandler<VerantwoordingIndienenVerzoek, AanvraagDetail, VerantwoordingIndienenHandler>()
        .AddHandler<BezwaarIndienenVerzoek, BezwaarAntwoord, BezwaarIndienenHandler>()
        .AddHandler<BezwaarBeslissenVerzoek, BezwaarBeslissingAntwoord, BezwaarBeslissenHandler>()
        .AddHandler<BezwaarLezen, BezwaarDetail, BezwaarLezenHandler>();

    public static IEndpointRouteBuilder MapBesluiten(this IEndpointRouteBuilder app)
    {
        var aanvraag = app.MapGroup("/api/aanvragen/{id:guid}").WithTags("Besluiten").RequireAuthorization(Beleid.AanvraagLezer);

        aanvraag.MapPost("/beoordeling", async Task<Ok<AanvraagDetail>> (Guid id, BeoordelingBody? body, HttpContext http, ISender sender, CancellationToken ct) =>
                AanvragenEndpoints.Antwoord(http, await sender.Send(new BeoordelenVerzoek(id, body?.Advies, body?.Score, body?.Toelichting, http.IfMatch()), ct)))
            .WithName("AanvraagBeoordelen")
            .WithSummary("Een behandelaar beoordeelt de aanvraag (advies Positief of Negatief, score 0–100 voor een tender); een ingediende aanvraag wordt daarmee in behandeling genomen. Accepteert If-Match.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        aanvraag.MapPost("/toekenning", async Task<Results<Ok<AanvraagDetail>, Accepted<BesluitInAfwachting>>> (
                Guid id, ToekenningBody? body, HttpContext http, ISender sender, CancellationToken ct) =>
                Uitkomst(http, await sender.Send(new ToekennenVerzoek(id, body?.Bedrag, http.IfMatch()), ct)))
            .WithName("AanvraagToekennen")
            .WithSummary("Een behandelaar kent een bedrag toe (ten hoogste het aangevraagde bedrag; de aanvraag moet een plaats op het budget hebben, anders 409 geen-plaats). Boven de vier-ogendrempel van de regeling is het antwoord 202: het besluit wacht op goedkeuring door een tweede behandelaar (Location: /api/besluiten/{besluitId}). Accepteert If-Match.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        aanvraag.MapPost("/afwijzing", async Task<Results<Ok<AanvraagDetail>, Accepted<BesluitInAfwachting>>> (
                Guid id, AfwijzingBody? body, HttpContext http, ISender sender, CancellationToken ct) =>
                Uitkomst(http, await sender.Send(new AfwijzenVerzoek(id, body?.Reden, body?.Toelichting, http.IfMatch()), ct)))
            .WithName("AanvraagAfwijzen")
            .WithSummary("Een behandelaar wijst de aanvraag af: reden niet-ontvankelijk, criteria of plafond-bereikt, met motivering. Boven de vier-ogendrempel (gewogen op het aangevraagde bedrag) 202. Accepteert If-Match.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        aanvraag.MapPost("/voorschotten", async Task<Created<VoorschotAntwoord>> (Guid id, VoorschotBody? body, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var antwoord = await sender.Send(new VoorschotVerstrekkenVerzoek(id, body?.Bedrag, http.IfMatch()), ct);
                http.SetETag(antwoord.Aanvraag.Versie);
                return TypedResults.Created(VoorschotVerstrekkenHandler.Locatie(id), antwoord);
            })
            .WithIdempotency()
            .WithName("VoorschotVerstrekken")
            .WithSummary("Een behandelaar verstrekt een voorschot op de toekenning; alle voorschotten samen nooit meer dan het toegekende bedrag (409 voorschot-boven-toekenning). Met Idempotency-Key wordt een herhaald verzoek nooit twee keer betaald. Accepteert If-Match.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422);

        aanvraag.MapPost("/verantwoording", async Task<Ok<AanvraagDetail>> (Guid id, VerantwoordingBody? body, HttpContext http, ISender sender, CancellationToken ct) =>
                AanvragenEndpoints.Antwoord(http, await sender.Send(new VerantwoordingIndienenVerzoek(id, body?.WerkelijkeKosten, body?.Toelichting, http.IfMatch()), ct)))
            .WithName("VerantwoordingIndienen")
            .WithSummary("De aanvrager verantwoordt de besteding van een toegekende subsidie: werkelijke kosten en toelichting (Awb 4:45). Accepteert If-Match.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        aanvraag.MapPost("/vaststelling", async Task<Results<Ok<VaststellingAntwoord>, Accepted<BesluitInAfwachting>>> (
                Guid id, VaststellingBody? body, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var uitkomst = await sender.Send(new VaststellenVerzoek(id, body?.Bedrag, body?.Toelichting, http.IfMatch()), ct);
                if (uitkomst.InAfwachting is { } wacht)
                {
                    http.SetETag(wacht.Aanvraag.Versie);
                    return TypedResults.Accepted(BesluitInAfwachting.Locatie(wacht.BesluitId), wacht);
                }
                http.SetETag(uitkomst.Vastgesteld!.Aanvraag.Versie);
                return TypedResults.Ok(uitkomst.Vastgesteld);
            })
            .WithName("SubsidieVaststellen")
            .WithSummary("Een behandelaar stelt de subsidie vast, ten hoogste op het toegekende bedrag (Awb 4:46). Het antwoord noemt wat nog te betalen is of, als de voorschotten hoger waren, de terugvordering (Awb 4:57). Boven de vier-ogendrempel (gewogen op het toegekende bedrag) 202. Accepteert If-Match.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        aanvraag.MapPost("/toekenning/intrekking", async Task<Results<Ok<AanvraagDetail>, Accepted<BesluitInAfwachting>>> (
                Guid id, IntrekkingBody? body, HttpContext http, ISender sender, CancellationToken ct) =>
                Uitkomst(http, await sender.Send(new ToekenningIntrekkenVerzoek(id, body?.Bedrag, body?.Reden, http.IfMatch()), ct)))
            .WithName("ToekenningIntrekken")
            .WithSummary("Een behandelaar trekt de toekenning geheel of gedeeltelijk in (Awb 4:48); het bedrag valt vrij op het tijdvak en wat al als voorschot was betaald boven het restant wordt teruggevorderd. Boven de vier-ogendrempel 202. Accepteert If-Match.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        aanvraag.MapPost("/bezwaren", async Task<Created<BezwaarAntwoord>> (Guid id, BezwaarBody? body, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var antwoord = await sender.Send(new BezwaarIndienenVerzoek(id, body?.BesluitId, body?.Gronden, http.IfMatch()), ct);
                http.SetETag(antwoord.Aanvraag.Versie);
                return TypedResults.Created(BezwaarIndienenHandler.Locatie(antwoord.BezwaarId), antwoord);
            })
            .WithIdempotency()
            .WithName("BezwaarIndienen")
            .WithSummary("De aanvrager maakt bezwaar tegen een besluit op de aanvraag, binnen zes weken (Awb 6:7; daarna 409 bezwaartermijn-verstreken). Accepteert Idempotency-Key en If-Match.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422);

        var besluit = app.MapGroup("/api/besluiten/{id:guid}").WithTags("Besluiten").RequireAuthorization(Beleid.AanvraagLezer);

        besluit.MapGet("", async Task<Ok<BesluitDetail>> (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var detail = await sender.Send(new BesluitLezen(id), ct);
                http.SetETag(detail.AanvraagVersie);
                return TypedResults.Ok(detail);
            })
            .WithName("BesluitLezen")
            .WithSummary("Eén besluit: wachtend op goedkeuring, genomen of afgekeurd, met de aanvraag waar het bij hoort. De ETag is de versie van die aanvraag.")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        besluit.MapPost("/goedkeuring", async Task<Ok<AanvraagDetail>> (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
                AanvragenEndpoints.Antwoord(http, await sender.Send(new BesluitGoedkeurenVerzoek(id, http.IfMatch()), ct)))
            .WithName("BesluitGoedkeuren")
            .WithSummary("Een tweede behandelaar keurt een besluit boven de vier-ogendrempel goed; het besluit neemt daarmee effect (ook op het budget van het tijdvak). Wie het voorstelde krijgt 403 vier-ogen-zelfde-persoon. If-Match gaat over de aanvraag.")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        besluit.MapPost("/afkeuring", async Task<Ok<AanvraagDetail>> (Guid id, AfkeuringBody? body, HttpContext http, ISender sender, CancellationToken ct) =>
                AanvragenEndpoints.Antwoord(http, await sender.Send(new BesluitAfkeurenVerzoek(id, body?.Toelichting, http.IfMatch()), ct)))
            .WithName("BesluitAfkeuren")
            .WithSummary("Een behandelaar keurt een wachtend besluit niet goed (met toelichting); het vervalt en een nieuw besluit kan worden voorgesteld. If-Match gaat over de aanvraag.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        var bezwaar = app.MapGroup("/api/bezwaren/{id:guid}").WithTags("Bezwaren").RequireAuthorization(Beleid.AanvraagLezer);

        bezwaar.MapGet("", async Task<Ok<BezwaarDetail>> (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var detail = await sender.Send(new BezwaarLezen(id), ct);
                http.SetETag(detail.AanvraagVersie);
                return TypedResults.Ok(detail);
            })
            .WithName("BezwaarLezen")
            .WithSummary("Eén bezwaar met zijn stand (Open, Gegrond, Ongegrond). De ETag is de versie van de aanvraag.")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        bezwaar.MapPost("/beslissing", async Task<Ok<BezwaarBeslissingAntwoord>> (Guid id, BezwaarBeslissingBody? body, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var antwoord = await sender.Send(new BezwaarBeslissenVerzoek(id, body?.Gegrond, body?.Herziening, body?.Toelichting, http.IfMatch()), ct);
                http.SetETag(antwoord.Aanvraag.Versie);
                return TypedResults.Ok(antwoord);
            })
            .WithName("BezwaarBeslissen")
            .WithSummary("Een behandelaar beslist op het bezwaar: gegrond of ongegrond, met motivering (Awb 7:12); bij gegrond eventueel met het gewijzigde besluit (herziening: Toekenning, Vaststelling of OpnieuwInBehandeling). Een toekenning na bezwaar wordt op het budget van het tijdvak geboekt (409 plafond-bereikt als het niet past). If-Match gaat over de aanvraag.")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        return app;
    }

    private static Results<Ok<AanvraagDetail>, Accepted<BesluitInAfwachting>> Uitkomst(HttpContext http, BesluitUitkomst uitkomst)
    {
        http.SetETag(uitkomst.Aanvraag.Versie);
        return uitkomst.InAfwachting is { } wacht
            ? TypedResults.Accepted(BesluitInAfwachting.Locatie(wacht.BesluitId), wacht)
            : TypedResults.Ok(uitkomst.Aanvraag);
    }
}
