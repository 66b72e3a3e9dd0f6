using System.Text.Json.Serialization;

namespace WozoSubsidies.Domain.Regels;

// REABLEMENT: ZonMw-programma Reablement. Sources: 000:91-111 (programme, mandatory evaluation and learning track),
// 001:420-551 (rounds, at most 16 projects in the leertraject, 001:432), 001:2655 (€3.2m), 001:2676 (max 12 months).

/// <summary>API `gegevens` of a Reablement aanvraag.</summary>
public sealed record ReablementGegevens : AanvraagGegevens
{
    [JsonIgnore]
    public override string RegelingCode => RegelingCodes.Reablement;

    [JsonPropertyName("projectbegroting")]
    public required decimal Projectbegroting { get; init; }

    [JsonPropertyName("looptijdMaanden")]
    public required int LooptijdMaanden { get; init; }

    /// <summary>Every funded project takes part in the overkoepelend evaluatie- en leertraject (000:106-107).</summary>
    [JsonPropertyName("deelnameLeertraject")]
    public required bool DeelnameLeertraject { get; init; }
}

public sealed record ReablementParameters : RegelParameters
{
    [JsonIgnore]
    public override string RegelingCode => RegelingCodes.Reablement;

    /// <summary>000:106: "Partijen die vanuit het programma worden gesubsidieerd nemen verplicht deel".</summary>
    [JsonPropertyName("deelnameLeertrajectVerplicht")]
    public required bool DeelnameLeertrajectVerplicht { get; init; }

    /// <summary>001:432: "In totaal zullen maximaal 16 projecten deelnemen aan het leertraject". Counted across
    /// aanvragen, so the tijdvak/aanvraag aggregates enforce it; the calculator never sees the other aanvragen.</summary>
    [JsonPropertyName("maxProjectenLeertraject")]
    public required int MaxProjectenLeertraject { get; init; }

    /// <summary>The regeling-wide maximum looptijd; null because the sources give none for the programme as a whole.
    /// Round 3's 12 months (001:2676) is a tijdvak rule (<see cref="TijdvakRegels.MaxLooptijdMaanden"/>).</summary>
    [JsonPropertyName("maximumLooptijdMaanden")]
    public int? MaximumLooptijdMaanden { get; init; }

    public static ReablementParameters Standaard { get; } = new()
    {
        // 001:535: "Voor de eerste ronde zijn vier zorgaanbieders uitgenodigd"; 000:98-99: "zorgaanbieders".
        ToegestaneAanvragerTypen = ["zorgaanbieder"],
        DeelnameLeertrajectVerplicht = true,
        MaxProjectenLeertraject = 16,
        MaximumLooptijdMaanden = null,
    };

    public override IReadOnlyList<string> Valideer() =>
        new ParameterControle(this)
            .Positief(MaxProjectenLeertraject, "maxProjectenLeertraject")
            .Als(MaximumLooptijdMaanden <= 0, "maximumLooptijdMaanden moet groter zijn dan 0 of ontbreken.")
            .Fouten;
}

/// <summary>Amount = projectbegroting.</summary>
public sealed class ReablementCalculator : RegelingCalculator<ReablementGegevens, ReablementParameters>
{
    public override string RegelingCode => RegelingCodes.Reablement;

    protected override decimal Beoordeel(
        ReablementGegevens gegevens,
        ReablementParameters parameters,
        TijdvakRegels tijdvakRegels,
        AanvraagContext context,
        List<RegelOvertreding> overtredingen)
    {
        if (parameters.DeelnameLeertrajectVerplicht && !gegevens.DeelnameLeertraject)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.ReablementDeelnameLeertraject,
                "Elk gesubsidieerd project neemt verplicht deel aan het overkoepelende evaluatie- en leertraject.",
                "deelnameLeertraject"));
        }

        var maximumLooptijd = Regelhulp.Strengste(parameters.MaximumLooptijdMaanden, tijdvakRegels.MaxLooptijdMaanden);
        if (gegevens.LooptijdMaanden < 1 || gegevens.LooptijdMaanden > maximumLooptijd)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.ReablementLooptijd,
                maximumLooptijd is null
                    ? $"De looptijd moet minstens 1 maand zijn; opgegeven is {gegevens.LooptijdMaanden} maanden."
                    : $"Een project in dit tijdvak duurt minimaal 1 en maximaal {maximumLooptijd} maanden; opgegeven is {gegevens.LooptijdMaanden} maanden.",
                "looptijdMaanden"));
        }

        if (gegevens.Projectbegroting <= 0)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.ReablementProjectbegroting,
                $"De projectbegroting moet groter zijn dan € 0; opgegeven is {Regelhulp.Euro(gegevens.Projectbegroting)}.",
                "projectbegroting"));
        }

        return gegevens.Projectbegroting;
    }
}
