using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Regels;
using WozoSubsidies.Domain.Tijdvakken;

namespace WozoSubsidies.Api.Features.Tijdvakken;

/// <summary>The budget of a tijdvak: beschikbaar = plafond − beslag − toegekend; vrijgevallen is what revocations and
/// lower vaststellingen returned. Invariant: beslag + toegekend ≤ plafond.</summary>
/// <param name="Wachtlijst">The number of aanvragen on the wachtlijst.</param>
public sealed record TijdvakBudget(decimal? Plafond, decimal Beslag, decimal Toegekend, decimal Vrijgevallen, decimal Beschikbaar, int Wachtlijst);

/// <param name="HerverdelingOp">The configured herverdeling date, if any: from then the unspent budget of the closed
/// tijdvak moves even while aanvragen are undecided.</param>
public sealed record TijdvakDetail(
    Guid Id,
    string Regeling,
    string Naam,
    DateOnly Opent,
    DateOnly Sluit,
    TijdvakStatus Status,
    Verdeelmethode Verdeelmethode,
    TijdvakRegels Regels,
    IReadOnlyList<string> Uitnodigingen,
    TijdvakBudget Budget,
    long Versie,
    DateOnly? HerverdelingOp)
{
    public static TijdvakDetail From(TijdvakState s, long versie) => new(
        s.Id, s.RegelingCode, s.Naam, s.Opent, s.Sluit, s.Status, s.Verdeelmethode, s.Regels, s.Uitnodigingen.Order(StringComparer.Ordinal).ToList(),
        new TijdvakBudget(s.Plafond, s.Beslag, s.Toegekend, s.Vrijgevallen, Math.Max(0, s.Beschikbaar), s.Wachtlijst.Count),
        versie, s.HerverdelingOp);
}

public sealed record TijdvakSamenvatting(Guid Id, string Naam, DateOnly Opent, DateOnly Sluit, string Status, TijdvakBudget Budget);

/// <param name="Naam">e.g. "Tijdvak 4" or "Ronde 2".</param>
/// <param name="Opent">First day aanvragen are accepted (Europe/Amsterdam, inclusive); today or earlier opens it at once.</param>
/// <param name="Sluit">Last day (inclusive); it closes at the end of that day.</param>
/// <param name="Budgetplafond">The ceiling in euros; may be left out, but then it cannot open until one is set.</param>
/// <param name="Verdeelmethode">Default: the regeling's.</param>
/// <param name="Uitnodigingen">KvK numbers or OINs; when given, only they may apply.</param>
/// <param name="Regels">Eligibility overrides of this tijdvak (e.g. uitgeslotenBeroepsgroepen, maxLooptijdMaanden).</param>
/// <param name="HerverdelingOp">Optional date (on or after sluit) from which the unspent budget moves by the regeling's
/// herverdelingsbeleid, even while aanvragen are still undecided; without it that waits until the tijdvak is final.</param>
public sealed record TijdvakPlannenBody(
    string Naam,
    DateOnly Opent,
    DateOnly Sluit,
    decimal? Budgetplafond,
    Verdeelmethode? Verdeelmethode,
    IReadOnlyList<string>? Uitnodigingen,
    TijdvakRegels? Regels,
    DateOnly? HerverdelingOp = null);

public sealed record BudgetplafondBody(decimal Bedrag, string Reden);

/// <param name="Bedrag">How much unspent budget to move; default all of it.</param>
public sealed record HerverdelingBody(decimal? Bedrag);

/// <param name="Verplaatst">The amount moved (0 when there was nothing to move: running it twice changes nothing).</param>
/// <param name="Bestemming">Where it went, by the regeling's herverdelingsbeleid.</param>
public sealed record HerverdelingUitkomst(decimal Verplaatst, Budgetrekening? Bestemming, TijdvakDetail Tijdvak, TijdvakDetail? Ontvanger);
