using System.Text.Json.Serialization;

namespace WozoSubsidies.Domain.Aanvragen;

/// <summary>The states of LIFECYCLE.md "Aanvraag states". A voorschot is a loop on <see cref="Toegekend"/>,
/// not a state; a terugvordering is a consequence of a vaststelling (or intrekking), recorded on the stream
/// while the status stays <see cref="Vastgesteld"/> (or <see cref="ToekenningIngetrokken"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AanvraagStatus>))]
public enum AanvraagStatus
{
    /// <summary>No event yet: only <see cref="Indienen"/> is possible.</summary>
    Nieuw,

    /// <summary>Received and complete; waiting for the day's settlement (docs/domain-boundary.md) or, once placed, for a behandelaar.</summary>
    Ingediend,

    /// <summary>The plafond was reached on its day; it moves up when budget frees (Awb 4:25).</summary>
    OpWachtlijst,

    /// <summary>A behandelaar works on it.</summary>
    InBehandeling,

    /// <summary>Incomplete: waiting for the aanvrager (Awb 4:5); the beslistermijn is suspended (Awb 4:15).</summary>
    AanvullingGevraagd,

    Toegekend,
    VerantwoordingIngediend,
    Vastgesteld,

    /// <summary>The toekenning was revoked in full (Awb 4:48). A partial intrekking keeps <see cref="Toegekend"/>,
    /// because the rest of the subsidy still has to be accounted for and vastgesteld.</summary>
    ToekenningIngetrokken,

    Afgewezen,
    BuitenBehandeling,

    /// <summary>Withdrawn by the aanvrager before a decision; kept in the log, left out of figures (LIFECYCLE.md).</summary>
    Ingetrokken,
}

/// <summary>The reasons an aanvraag is refused (LIFECYCLE.md glossary "afwijzing"). Strings, because they are the
/// stable codes in events and in the API.</summary>
public static class AfwijzingsRedenen
{
    /// <summary>Not eligible at all (wrong aanvrager, outside the tijdvak, …).</summary>
    public const string NietOntvankelijk = "niet-ontvankelijk";

    /// <summary>Does not meet the regeling's criteria (Awb 4:35).</summary>
    public const string Criteria = "criteria";

    /// <summary>The plafond would be exceeded (Awb 4:25 lid 2).</summary>
    public const string PlafondBereikt = "plafond-bereikt";

    public static IReadOnlyList<string> Alle { get; } = [NietOntvankelijk, Criteria, PlafondBereikt];
}

/// <summary>The advice of a beoordeling.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Advies>))]
public enum Advies
{
    Positief,
    Negatief,
}

/// <summary>The kinds of besluit on an aanvraag; each has an id a bezwaar refers to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BesluitSoort>))]
public enum BesluitSoort
{
    Toekenning,
    Afwijzing,
    BuitenBehandeling,
    Vaststelling,

    /// <summary>Intrekking of a toekenning by the uitvoerder (Awb 4:48), full or partial.</summary>
    Intrekking,
}

/// <summary>Where an aanvraag stands against its beslistermijn, for the daily job (LIFECYCLE.md jobs).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BeslistermijnStatus>))]
public enum BeslistermijnStatus
{
    Binnen,
    BijnaVerlopen,
    Verlopen,

    /// <summary>An aanvulling is outstanding: the term does not run (Awb 4:15 lid 1 onder a).</summary>
    Opgeschort,

    /// <summary>Decided or withdrawn: no term to watch.</summary>
    NietVanToepassing,
}

/// <summary>How a gegrond bezwaar changes the decision (Awb 7:11: the besluit is reconsidered and, where needed,
/// revoked and replaced).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HerzieningSoort>))]
public enum HerzieningSoort
{
    /// <summary>A (new or higher) toekenning: reverses an afwijzing, a buiten-behandeling-stelling or an intrekking, or raises a toekenning.</summary>
    Toekenning,

    /// <summary>A higher vaststelling.</summary>
    Vaststelling,

    /// <summary>The besluit is revoked and the aanvraag is treated again (e.g. a wrong buiten-behandeling-stelling).</summary>
    OpnieuwInBehandeling,
}
