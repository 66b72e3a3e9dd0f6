using System.Text.Json;
using FluentValidation;
using Microsoft.Extensions.Options;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Api.Infrastructure.Http;
using WozoSubsidies.Api.Infrastructure.Idempotency;
using WozoSubsidies.Domain.Aanvragen;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace WozoSubsidies.Api.Features.Aanvragen;

public sealed record VoorschotVerstrekkenVerzoek(Guid Id, decimal? Bedrag, long? IfMatch) : IRequest<VoorschotAntwoord>, IRetryOnConflict;

public sealed class VoorschotVerstrekkenValidator : AbstractValidator<VoorschotVerstrekkenVerzoek>
{
    public VoorschotVerstrekkenValidator() => RuleFor(r => r.Bedrag).Bedrag("bedrag");
}

/// <summary>A voorschot is a payment: with an Idempotency-Key its id comes from the key, so a retried request (even one
/// racing the first) pays once, and the first answer is stored with the events to be replayed.</summary>
public sealed class VoorschotVerstrekkenHandler(AanvraagActie actie, IdempotencyContext idempotency, IOptions<JsonOptions> json)
    : IRequestHandler<VoorschotVerstrekkenVerzoek, VoorschotAntwoord>
{
    public static string Locatie(Guid aanvraagId) => $"/api/aanvragen/{aanvraagId}";

    public async Task<VoorschotAntwoord> Handle(VoorschotVerstrekkenVerzoek r, CancellationToken cancellationToken)
    {
        var voorschotId = BesluitHulp.IdVoor(idempotency, "voorschot", r.Id);
        VoorschotAntwoord? antwoord = null;
        var detail = await actie.VoerUitAsync(r.Id, Rollen.Behandelaar, "een voorschot verstrekken", r.IfMatch,
            [_ => new VoorschotVerstrekken(r.Id, voorschotId, r.Bedrag!.Value, actie.Context.Nu, actie.Context.Actor)],
            "VoorschotVerstrekken", cancellationToken,
            na =>
            {
                antwoord = Antwoord(voorschotId, na);
                idempotency.Response = new StoredResponse(StatusCodes.Status201Created, Locatie(r.Id),
                    JsonSerializer.Serialize(antwoord, json.Value.SerializerOptions), Versions.ETag(na.Versie));
            });
        return antwoord ?? Antwoord(voorschotId, detail);
    }

    private static VoorschotAntwoord Antwoord(Guid voorschotId, AanvraagDetail na)
    {
        var betaald = na.Voorschotten.Sum(v => v.Bedrag);
        var bedrag = na.Voorschotten.Single(v => v.VoorschotId == voorschotId).Bedrag;
        return new VoorschotAntwoord(voorschotId, bedrag, betaald, na.ToegekendBedrag, na.ToegekendBedrag - betaald, na);
    }
}

public sealed record VerantwoordingIndienenVerzoek(Guid Id, decimal? WerkelijkeKosten, string? Toelichting, long? IfMatch)
    : IRequest<AanvraagDetail>, IRetryOnConflict;

public sealed class VerantwoordingIndienenValidator : AbstractValidator<VerantwoordingIndienenVerzoek>
{
    public VerantwoordingIndienenValidator()
    {
        RuleFor(r => r.WerkelijkeKosten).Bedrag("werkelijkeKosten", nulMag: true);
        RuleFor(r => r.Toelichting).NotEmpty().WithMessage("toelichting is verplicht: verantwoord de besteding.").MaximumLength(10_000);
    }
}

public sealed class VerantwoordingIndienenHandler(AanvraagActie actie) : IRequestHandler<VerantwoordingIndienenVerzoek, AanvraagDetail>
{
    public Task<AanvraagDetail> Handle(VerantwoordingIndienenVerzoek r, CancellationToken cancellationToken) =>
        actie.VoerUitAsync(r.Id, Rollen.Aanvrager, "een verantwoording indienen", r.IfMatch,
            _ => new VerantwoordingIndienen(r.Id, r.WerkelijkeKosten!.Value, r.Toelichting!, actie.Context.Nu, actie.Context.Actor),
            "VerantwoordingIndienen", cancellationToken);
}
