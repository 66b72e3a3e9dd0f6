namespace WozoSubsidies.Domain.Regels;

/// <summary>Eligibility overrides that belong to one tijdvak rather than to the regeling
/// (REGELINGEN.md: "eligibility rules live on the tijdvak, not only on the regeling").</summary>
public sealed record TijdvakRegels
{
    public static TijdvakRegels Geen { get; } = new();

    /// <summary>Beroepsgroepen not eligible in this tijdvak (IOC ronde 2: "fysiotherapie", "oefentherapie").</summary>
    public IReadOnlyList<string> UitgeslotenBeroepsgroepen { get; init; } = [];

    /// <summary>A tighter maximum looptijd for this tijdvak (Reablement ronde 3: 12 months).</summary>
    public int? MaxLooptijdMaanden { get; init; }
}
