using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Tests.Regels;

/// <summary>Judges gegevens the way the Aanvragen aggregate does: through the registry, with the standard
/// parameters unless a test says otherwise.</summary>
internal static class Beoordelen
{
    /// <summary>A Tuesday; the IWO tijdvak 2 opened on 2 January 2024 (000:42-43).</summary>
    public static readonly DateOnly Aanvraagdatum = new(2024, 1, 2);

    public static Beoordeling Met(
        AanvraagGegevens gegevens,
        RegelParameters? parameters = null,
        string? aanvragerType = null,
        TijdvakRegels? tijdvakRegels = null,
        DateOnly? aanvraagdatum = null) =>
        RegelingCalculators.Voor(gegevens.RegelingCode).Beoordeel(
            gegevens,
            new AanvraagContext(
                aanvraagdatum ?? Aanvraagdatum,
                aanvragerType ?? StandaardAanvragerType(gegevens.RegelingCode),
                parameters ?? RegelingCalculators.StandaardParameters(gegevens.RegelingCode),
                tijdvakRegels ?? TijdvakRegels.Geen));

    public static string StandaardAanvragerType(string regelingCode) =>
        RegelingCalculators.StandaardParameters(regelingCode).ToegestaneAanvragerTypen[0];

    public static IReadOnlyList<string> Codes(this Beoordeling beoordeling) => [.. beoordeling.Overtredingen.Select(o => o.Code)];

    /// <summary>The aanvraag is refused with exactly this rule (and no other), and the message is a sentence.</summary>
    public static RegelOvertreding EnigeOvertreding(this Beoordeling beoordeling, string code)
    {
        Assert.False(beoordeling.Voldoet);
        var overtreding = Assert.Single(beoordeling.Overtredingen);
        Assert.Equal(code, overtreding.Code);
        Assert.False(string.IsNullOrWhiteSpace(overtreding.Melding));
        return overtreding;
    }

    public static void VoldoetMetBedrag(this Beoordeling beoordeling, decimal bedrag)
    {
        Assert.Empty(beoordeling.Overtredingen);
        Assert.True(beoordeling.Voldoet);
        Assert.Equal(bedrag, beoordeling.AangevraagdBedrag);
    }
}
