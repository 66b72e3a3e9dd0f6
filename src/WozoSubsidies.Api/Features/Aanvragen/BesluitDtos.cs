using FluentValidation;
using WozoSubsidies.Domain.Aanvragen;

namespace WozoSubsidies.Api.Features.Aanvragen;

// Request bodies. Every field is nullable so that a missing field is a 400 that names it (validation), not a
// binding error; money is a decimal in euros with at most two decimals.

/// <param name="Advies">Positief or Negatief.</param>
/// <param name="Score">Optional, 0–100; a tender tijdvak ranks by it.</param>
/// <param name="Toelichting">Optional motivation of the assessment.</param>
public sealed record BeoordelingBody(Advies? Advies, int? Score, string? Toelichting);

/// <param name="Bedrag">The amount to grant, in euros (at most the requested amount), e.g. 11520.00.</param>
public sealed record ToekenningBody(decimal? Bedrag);

/// <param name="Reden">niet-ontvankelijk, criteria or plafond-bereikt.</param>
/// <param name="Toelichting">The motivering (Awb 3:46).</param>
public sealed record AfwijzingBody(string? Reden, string? Toelichting);

/// <param name="Toelichting">Why the pending besluit is not approved.</param>
public sealed record AfkeuringBody(string? Toelichting);

/// <param name="Bedrag">The advance, in euros; all voorschotten together at most the granted amount.</param>
public sealed record VoorschotBody(decimal? Bedrag);

/// <param name="WerkelijkeKosten">What was actually spent, in euros.</param>
/// <param name="Toelichting">The account of the spending.</param>
public sealed record VerantwoordingBody(decimal? WerkelijkeKosten, string? Toelichting);

/// <param name="Bedrag">The final amount, in euros: at most the granted amount, 0 allowed.</param>
/// <param name="Toelichting">Optional motivation.</param>
public sealed record VaststellingBody(decimal? Bedrag, string? Toelichting);

/// <param name="Bedrag">The amount revoked, in euros: all of the granted amount (full) or part of it.</param>
/// <param name="Reden">Why (Awb 4:48).</param>
public sealed record IntrekkingBody(decimal? Bedrag, string? Reden);

/// <param name="BesluitId">The besluit objected to (see besluiten of the aanvraag).</param>
/// <param name="Gronden">The grounds of the bezwaar (Awb 6:5).</param>
public sealed record BezwaarBody(Guid? BesluitId, string? Gronden);

/// <param name="Gegrond">True: gegrond; false: ongegrond.</param>
/// <param name="Herziening">Only when gegrond: the changed decision; absent, the besluit stands with a better motivering.</param>
/// <param name="Toelichting">The motivering of the besluit op bezwaar (Awb 7:12).</param>
public sealed record BezwaarBeslissingBody(bool? Gegrond, HerzieningBody? Herziening, string? Toelichting);

/// <param name="Soort">Toekenning (a new or higher granted amount), Vaststelling (a higher vastgesteld amount) or OpnieuwInBehandeling.</param>
/// <param name="Bedrag">The new granted or vastgesteld amount in euros; not used for OpnieuwInBehandeling.</param>
public sealed record HerzieningBody(HerzieningSoort? Soort, decimal? Bedrag);

// Answers.

/// <summary>How a decision came out: taken (the aanvraag as it is now), or waiting for a second behandelaar.</summary>
public sealed record BesluitUitkomst(AanvraagDetail Aanvraag, BesluitInAfwachting? InAfwachting);

/// <summary>The 202 answer: the decision is above the four-eyes threshold and waits for a different behandelaar to
/// approve it at POST /api/besluiten/{besluitId}/goedkeuring.</summary>
/// <param name="Status">Always <c>WachtOpGoedkeuring</c>.</param>
/// <param name="Bedrag">The decision's own amount (granted, vastgesteld or revoked; the requested amount for an afwijzing).</param>
/// <param name="VierOgenDrempel">The regeling's threshold it exceeded.</param>
public sealed record BesluitInAfwachting(
    Guid BesluitId,
    string Status,
    BesluitSoort Soort,
    decimal Bedrag,
    string? Reden,
    string VoorgesteldDoor,
    DateTimeOffset VoorgesteldOp,
    decimal VierOgenDrempel,
    AanvraagDetail Aanvraag)
{
    public const string WachtOpGoedkeuring = "WachtOpGoedkeuring";

    public static string Locatie(Guid besluitId) => $"/api/besluiten/{besluitId}";

    /// <summary>The pending besluit <paramref name="besluitId"/> of the aanvraag, or null when it took effect at once.</summary>
    public static BesluitInAfwachting? Van(AanvraagDetail aanvraag, Guid besluitId, decimal drempel) =>
        aanvraag.OpenBesluit is { } open && open.BesluitId == besluitId
            ? new BesluitInAfwachting(open.BesluitId, WachtOpGoedkeuring, open.Soort, open.Bedrag, open.Reden, open.VoorgesteldDoor.Id,
                open.VoorgesteldOp, drempel, aanvraag)
            : null;
}

