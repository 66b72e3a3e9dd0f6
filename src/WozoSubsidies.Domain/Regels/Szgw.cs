using System.Text.Json.Serialization;

namespace WozoSubsidies.Domain.Regels;

// SZGW: Stimuleringsregeling zorggeschikte woningen. Sources: 000:629-637 (purpose, Wlz indication, new and
// existing buildings, €312m total), 001:1866-1886 (onrendabele top in social rent, tranches).

/// <summary>API `gegevens` of an SZGW aanvraag.</summary>
public sealed record SzgwGegevens : AanvraagGegevens
{
    [JsonIgnore]
    public override string RegelingCode => RegelingCodes.Szgw;

    /// <summary>The number of zorggeschikte dwellings in the project.</summary>
    [JsonPropertyName("woningen")]
    public required int Woningen { get; init; }

    /// <summary>New or existing building: both qualify (000:631).</summary>
    [JsonPropertyName("nieuwbouw")]
    public required bool Nieuwbouw { get; init; }

    /// <summary>The dwellings are for people with a Wlz indication (000:632-633).</summary>
    [JsonPropertyName("wlzDoelgroep")]
    public required bool WlzDoelgroep { get; init; }

    [JsonPropertyName("project")]
    public required SzgwProject Project { get; init; }
}

public sealed record SzgwProject
{
    [JsonPropertyName("naam")]
    public required string Naam { get; init; }

    [JsonPropertyName("gemeente")]
    public required string Gemeente { get; init; }
}

public sealed record SzgwParameters : RegelParameters
{
    [JsonIgnore]
    public override string RegelingCode => RegelingCodes.Szgw;

    /// <summary>Assumption (REGELINGEN.md): €15,000 per dwelling. The sources give averages only:
    /// €6.8m for 638 dwellings ≈ €10,660 (000:636-637) and €96.7m for 6,482 ≈ €14,920 (001:1876-1878).</summary>
    [JsonPropertyName("bedragPerWoning")]
    public required decimal BedragPerWoning { get; init; }

    [JsonPropertyName("minimumWoningen")]
    public required int MinimumWoningen { get; init; }

    /// <summary>Assumption: a plausibility bound against typing errors, not a rule of the regeling. 10,000
    /// dwellings × €15,000 = €150m, more than any tranche plafond (€90m, 001:1880), so no real aanvraag hits it.</summary>
    [JsonPropertyName("maximumWoningen")]
    public required int MaximumWoningen { get; init; }

    public static SzgwParameters Standaard { get; } = new()
    {
        // Assumption (REGELINGEN.md): social landlords, i.e. woningcorporaties and marktpartijen.
        ToegestaneAanvragerTypen = ["woningcorporatie", "marktpartij"],
        BedragPerWoning = 15_000m,
        MinimumWoningen = 1,
        MaximumWoningen = 10_000,
    };

    public override IReadOnlyList<string> Valideer() =>
        new ParameterControle(this)
            .Positief(BedragPerWoning, "bedragPerWoning")
            .Positief(MinimumWoningen, "minimumWoningen")
            .Bereik(MinimumWoningen, MaximumWoningen, "minimumWoningen", "maximumWoningen")
            .Fouten;
}

/// <summary>Amount = bedragPerWoning × woningen.</summary>
public sealed class SzgwCalculator : RegelingCalculator<SzgwGegevens, SzgwParameters>
{
    public override string RegelingCode => RegelingCodes.Szgw;

    protected override decimal Beoordeel(
        SzgwGegevens gegevens,
        SzgwParameters parameters,
        TijdvakRegels tijdvakRegels,
        AanvraagContext context,
        List<RegelOvertreding> overtredingen)
    {
        var woningenGeldig = gegevens.Woningen >= parameters.MinimumWoningen && gegevens.Woningen <= parameters.MaximumWoningen;
        if (!woningenGeldig)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.SzgwAantalWoningen,
                $"Een aanvraag betreft minimaal {Regelhulp.Getal(parameters.MinimumWoningen)} en maximaal "
                + $"{Regelhulp.Getal(parameters.MaximumWoningen)} zorggeschikte woningen; deze aanvraag noemt er {Regelhulp.Getal(gegevens.Woningen)}.",
                "woningen"));
        }

        // 000:632-633: the dwellings are meant for people with a heavy care need (Wlz indication).
        if (!gegevens.WlzDoelgroep)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.SzgwGeenWlzDoelgroep,
                "De woningen moeten bestemd zijn voor mensen met een Wlz-indicatie.",
                "wlzDoelgroep"));
        }

        if (gegevens.Project is null)
        {
            overtredingen.Add(Regelhulp.Onvolledig("project"));
        }
        else if (string.IsNullOrWhiteSpace(gegevens.Project.Naam) || string.IsNullOrWhiteSpace(gegevens.Project.Gemeente))
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.SzgwProjectOnvolledig,
                "Het project moet een naam en een gemeente hebben.",
                string.IsNullOrWhiteSpace(gegevens.Project.Naam) ? "project.naam" : "project.gemeente"));
        }

        // Only a count within the bounds is priced, so an absurd count cannot produce an absurd claim.
        return woningenGeldig ? parameters.BedragPerWoning * gegevens.Woningen : 0m;
    }
}
