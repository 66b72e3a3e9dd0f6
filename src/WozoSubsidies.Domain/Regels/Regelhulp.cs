using System.Globalization;

namespace WozoSubsidies.Domain.Regels;

/// <summary>Small pure helpers shared by the calculators: rounding, Dutch number text, list membership, age.</summary>
internal static class Regelhulp
{
    // Dutch notation built by hand rather than from CultureInfo("nl-NL"), so a message reads the same on a
    // machine without ICU data or with another culture: "€ 10.000" and "€ 1.234,50".
    private static readonly NumberFormatInfo Nederlands = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        NegativeSign = "-",
    };

    /// <summary>Euros with two decimals; a half cent rounds away from zero (commercial rounding, as on a beschikking).</summary>
    public static decimal Rond(decimal bedrag) => Math.Round(bedrag, 2, MidpointRounding.AwayFromZero);

    public static string Euro(decimal bedrag) => "€ " + Getal(bedrag);

    public static string Getal(decimal waarde) =>
        waarde == decimal.Truncate(waarde)
            ? waarde.ToString("N0", Nederlands)
            : waarde.ToString("N2", Nederlands);

    public static string Getal(int waarde) => waarde.ToString("N0", Nederlands);

    public static string Datum(DateOnly datum) => datum.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static RegelOvertreding Onvolledig(string veld) =>
        new(RegelCodes.GegevensOnvolledig, $"Het onderdeel '{veld}' ontbreekt in de gegevens.", veld);

    /// <summary>"a, b of c" (Dutch enumeration of the allowed values in a message).</summary>
    public static string Opsomming(IEnumerable<string> waarden)
    {
        var lijst = waarden.ToList();
        return lijst.Count switch
        {
            0 => "(geen)",
            1 => lijst[0],
            _ => string.Join(", ", lijst.Take(lijst.Count - 1)) + " of " + lijst[^1],
        };
    }

    public static string Opsomming(IEnumerable<decimal> bedragen) => Opsomming(bedragen.Select(Euro));

    /// <summary>Membership of a configured list, case-insensitive: the lists are Dutch labels a person types
    /// ("Thuiszorg", "thuiszorg"), and no two allowed values differ only in case.</summary>
    public static bool Bevat(IReadOnlyList<string>? lijst, string? waarde) =>
        lijst is not null && !string.IsNullOrWhiteSpace(waarde)
        && lijst.Any(x => string.Equals(x, waarde.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Age in whole years on a day. Someone born on 29 February turns a year older on 28 February
    /// in a non-leap year (DateOnly.AddYears clamps to the last day of the month).</summary>
    public static int Leeftijd(DateOnly geboortedatum, DateOnly op)
    {
        // AddYears lands in op.Year, so it never leaves DateOnly's range; a birth date after `op` gives a
        // negative age, which every range check refuses.
        var jaren = op.Year - geboortedatum.Year;
        return geboortedatum.AddYears(jaren) > op ? jaren - 1 : jaren;
    }

    /// <summary>The stricter of the regeling's maximum and the tijdvak's override (REGELINGEN.md: eligibility
    /// rules live on the tijdvak, not only on the regeling). Null when neither sets one.</summary>
    public static int? Strengste(int? regeling, int? tijdvak) =>
        (regeling, tijdvak) switch
        {
            (null, null) => null,
            (null, var t) => t,
            (var r, null) => r,
            (var r, var t) => Math.Min(r.Value, t.Value),
        };
}