/// <summary>A besluit as GET /api/besluiten/{id} shows it.</summary>
/// <param name="Status">WachtOpGoedkeuring, Genomen, or Vervallen (not approved: afgekeurd).</param>
/// <param name="BezwaarId">Set when it is a besluit op bezwaar.</param>
/// <param name="AanvraagVersie">The version of the aanvraag (its ETag: send it as If-Match to approve).</param>
public sealed record BesluitDetail(
    Guid BesluitId,
    Guid AanvraagId,
    string Status,
    BesluitSoort? Soort,
    decimal? Bedrag,
    string? Reden,
    string? Door,
    string? GoedgekeurdDoor,
    DateTimeOffset? Op,
    Guid? BezwaarId,
    long AanvraagVersie);

/// <param name="BetaaldeVoorschotten">All voorschotten paid so far, this one included.</param>
/// <param name="NogBeschikbaar">What may still be advanced: toegekend − betaald.</param>
public sealed record VoorschotAntwoord(
    Guid VoorschotId,
    decimal Bedrag,
    decimal BetaaldeVoorschotten,
    decimal Toegekend,
    decimal NogBeschikbaar,
    AanvraagDetail Aanvraag);

/// <summary>The vaststelling as it took effect.</summary>
/// <param name="NogTeBetalen">Vastgesteld minus what was paid (net of earlier reclaims), when positive.</param>
/// <param name="Terugvordering">What was paid above the vastgesteld amount and is reclaimed (Awb 4:57); 0 when none.</param>
/// <param name="Vrijval">Toegekend − vastgesteld: back in the tijdvak's budget.</param>
public sealed record VaststellingAntwoord(
    Guid BesluitId,
    decimal Toegekend,
    decimal Vastgesteld,
    decimal BetaaldeVoorschotten,
    decimal NogTeBetalen,
    decimal Terugvordering,
    decimal Vrijval,
    AanvraagDetail Aanvraag);

public sealed record VaststellingUitkomst(VaststellingAntwoord? Vastgesteld, BesluitInAfwachting? InAfwachting);

/// <param name="Uiterlijk">The last day of the bezwaartermijn that this bezwaar met (Awb 6:7, 6:8).</param>
public sealed record BezwaarAntwoord(Guid BezwaarId, Guid BesluitId, DateTimeOffset IngediendOp, DateOnly Uiterlijk, AanvraagDetail Aanvraag);

/// <param name="BesluitOpBezwaarId">The besluit op bezwaar that changed the decision, when there is one.</param>
public sealed record BezwaarBeslissingAntwoord(Guid BezwaarId, bool Gegrond, Guid? BesluitOpBezwaarId, AanvraagDetail Aanvraag);

/// <param name="Status">Open, Gegrond or Ongegrond.</param>
public sealed record BezwaarDetail(
    Guid BezwaarId, Guid AanvraagId, Guid BesluitId, string Gronden, DateTimeOffset IngediendOp, string Status, long AanvraagVersie);

/// <summary>The shape of money in requests (API.md: euros with two decimals, never a float).</summary>
internal static class Geld
{
    public const decimal Maximum = 1_000_000_000_000m;

    public static IRuleBuilderOptions<T, decimal?> Bedrag<T>(this IRuleBuilder<T, decimal?> rule, string veld, bool nulMag = false) =>
        rule.NotNull().WithMessage($"{veld} is verplicht.")
            .Must(b => b is null || ((nulMag ? b >= 0m : b > 0m) && b < Maximum))
            .WithMessage(nulMag ? $"{veld} ligt tussen 0 en 10^12 euro." : $"{veld} is groter dan 0 en kleiner dan 10^12 euro.")
            .Must(b => b is null || decimal.Round(b.Value, 2) == b.Value).WithMessage($"{veld} is een bedrag in euro's met hoogstens twee decimalen.");
}
