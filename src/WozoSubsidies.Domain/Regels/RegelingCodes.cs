namespace WozoSubsidies.Domain.Regels;

/// <summary>The codes of the seven regelingen (REGELINGEN.md, first table). A code is the JSON discriminator
/// ("regeling") of <see cref="AanvraagGegevens"/> and <see cref="RegelParameters"/>, the key of the catalogue
/// and the `regeling` field of the API; it is compared exactly (ordinal), so there is one spelling.</summary>
public static class RegelingCodes
{
    public const string Iwo = "IWO";
    public const string Szgw = "SZGW";
    public const string Soo = "SOO";
    public const string Stoz = "STOZ";
    public const string Ioc = "IOC";
    public const string SpukDos = "SPUK-DOS";
    public const string Reablement = "REABLEMENT";

    /// <summary>In the order of REGELINGEN.md.</summary>
    public static IReadOnlyList<string> Alle { get; } = [Iwo, Szgw, Soo, Stoz, Ioc, SpukDos, Reablement];
}
