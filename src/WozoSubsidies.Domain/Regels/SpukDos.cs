using System.Text.Json.Serialization;

namespace WozoSubsidies.Domain.Regels;

// SPUK-DOS: Specifieke uitkering domeinoverstijgende samenwerking (VWS until 2025, zorgkantoren from 2026, 001:1669).
// Sources: 000:419-438 (gemeenten alone or jointly, €27m in 2024, two rounds), 001:1661-1720 (only the extra costs,
// the five topics).

/// <summary>API `gegevens` of a SPUK-DOS aanvraag.</summary>
public sealed record SpukDosGegevens : AanvraagGegevens
{
    [JsonIgnore]
    public override string RegelingCode => RegelingCodes.SpukDos;

    /// <summary>CBS gemeentecodes (e.g. "GM0363"); the first is the penvoerder. Gemeenten may apply jointly (000:423).</summary>
    [JsonPropertyName("gemeenten")]
    public required IReadOnlyList<string> Gemeenten { get; init; }

    [JsonPropertyName("onderwerp")]
    public required string Onderwerp { get; init; }

    /// <summary>Only the extra costs are funded ("alleen de meerkosten", 001:1663-1665).</summary>
    [JsonPropertyName("meerkosten")]
    public required decimal Meerkosten { get; init; }

    [JsonPropertyName("businesscase")]
    public required string Businesscase { get; init; }

    /// <summary>The gemeente that applies on behalf of all (the first in <see cref="Gemeenten"/>).</summary>
    [JsonIgnore]
    public string? Penvoerder => Gemeenten is { Count: > 0 } gemeenten ? gemeenten[0] : null;
}

public sealed record SpukDosParameters : RegelParameters
{
    [JsonIgnore]
    public override string RegelingCode => RegelingCodes.SpukDos;

    /// <summary>001:1705-1718: the five topics of the experiments.</summary>
    [JsonPropertyName("onderwerpen")]
    public required IReadOnlyList<string> Onderwerpen { get; init; }

    /// <summary>Assumption: gemeenten are named by their CBS code, "GM" followed by four digits (GM0363 is Amsterdam).</summary>
    [JsonPropertyName("gemeentecodePrefix")]
    public required string GemeentecodePrefix { get; init; }

    [JsonPropertyName("gemeentecodeCijfers")]
    public required int GemeentecodeCijfers { get; init; }

    public static SpukDosParameters Standaard { get; } = new()
    {
        // 000:423: "gemeenten die gezamenlijk een aanvraag hebben gedaan": a specifieke uitkering goes to gemeenten only.
        ToegestaneAanvragerTypen = ["gemeente"],
        Onderwerpen = ["Arrangeur", "Dementiezorg", "Indicatieloze dagbesteding", "Jeugd", "Wonen-zorg-community building"],
        GemeentecodePrefix = "GM",
        GemeentecodeCijfers = 4,
    };

    public override IReadOnlyList<string> Valideer() =>
        new ParameterControle(this)
            .LijstNietLeeg(Onderwerpen, "onderwerpen")
            .Als(string.IsNullOrWhiteSpace(GemeentecodePrefix), "gemeentecodePrefix mag niet leeg zijn.")
            .Positief(GemeentecodeCijfers, "gemeentecodeCijfers")
            .Fouten;

    /// <summary>True for a code like "GM0363": the prefix (exact case), then exactly the configured number of digits.</summary>
    public bool IsGemeentecode(string? code) =>
        code is not null
        && code.Length == GemeentecodePrefix.Length + GemeentecodeCijfers
        && code.StartsWith(GemeentecodePrefix, StringComparison.Ordinal)
        && code[GemeentecodePrefix.Length..].All(char.IsAsciiDigit);
}

/// <summary>Amount = meerkosten (only the extra costs are funded).</summary>
public sealed class SpukDosCalculator : RegelingCalculator<SpukDosGegevens, SpukDosParameters>
{
    public override string RegelingCode => RegelingCodes.SpukDos;

    protected override decimal Beoordeel(
        SpukDosGegevens gegevens,
        SpukDosParameters parameters,
        TijdvakRegels tijdvakRegels,
        AanvraagContext context,
        List<RegelOvertreding> overtredingen)
    {
        var gemeenten = gegevens.Gemeenten ?? [];
        if (gemeenten.Count == 0)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.SpukDosGemeentenLeeg,
                "Noem minstens één gemeente; de eerste is de penvoerder.",
                "gemeenten"));
        }

        var gezien = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < gemeenten.Count; i++)
        {
            var code = gemeenten[i];
            if (!parameters.IsGemeentecode(code))
            {
                overtredingen.Add(new RegelOvertreding(
                    RegelCodes.SpukDosGemeentecodeOngeldig,
                    $"'{code}' is geen gemeentecode; een gemeentecode is '{parameters.GemeentecodePrefix}' gevolgd door "
                    + $"{parameters.GemeentecodeCijfers} cijfers (de CBS-code, zoals GM0363 voor Amsterdam).",
                    $"gemeenten[{i}]"));
            }
            else if (!gezien.Add(code))
            {
                overtredingen.Add(new RegelOvertreding(
                    RegelCodes.SpukDosGemeenteDubbel,
                    $"De gemeente {code} staat meer dan één keer in de aanvraag.",
                    $"gemeenten[{i}]"));
            }
        }

        if (!Regelhulp.Bevat(parameters.Onderwerpen, gegevens.Onderwerp))
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.SpukDosOnderwerpOnbekend,
                $"Het onderwerp '{gegevens.Onderwerp}' hoort niet bij de regeling; kies uit {Regelhulp.Opsomming(parameters.Onderwerpen)}.",
                "onderwerp"));
        }

        if (gegevens.Meerkosten <= 0)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.SpukDosMeerkosten,
                $"Alleen de meerkosten worden vergoed en die moeten groter zijn dan € 0; opgegeven is {Regelhulp.Euro(gegevens.Meerkosten)}.",
                "meerkosten"));
        }

        if (string.IsNullOrWhiteSpace(gegevens.Businesscase))
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.SpukDosBusinesscaseOntbreekt,
                "Een aanvraag bevat een businesscase die de meerkosten onderbouwt.",
                "businesscase"));
        }

        return gegevens.Meerkosten;
    }
}
