using System.Globalization;

namespace WozoSubsidies.Domain.Gedeeld;

/// <summary>Money is a <see cref="decimal"/> in euros with at most two decimals; these helpers keep that one rule in one place.</summary>
public static class Bedrag
{
    private static readonly CultureInfo Nederlands = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>True for a non-negative amount in whole cents.</summary>
    public static bool IsGeldig(decimal bedrag) => bedrag >= 0m && decimal.Round(bedrag, 2) == bedrag;

    /// <summary>Throws <c>bedrag-ongeldig</c> unless <paramref name="bedrag"/> is a non-negative amount in whole cents.</summary>
    public static void EisGeldig(decimal bedrag, string wat)
    {
        if (!IsGeldig(bedrag))
        {
            throw new RegelSchending("bedrag-ongeldig",
                $"{wat} moet een bedrag van nul of meer in hele centen zijn, niet {bedrag.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    /// <summary>Throws <c>bedrag-ongeldig</c> unless <paramref name="bedrag"/> is a positive amount in whole cents.</summary>
    public static void EisPositief(decimal bedrag, string wat)
    {
        if (!IsGeldig(bedrag) || bedrag <= 0m)
        {
            throw new RegelSchending("bedrag-ongeldig",
                $"{wat} moet een positief bedrag in hele centen zijn, niet {bedrag.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    /// <summary>Rounds to cents the way Dutch amounts are rounded (half away from zero).</summary>
    public static decimal OpCenten(decimal bedrag) => decimal.Round(bedrag, 2, MidpointRounding.AwayFromZero);

    /// <summary>"€ 75.000.000,00": for messages to people.</summary>
    public static string Toon(decimal bedrag) => bedrag.ToString("C2", Nederlands);
}
