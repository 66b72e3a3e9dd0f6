using WozoSubsidies.Domain.Gedeeld;

namespace WozoSubsidies.Domain.Aanvragen;

/// <summary>The organisation that applies (API field `aanvrager`). <see cref="Type"/> is the kind of organisation
/// the calculator checks against the regeling's allowed applicants ("woningcorporatie", "gemeente", …).</summary>
public sealed record Aanvrager(string KvkNummer, string Naam, string Type);

/// <summary>The latest assessment of a behandelaar. <see cref="Score"/> (0–100) is used by tender tijdvakken.</summary>
public sealed record AanvraagBeoordeling(Advies Advies, int? Score, string? Toelichting, Actor Door, DateTimeOffset Op);

/// <summary>An outstanding request to complete the aanvraag (Awb 4:5). <see cref="Uiterlijk"/> is the last day
/// (Europe/Amsterdam) on which the aanvulling is on time.</summary>
public sealed record OpenAanvulling(string Omschrijving, int TermijnDagen, DateOnly GevraagdOp, DateOnly Uiterlijk);

/// <summary>A past suspension of the beslistermijn (Awb 4:15 lid 1 onder a), in whole days.</summary>
public sealed record Opschorting(DateOnly Van, DateOnly Tot)
{
    public int Dagen => Tot.DayNumber - Van.DayNumber;
}

/// <summary>A besluit that has taken effect. <see cref="Datum"/> (Europe/Amsterdam) starts the bezwaartermijn
/// (Awb 6:8). <see cref="BezwaarId"/> is set when the besluit was taken on bezwaar: against that one only beroep
/// is open, not a new bezwaar (Awb 7:1 lid 1 onder a).</summary>
public sealed record Besluit(
    Guid BesluitId,
    BesluitSoort Soort,
    decimal Bedrag,
    string? Reden,
    DateTimeOffset GenomenOp,
    Actor Door,
    Actor? GoedgekeurdDoor,
    Guid? BezwaarId)
{
    public DateOnly Datum => Amsterdam.Dag(GenomenOp);
}

/// <summary>A besluit waiting for the second behandelaar (four-eyes, LIFECYCLE.md). <see cref="Bedrag"/> is the
/// amount of the decision itself (the granted, vastgesteld or revoked amount; for an afwijzing the requested amount).</summary>
public sealed record OpenBesluit(
    Guid BesluitId,
    BesluitSoort Soort,
    decimal Bedrag,
    string? Reden,
    string? Toelichting,
    Actor VoorgesteldDoor,
    DateTimeOffset VoorgesteldOp);

/// <summary>A bezwaar against one besluit; <see cref="Gegrond"/> is null while it is open.</summary>
public sealed record Bezwaar(Guid BezwaarId, Guid BesluitId, string Gronden, DateTimeOffset IngediendOp, bool? Gegrond)
{
    public bool IsOpen => Gegrond is null;
}

/// <summary>One advance payment on the toekenning (Awb 4:95).</summary>
public sealed record Voorschot(Guid VoorschotId, decimal Bedrag, DateTimeOffset Op);

/// <summary>The aanvrager's account of the spending (Awb 4:45), the basis of the vaststelling.</summary>
public sealed record Verantwoording(decimal WerkelijkeKosten, string Toelichting, DateTimeOffset Op);

/// <summary>The changed decision of a gegrond bezwaar (Awb 7:11). <see cref="Bedrag"/> is the new granted or
/// vastgesteld amount; it is ignored for <see cref="HerzieningSoort.OpnieuwInBehandeling"/>.</summary>
public sealed record Herziening(HerzieningSoort Soort, decimal Bedrag)
{
    public static Herziening Toekenning(decimal bedrag) => new(HerzieningSoort.Toekenning, bedrag);

    public static Herziening Vaststelling(decimal bedrag) => new(HerzieningSoort.Vaststelling, bedrag);

    public static Herziening OpnieuwInBehandeling { get; } = new(HerzieningSoort.OpnieuwInBehandeling, 0m);
}

/// <summary>The legal basis each event records (LIFECYCLE.md: every transition carries the rule applied), so an
/// auditor can follow every decision. Public law: Algemene wet bestuursrecht (Awb).</summary>
public static class Grondslagen
{
    public const string Aanvraag = "Awb 4:1";
    public const string Verdeling = "Awb 4:25 lid 3";
    public const string Plafond = "Awb 4:25 lid 2";
    public const string Aanvulling = "Awb 4:5 lid 1; Awb 4:15 lid 1 onder a";
    public const string Opschorting = "Awb 4:15 lid 1 onder a";
    public const string BuitenBehandeling = "Awb 4:5 lid 1";
    public const string Behandeling = "Awb 3:2";
    public const string Verlening = "Awb 4:29; Awb 4:30";
    public const string Weigering = "Awb 4:35; Awb 3:46";
    public const string VierOgen = "vier-ogen (LIFECYCLE.md)";
    public const string IntrekkingAanvraag = "Awb 4:1 (intrekking door de aanvrager)";
    public const string Voorschot = "Awb 4:95";
    public const string AanvraagTotVaststelling = "Awb 4:44; Awb 4:45";
    public const string Vaststelling = "Awb 4:42; Awb 4:46";
    public const string Terugvordering = "Awb 4:57";
    public const string IntrekkingToekenning = "Awb 4:48";
    public const string Verlenging = "Awb 4:14 lid 3";
    public const string Bezwaar = "Awb 6:7; Awb 6:8";
    public const string Heroverweging = "Awb 7:11";
}
