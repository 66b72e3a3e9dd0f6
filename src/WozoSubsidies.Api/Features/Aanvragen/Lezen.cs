using System.Text;
using System.Text.Json;
using FluentValidation;
using Npgsql;
using WozoSubsidies.Api.Features.Toewijzing;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Api.Infrastructure.EventSourcing;
using WozoSubsidies.Api.Infrastructure.Problems;
using WozoSubsidies.Domain.Aanvragen;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Api.Features.Aanvragen;

public sealed record AanvragenZoeken(string? Regeling, Guid? TijdvakId, string? Status, string? Aanvrager, int Pagina, int PaginaGrootte)
    : IRequest<AanvraagPagina>;

public sealed class AanvragenZoekenValidator : AbstractValidator<AanvragenZoeken>
{
    public AanvragenZoekenValidator()
    {
        RuleFor(r => r.Pagina).InclusiveBetween(1, 1_000_000).WithMessage("pagina begint bij 1.");
        RuleFor(r => r.PaginaGrootte).InclusiveBetween(1, 500).WithMessage("paginaGrootte ligt tussen 1 en 500.");
        RuleFor(r => r.Status).Must(s => s is null || Enum.TryParse<AanvraagStatus>(s, ignoreCase: false, out _))
            .WithMessage($"status is een van {string.Join(", ", Enum.GetNames<AanvraagStatus>().Skip(1))}.");
    }
}

/// <summary>The list read model (api.aanvragen, updated in the append transaction): scoped to what the caller may see,
/// sorted by receipt.</summary>
public sealed class AanvragenZoekenHandler(NpgsqlDataSource db, RequestContext context) : IRequestHandler<AanvragenZoeken, AanvraagPagina>
{
    public async Task<AanvraagPagina> Handle(AanvragenZoeken r, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("true");
        var parameters = new List<NpgsqlParameter>();
        void Filter(string column, object? value)
        {
            if (value is null)
            {
                return;
            }
            parameters.Add(new NpgsqlParameter { Value = value });
            where.Append(System.Globalization.CultureInfo.InvariantCulture, $" and {column} = ${parameters.Count}");
        }
        // Scope first: a behandelaar sees their own uitvoerder's regelingen, an aanvrager their own organisation's.
        switch (context.Rol)
        {
            case Rollen.Behandelaar: Filter("uitvoerder", context.Uitvoerder ?? ""); break;
            case Rollen.Aanvrager: Filter("aanvrager_kvk", context.Org ?? ""); break;
            case Rollen.Auditor: break;
            default: throw ApiProblem.GeenToegang("Deze rol ziet geen aanvragen.");
        }
        Filter("regeling_code", r.Regeling);
        Filter("tijdvak_id", r.TijdvakId);
        Filter("status", r.Status);
        Filter("aanvrager_kvk", r.Aanvrager);

        await using var conn = await db.OpenConnectionAsync(cancellationToken);
        long totaal;
        await using (var count = new NpgsqlCommand($"select count(*) from api.aanvragen where {where}", conn))
        {
            count.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
            totaal = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }
        await using var cmd = new NpgsqlCommand(
            $"""
             select id, regeling_code, tijdvak_id, status, aanvrager_kvk, aanvrager_naam, ontvangen_op, aangevraagd_bedrag, toegekend_bedrag, versie
             from api.aanvragen where {where} order by ontvangen_op, id limit {r.PaginaGrootte} offset {(long)(r.Pagina - 1) * r.PaginaGrootte}
             """, conn);
        cmd.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
        var lijst = new List<AanvraagRegel>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lijst.Add(new AanvraagRegel(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetDecimal(7), reader.IsDBNull(8) ? null : reader.GetDecimal(8),
                reader.GetInt64(9)));
        }
        return new AanvraagPagina(lijst, r.Pagina, r.PaginaGrootte, totaal);
    }
}

/// <summary>One aanvraag, folded from its stream: now, as it stood at a moment (asOf), or after a version (versie).</summary>
public sealed record AanvraagLezen(Guid Id, DateTimeOffset? AsOf, long? Versie) : IRequest<AanvraagDetail>;

public sealed class AanvraagLezenValidator : AbstractValidator<AanvraagLezen>
{
    public AanvraagLezenValidator()
    {
        RuleFor(r => r.Versie).GreaterThan(0).When(r => r.Versie is not null).WithMessage("versie begint bij 1.");
        RuleFor(r => r).Must(r => r.AsOf is null || r.Versie is null).WithMessage("Gebruik asOf of versie, niet beide.").OverridePropertyName("asOf");
    }
}

