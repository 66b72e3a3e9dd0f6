using System.Text.Json.Serialization;

namespace WozoSubsidies.Domain.Tijdvakken;

[JsonConverter(typeof(JsonStringEnumConverter<TijdvakStatus>))]
public enum TijdvakStatus
{
    /// <summary>No events yet.</summary>
    Nieuw,
    Gepland,
    Open,

    /// <summary>No more aanvragen; decisions on those received continue.</summary>
    Gesloten,

    /// <summary>Every aanvraag decided; what was left on the wachtlijst was refused (Awb 4:25 lid 2).</summary>
    Definitief,
}

/// <summary>Where one aanvraag stands in the tijdvak's budget.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlaatsStatus>))]
public enum PlaatsStatus
{
    /// <summary>Holds a claim (beslag) on the budget while it is being assessed.</summary>
    Beslag,
    Toegekend,
    OpWachtlijst,

    /// <summary>Left the budget (afwijzing, intrekking, buiten behandeling, aanvulling asked); may re-enter after an aanvulling.</summary>
    Vrijgegeven,
    AfgewezenWegensPlafond,
}

/// <summary>Why an aanvraag gives up its beslag or its place on the wachtlijst (docs/domain-boundary.md, BeslagVrijgeven).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VrijgaveReden>))]
public enum VrijgaveReden
{
    Afwijzing,
    Intrekking,
    BuitenBehandeling,

    /// <summary>The aanvraag was not complete (Awb 4:5): it re-enters the order when the aanvulling completes it.</summary>
    Aanvullingsverzoek,
}

/// <summary>Why a granted amount goes down (docs/domain-boundary.md, ToegekendVerlagen).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VerlagingReden>))]
public enum VerlagingReden
{
    /// <summary>Awb 4:48: the toekenning is revoked, fully or partly.</summary>
    IntrekkingToekenning,

    /// <summary>Awb 4:46: vastgesteld below the granted amount.</summary>
    Vaststelling,

    /// <summary>Awb 7:11: a gegrond bezwaar changed the decision.</summary>
    Bezwaar,
}

/// <summary>One aanvraag that became complete on a day: what the tijdvak needs to give it a place.</summary>
public sealed record Ontvangst(Guid AanvraagId, decimal Bedrag, DateTimeOffset OntvangenOp);

/// <summary>The aanvragen completed on one day, with the seed for the lottery if they do not all fit.</summary>
public sealed record DagOntvangsten(DateOnly Dag, IReadOnlyList<Ontvangst> Ontvangsten, long LotingSeed);

/// <summary>An assessed aanvraag of a tender tijdvak (verdeelmethode Rangschikking); higher score ranks first.</summary>
public sealed record Beoordeelde(Guid AanvraagId, decimal Bedrag, decimal Score, DateTimeOffset OntvangenOp);

/// <summary>An aanvraag that got beslag for <see cref="Bedrag"/>.</summary>
public sealed record Plaatsing(Guid AanvraagId, decimal Bedrag);

/// <summary>An aanvraag put on the wachtlijst at 1-based <see cref="Positie"/> (the position at that moment;
/// it moves up as those before it are placed or leave).</summary>
public sealed record WachtlijstPlaatsing(Guid AanvraagId, decimal Bedrag, int Positie);

/// <summary>An aanvraag refused because the plafond is reached (code <c>plafond-bereikt</c>, Awb 4:25 lid 2);
/// <see cref="Positie"/> is its place on the wachtlijst or in the ranking.</summary>
public sealed record PlafondAfwijzing(Guid AanvraagId, decimal Bedrag, int Positie);

/// <summary>One line of a ranking: position 1 is the highest score (ties: earlier receipt, then aanvraag id).</summary>
public sealed record Rangplaats(int Positie, Guid AanvraagId, decimal Bedrag, decimal Score, DateTimeOffset OntvangenOp);

/// <summary>A lottery as drawn: anyone can replay it with <c>Loting.Schud</c> over the candidates in
/// (OntvangenOp, AanvraagId) order and this seed, and must get <see cref="Volgorde"/>.</summary>
public sealed record LotingUitslag(long Seed, IReadOnlyList<Guid> Kandidaten, IReadOnlyList<Guid> Volgorde);

/// <summary>Where budget comes from or goes to in a herverdeling (LIFECYCLE.md jobs).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "soort")]
[JsonDerivedType(typeof(AnderTijdvak), "tijdvak")]
[JsonDerivedType(typeof(Elders), "elders")]
[JsonDerivedType(typeof(Programmareserve), "programma-reserve")]
public abstract record Budgetrekening
{
    private Budgetrekening()
    {
    }

    /// <summary>Another tijdvak (IOC: the next ronde, 001:2354).</summary>
    public sealed record AnderTijdvak(Guid TijdvakId) : Budgetrekening;

    /// <summary>Outside the regeling's tijdvakken (IWO tijdvak 3: "elders gealloceerd", 001:750).</summary>
    public sealed record Elders(string Omschrijving) : Budgetrekening;

    public sealed record Programmareserve : Budgetrekening;
}

/// <summary>The rules the tijdvak decider applies, recorded in its events (ARCHITECTURE.md: events carry the rule applied).</summary>
public static class Regelgrond
{
    public const string VolgordeVanOntvangst =
        "Verdeling in volgorde van ontvangst van de volledige aanvraag (LIFECYCLE.md 'Budget of a tijdvak'; Awb 4:26)";

    public const string Loting =
        "Aanvragen van de dag waarop het plafond wordt overschreden: volgorde bij loting, seed en uitslag vastgelegd (LIFECYCLE.md; docs/domain-boundary.md)";

    public const string Wachtlijst =
        "Vrijgekomen budget gaat naar de wachtlijst, in volgorde (LIFECYCLE.md 'Budget of a tijdvak')";

    public const string PlafondBereikt =
        "Awb 4:25 lid 2: subsidie wordt geweigerd voor zover het subsidieplafond zou worden overschreden";

    public const string HerplaatsingNaBezwaar =
        "Awb 7:11: na een gegrond bezwaar krijgt de aanvraag haar plaats in de volgorde van ontvangst terug, binnen het plafond (LIFECYCLE.md 'The invariant')";

    public const string Rangschikking =
        "Tender: verdeling in volgorde van score tot het plafond; gelijke score: eerdere ontvangst (LIFECYCLE.md 'Ranking')";
}
