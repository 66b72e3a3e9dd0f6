using System.Text.Json;
using FluentValidation;
using Microsoft.Extensions.Options;
using Npgsql;
using WozoSubsidies.Api.Features.Toewijzing;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Api.Infrastructure.Http;
using WozoSubsidies.Api.Infrastructure.Idempotency;
using WozoSubsidies.Domain.Aanvragen;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace WozoSubsidies.Api.Features.Aanvragen;

public sealed record BezwaarIndienenVerzoek(Guid Id, Guid? BesluitId, string? Gronden, long? IfMatch) : IRequest<BezwaarAntwoord>, IRetryOnConflict;

public sealed class BezwaarIndienenValidator : AbstractValidator<BezwaarIndienenVerzoek>
{
    public BezwaarIndienenValidator()
    {
        RuleFor(r => r.BesluitId).NotNull().NotEqual(Guid.Empty).WithMessage("besluitId is verplicht: het besluit waartegen het bezwaar zich richt.");
        RuleFor(r => r.Gronden).NotEmpty().WithMessage("gronden is verplicht: een bezwaarschrift bevat de gronden (Awb 6:5).").MaximumLength(20_000);
    }
}

/// <summary>A bezwaar of the aanvrager (own organisation only). With an Idempotency-Key the bezwaar id comes from the key,
/// so a retried submission records one bezwaar.</summary>
public sealed class BezwaarIndienenHandler(AanvraagActie actie, IdempotencyContext idempotency, IOptions<JsonOptions> json)
    : IRequestHandler<BezwaarIndienenVerzoek, BezwaarAntwoord>
{
    public static string Locatie(Guid bezwaarId) => $"/api/bezwaren/{bezwaarId}";

    public async Task<BezwaarAntwoord> Handle(BezwaarIndienenVerzoek r, CancellationToken cancellationToken)
    {
        var bezwaarId = BesluitHulp.IdVoor(idempotency, "bezwaar", r.Id);
        BezwaarAntwoord? antwoord = null;
        var detail = await actie.VoerUitAsync(r.Id, Rollen.Aanvrager, "bezwaar maken", r.IfMatch,
            [_ => new BezwaarIndienen(r.Id, bezwaarId, r.BesluitId!.Value, r.Gronden!, actie.Context.Nu, actie.Context.Actor)],
            "BezwaarIndienen", cancellationToken,
            na =>
            {
                antwoord = Antwoord(bezwaarId, na);
                idempotency.Response = new StoredResponse(StatusCodes.Status201Created, Locatie(bezwaarId),
                    JsonSerializer.Serialize(antwoord, json.Value.SerializerOptions), Versions.ETag(na.Versie));
            });
        return antwoord ?? Antwoord(bezwaarId, detail);
    }

    private static BezwaarAntwoord Antwoord(Guid bezwaarId, AanvraagDetail na)
    {
        var bezwaar = na.Bezwaren.Single(b => b.BezwaarId == bezwaarId);
        var besluit = na.Besluiten.Single(b => b.BesluitId == bezwaar.BesluitId);
        return new BezwaarAntwoord(bezwaarId, bezwaar.BesluitId, bezwaar.IngediendOp, besluit.Datum.AddDays(Aanvraag.BezwaartermijnDagen), na);
    }
}

public sealed record BezwaarBeslissenVerzoek(Guid BezwaarId, bool? Gegrond, HerzieningBody? Herziening, string? Toelichting, long? IfMatch)
    : IRequest<BezwaarBeslissingAntwoord>, IRetryOnConflict;

public sealed class BezwaarBeslissenValidator : AbstractValidator<BezwaarBeslissenVerzoek>
{
    public BezwaarBeslissenValidator()
    {
        RuleFor(r => r.Gegrond).NotNull().WithMessage("gegrond is verplicht: true (gegrond) of false (ongegrond).");
        RuleFor(r => r.Toelichting).NotEmpty().WithMessage("toelichting is verplicht: een besluit op bezwaar wordt gemotiveerd (Awb 7:12).").MaximumLength(20_000);
        RuleFor(r => r.Herziening!.Soort).NotNull().When(r => r.Herziening is not null).OverridePropertyName("herziening.soort")
            .WithMessage("herziening.soort is Toekenning, Vaststelling of OpnieuwInBehandeling.");
        RuleFor(r => r.Herziening!.Bedrag).Bedrag("herziening.bedrag", nulMag: true)
            .When(r => r.Herziening is { Soort: HerzieningSoort.Toekenning or HerzieningSoort.Vaststelling }).OverridePropertyName("herziening.bedrag");
    }
}

public sealed class BezwaarBeslissenHandler(AanvraagActie actie, AanvraagToegang toegang, NpgsqlDataSource db)
    : IRequestHandler<BezwaarBeslissenVerzoek, BezwaarBeslissingAntwoord>
{
    public async Task<BezwaarBeslissingAntwoord> Handle(BezwaarBeslissenVerzoek r, CancellationToken cancellationToken)
    {
        var aanvraagId = await BesluitHulp.AanvraagVanBezwaarAsync(db, toegang, actie.Wijziging, r.BezwaarId, cancellationToken);
        var besluitOpBezwaarId = Guid.NewGuid();
        var herziening = r.Herziening is { Soort: { } soort } h ? new Herziening(soort, h.Bedrag ?? 0m) : null;
        // A changed toekenning or vaststelling is booked on the tijdvak by AanvraagActie (HerzieneToekenningBoeken).
        var detail = await actie.VoerUitAsync(aanvraagId, Rollen.Behandelaar, "op een bezwaar beslissen", r.IfMatch,
            _ => new BezwaarBeslissen(aanvraagId, r.BezwaarId, besluitOpBezwaarId, r.Gegrond!.Value, herziening, r.Toelichting!,
                actie.Context.Nu, actie.Context.Actor),
            "BezwaarBeslissen", cancellationToken);
        var bezwaar = detail.Bezwaren.Single(b => b.BezwaarId == r.BezwaarId);
        var nieuwBesluit = detail.Besluiten.Any(b => b.BesluitId == besluitOpBezwaarId) ? besluitOpBezwaarId : (Guid?)null;
        return new BezwaarBeslissingAntwoord(r.BezwaarId, bezwaar.Gegrond ?? false, nieuwBesluit, detail);
    }
}

public sealed record BezwaarLezen(Guid BezwaarId) : IRequest<BezwaarDetail>;

public sealed class BezwaarLezenHandler(Wijziging wijziging, AanvraagToegang toegang, NpgsqlDataSource db) : IRequestHandler<BezwaarLezen, BezwaarDetail>
{
    public async Task<BezwaarDetail> Handle(BezwaarLezen r, CancellationToken cancellationToken)
    {
        var aanvraagId = await BesluitHulp.AanvraagVanBezwaarAsync(db, toegang, wijziging, r.BezwaarId, cancellationToken);
        var (s, versie) = await wijziging.AanvraagAsync(aanvraagId, cancellationToken);
        var b = s.Bezwaren.Single(x => x.BezwaarId == r.BezwaarId);
        var status = b.Gegrond switch { null => "Open", true => "Gegrond", false => "Ongegrond" };
        return new BezwaarDetail(b.BezwaarId, aanvraagId, b.BesluitId, b.Gronden, b.IngediendOp, status, versie);
    }
}