public sealed class AanvraagLezenHandler(Aggregates aggregates, Wijziging wijziging, AanvraagToegang toegang, RequestContext context)
    : IRequestHandler<AanvraagLezen, AanvraagDetail>
{
    public async Task<AanvraagDetail> Handle(AanvraagLezen r, CancellationToken cancellationToken)
    {
        // Visibility is judged on the aanvraag as it is now (its owner and regeling never change).
        await toegang.LaadZichtbaarAsync(wijziging, r.Id, cancellationToken);
        var loaded = await aggregates.AanvraagAsync(r.Id, cancellationToken, r.Versie, r.AsOf);
        if (!loaded.Exists)
        {
            throw ApiProblem.NietGevonden(r.AsOf is null ? $"Versie {r.Versie} van aanvraag {r.Id}" : $"Aanvraag {r.Id} op {r.AsOf:O}");
        }
        var (tijdvak, _) = await wijziging.TijdvakAsync(loaded.State.TijdvakId, cancellationToken);
        return AanvraagDetail.From(loaded.State, loaded.Version, r.AsOf ?? context.Nu, r.AsOf is null && r.Versie is null ? tijdvak : null);
    }
}

public sealed record HistorieLezen(Guid Id) : IRequest<IReadOnlyList<HistorieRegel>>;

public sealed class HistorieLezenHandler(PostgresEventStore store, Wijziging wijziging, AanvraagToegang toegang)
    : IRequestHandler<HistorieLezen, IReadOnlyList<HistorieRegel>>
{
    public async Task<IReadOnlyList<HistorieRegel>> Handle(HistorieLezen r, CancellationToken cancellationToken)
    {
        await toegang.LaadZichtbaarAsync(wijziging, r.Id, cancellationToken);
        var events = await store.ReadStreamAsync(Streams.Aanvraag(r.Id), ct: cancellationToken);
        return events.Select(e => new HistorieRegel(
            e.StreamVersion, e.RecordedAt, e.EventType, Omschrijving.Van(e.Data), e.Metadata.ActorId, e.Metadata.ActorRole,
            e.Metadata.RuleVersion, e.Metadata.CorrelationId, e.Data)).ToList();
    }
}

/// <summary>A readable sentence per event, for the timeline an applicant or auditor reads.</summary>
public static class Omschrijving
{
    public static string Van(object e) => e switch
    {
        AanvraagIngediend i => $"Aanvraag ingediend voor {i.RegelingCode}, aangevraagd {Domain.Gedeeld.Bedrag.Toon(i.AangevraagdBedrag)} (regels versie {i.RegelsVersie}).",
        AanvraagPlaatsToegewezen p => $"Plaats binnen het budgetplafond: {Domain.Gedeeld.Bedrag.Toon(p.BeslagNa)} in beslag genomen.",
        AanvraagOpWachtlijstGeplaatst w => $"Op de wachtlijst geplaatst op positie {w.Positie}.",
        AanvullingGevraagd a => $"Aanvulling gevraagd: {a.Omschrijving}",
        AanvullingOntvangen => "Aanvulling ontvangen; de aanvraag is compleet.",
        AanvraagBuitenBehandelingGesteld => "Buiten behandeling gesteld: de aanvulling kwam niet binnen de termijn (Awb 4:5).",
        AanvraagInBehandelingGenomen => "In behandeling genomen.",
        AanvraagBeoordeeld b => $"Beoordeeld: advies {b.Advies}{(b.Score is null ? "" : $", score {b.Score}")}.",
        BesluitVoorgesteld v => $"Besluit ({v.Soort}) voorgesteld; wacht op goedkeuring door een tweede behandelaar.",
        BesluitGoedgekeurd => "Besluit goedgekeurd door een tweede behandelaar.",
        BesluitAfgekeurd => "Voorgesteld besluit afgekeurd.",
        AanvraagToegekend t => $"Subsidie verleend: {Domain.Gedeeld.Bedrag.Toon(t.ToegekendNa)}.",
        AanvraagAfgewezen a => $"Aanvraag afgewezen ({a.Reden}).",
        AanvraagIngetrokken => "Aanvraag ingetrokken door de aanvrager.",
        VoorschotVerstrekt v => $"Voorschot verstrekt: {Domain.Gedeeld.Bedrag.Toon(v.Bedrag)}.",
        VerantwoordingIngediend v => $"Verantwoording ingediend: werkelijke kosten {Domain.Gedeeld.Bedrag.Toon(v.WerkelijkeKosten)}.",
        SubsidieVastgesteld v => $"Subsidie vastgesteld op {Domain.Gedeeld.Bedrag.Toon(v.VastgesteldNa)}.",
        TerugvorderingVastgesteld t => $"Terugvordering van {Domain.Gedeeld.Bedrag.Toon(t.Bedrag)}.",
        ToekenningIngetrokken t => $"Toekenning ingetrokken: {Domain.Gedeeld.Bedrag.Toon(t.IngetrokkenBedrag)}.",
        BeslistermijnVerlengd v => $"Beslistermijn verlengd met {v.Weken} weken.",
        BezwaarIngediend => "Bezwaar ingediend.",
        BezwaarBeslist b => $"Bezwaar {(b.Gegrond ? "gegrond" : "ongegrond")} verklaard.",
        _ => e.GetType().Name,
    };
}
