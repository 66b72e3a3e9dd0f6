using System.Text.Json;
using FluentValidation;
using Npgsql;
using WozoSubsidies.Api.Features.Toewijzing;
using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Api.Infrastructure.EventSourcing;
using WozoSubsidies.Api.Infrastructure.Idempotency;
using WozoSubsidies.Api.Infrastructure.Problems;
using WozoSubsidies.Domain.Aanvragen;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Regels;
using WozoSubsidies.Domain.Tijdvakken;

namespace WozoSubsidies.Api.Features.Aanvragen;

/// <param name="Regeling">The regeling's code, e.g. IWO.</param>
/// <param name="TijdvakId">Optional: the tijdvak; by default the regeling's tijdvak that is open today.</param>
/// <param name="Aanvrager">The applying organisation; its kvkNummer (or OIN) must be the org of your token.</param>
/// <param name="Gegevens">The regeling-specific content (see the examples per regeling).</param>
public sealed record AanvraagIndienenVerzoek(string Regeling, Guid? TijdvakId, AanvragerDto Aanvrager, JsonElement Gegevens)
    : IRequest<AanvraagIngediendAntwoord>;

public sealed class AanvraagIndienenValidator : AbstractValidator<AanvraagIndienenVerzoek>
{
    public AanvraagIndienenValidator()
    {
        RuleFor(r => r.Regeling).NotEmpty().WithMessage("regeling is verplicht.")
            .Must(RegelingCalculators.IsBekend).WithMessage(r => $"regeling '{r.Regeling}' bestaat niet; kies uit {string.Join(", ", RegelingCodes.Alle)}.");
        RuleFor(r => r.Aanvrager).NotNull().WithMessage("aanvrager is verplicht.");
        RuleFor(r => r.Aanvrager.KvkNummer).Matches("^([0-9]{8}|[0-9]{20})$").When(r => r.Aanvrager is not null)
            .WithMessage("aanvrager.kvkNummer is een KvK-nummer van 8 cijfers of een OIN van 20 cijfers.");
        RuleFor(r => r.Aanvrager.Naam).NotEmpty().MaximumLength(200).When(r => r.Aanvrager is not null);
        RuleFor(r => r.Aanvrager.Type).NotEmpty().MaximumLength(100).When(r => r.Aanvrager is not null);
        RuleFor(r => r.Gegevens.ValueKind).Equal(JsonValueKind.Object).OverridePropertyName("gegevens")
            .WithMessage("gegevens is een object met de gegevens van de regeling.");
    }
}

public sealed class AanvraagIndienenHandler(
    Wijziging wijziging, RequestContext context, NpgsqlDataSource db, IdempotencyContext idempotency,
    Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    : IRequestHandler<AanvraagIndienenVerzoek, AanvraagIngediendAntwoord>
{
    public async Task<AanvraagIngediendAntwoord> Handle(AanvraagIndienenVerzoek r, CancellationToken cancellationToken)
    {
        if (context.Org != r.Aanvrager.KvkNummer)
        {
            throw ApiProblem.GeenToegang("U kunt alleen een aanvraag indienen voor uw eigen organisatie (de org van uw token).");
        }
        if (r.TijdvakId is { } gekozen)
        {
            await wijziging.RegelingEnTijdvakLadenAsync(r.Regeling, gekozen, cancellationToken);
        }
        var (regeling, regelingVersie) = await wijziging.RegelingAsync(r.Regeling, cancellationToken);
        if (regelingVersie == 0)
        {
            throw ApiProblem.NietGevonden($"Regeling {r.Regeling}");
        }
        var vandaag = Amsterdam.Dag(context.Nu);
        var tijdvakId = r.TijdvakId ?? await OpenTijdvakAsync(r.Regeling, vandaag, cancellationToken);
        var (tijdvak, tijdvakVersie) = await wijziging.TijdvakAsync(tijdvakId, cancellationToken);
        if (tijdvakVersie == 0 || tijdvak.RegelingCode != r.Regeling)
        {
            throw ApiProblem.NietGevonden($"Tijdvak {tijdvakId} van regeling {r.Regeling}");
        }
        if (!Tijdvak.AanvaardtAanvragen(tijdvak, context.Nu))
        {
            throw new ApiProblem(409, "tijdvak-niet-open", $"{tijdvak.Naam} neemt nu geen aanvragen aan (open van {tijdvak.Opent:yyyy-MM-dd} tot en met {tijdvak.Sluit:yyyy-MM-dd}, status {tijdvak.Status}).");
        }
        if (!Tijdvak.MagIndienen(tijdvak, r.Aanvrager.KvkNummer))
        {
            throw new ApiProblem(403, "niet-uitgenodigd", $"{tijdvak.Naam} staat alleen open voor uitgenodigde organisaties.");
        }
        var regels = Regeling.RegelsOp(regeling, vandaag)
            ?? throw new ApiProblem(409, "geen-regels", $"Voor {r.Regeling} zijn op {vandaag:yyyy-MM-dd} geen regels van kracht.");

        AanvraagGegevens gegevens;
        try
        {
            gegevens = RegelsJson.LeesGegevens(r.Regeling, r.Gegevens);
        }
        catch (JsonException e)
        {
            throw new ApiProblem(400, "validatie", $"De gegevens passen niet bij regeling {r.Regeling}: {e.Message}");
        }

        var id = Guid.NewGuid();
        wijziging.NieuweAanvraag(new Indienen(id, r.Regeling, tijdvakId,
            new Aanvrager(r.Aanvrager.KvkNummer, r.Aanvrager.Naam, r.Aanvrager.Type), gegevens, regels.Versie, regels.Parameters,
            tijdvak.Regels, context.Nu, context.Actor, regeling.BeslistermijnWeken));

        var state = wijziging.StateVan(id);
        var detail = AanvraagDetail.From(state, 1, context.Nu, tijdvak);
        var antwoord = new AanvraagIngediendAntwoord(id, state.Status, state.IngediendOp, state.AangevraagdBedrag, detail.Plaatsing);
        idempotency.Response = new StoredResponse(201, $"/api/aanvragen/{id}", JsonSerializer.Serialize(antwoord, json.Value.SerializerOptions),
            Infrastructure.Http.Versions.ETag(1));
        await wijziging.OpslaanAsync("AanvraagIndienen", cancellationToken, regels.Versie.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return antwoord;
    }

    private async Task<Guid> OpenTijdvakAsync(string regeling, DateOnly vandaag, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "select id from api.tijdvakken where regeling_code = $1 and status = 'Open' and opent <= $2 and sluit >= $2 order by opent desc limit 1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = regeling });
        cmd.Parameters.Add(new NpgsqlParameter { Value = vandaag });
        return await cmd.ExecuteScalarAsync(ct) is Guid id
            ? id
            : throw new ApiProblem(409, "geen-open-tijdvak", $"Regeling {regeling} heeft vandaag geen open tijdvak.");
    }
}
