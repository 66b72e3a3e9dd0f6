using System.Text.Json.Serialization;

namespace WozoSubsidies.Domain.Regels;

// STOZ: Stimuleringsregeling Technologie in Ondersteuning en Zorg (RVO). Sources: 001:77-85 (windows, projects
// up to 36 months), 001:2068-2110 (purpose, routes, figures), 001:2204-2208 (goals), 001:3424-3428 (sectors).

/// <summary>API `gegevens` of a STOZ aanvraag.</summary>
public sealed record StozGegevens : AanvraagGegevens
{
    [JsonIgnore]
    public override string RegelingCode => RegelingCodes.Stoz;

    /// <summary>One of <see cref="StozParameters.Routes"/> by name, e.g. "Strategievorming".</summary>
    [JsonPropertyName("route")]
    public required string Route { get; init; }

    /// <summary>One or both of "Arbeidsverlichting" and "LangerThuis" (001:2204-2208).</summary>
    [JsonPropertyName("doelen")]
    public required IReadOnlyList<string> Doelen { get; init; }

    [JsonPropertyName("sector")]
    public required string Sector { get; init; }

    [JsonPropertyName("subsidiabeleKosten")]
    public required decimal SubsidiabeleKosten { get; init; }

    [JsonPropertyName("looptijdMaanden")]
    public required int LooptijdMaanden { get; init; }
}

/// <summary>A STOZ route and the most it can grant.</summary>
public sealed record StozRoute
{
    [JsonPropertyName("naam")]
    public required string Naam { get; init; }

    [JsonPropertyName("maximumBedrag")]
    public required decimal MaximumBedrag { get; init; }
}

public sealed record StozParameters : RegelParameters
{
    [JsonIgnore]
    public override string RegelingCode => RegelingCodes.Stoz;

    /// <summary>001:85: "De projecten ... kennen een projectduur tot 36 maanden".</summary>
    [JsonPropertyName("maximumLooptijdMaanden")]
    public required int MaximumLooptijdMaanden { get; init; }

    /// <summary>"Strategievorming" is a route in the source (001:2098); the other routes and every cap are an
    /// assumption (REGELINGEN.md: cap €100,000 for strategievorming, €500,000 for the others).</summary>
    [JsonPropertyName("routes")]
    public required IReadOnlyList<StozRoute> Routes { get; init; }

    /// <summary>001:2206-2208: "Arbeidsverlichting en Langer thuis".</summary>
    [JsonPropertyName("doelen")]
    public required IReadOnlyList<string> Doelen { get; init; }

    /// <summary>001:3424-3428: the nine sectors of the application form.</summary>
    [JsonPropertyName("sectoren")]
    public required IReadOnlyList<string> Sectoren { get; init; }

    /// <summary>Assumption (REGELINGEN.md): 50% of the eligible costs. In percent (50 = half).</summary>
    [JsonPropertyName("subsidiepercentage")]
    public required decimal Subsidiepercentage { get; init; }

    public static StozParameters Standaard { get; } = new()
    {
        // 001:2078: "Aanbieders van zorg en welzijn".
        ToegestaneAanvragerTypen = ["zorgaanbieder", "welzijnsorganisatie"],
        MaximumLooptijdMaanden = 36,
        Routes =
        [
            new() { Naam = "Strategievorming", MaximumBedrag = 100_000m },
            new() { Naam = "Implementatie", MaximumBedrag = 500_000m },
            new() { Naam = "Opschaling", MaximumBedrag = 500_000m },
        ],
        Doelen = ["Arbeidsverlichting", "LangerThuis"],
        Sectoren =
        [
            "Geestelijke gezondheidszorg",
            "Gehandicaptenzorg",
            "Huisartsen en gezondheidscentra",
            "Jeugdzorg",
            "Overige zorg en welzijn",
            "Sociaal werk",
            "Thuiszorg",
            "Verpleging en verzorging",
            "Ziekenhuizen en overige medisch",
        ],
        Subsidiepercentage = 50m,
    };

    public override IReadOnlyList<string> Valideer()
    {
        var controle = new ParameterControle(this)
            .Positief(MaximumLooptijdMaanden, "maximumLooptijdMaanden")
            .LijstNietLeeg(Routes?.Select(r => r?.Naam!).ToList(), "routes")
            .LijstNietLeeg(Doelen, "doelen")
            .LijstNietLeeg(Sectoren, "sectoren")
            .Als(Subsidiepercentage <= 0 || Subsidiepercentage > 100, "subsidiepercentage moet groter zijn dan 0 en ten hoogste 100.");
        foreach (var route in Routes ?? [])
        {
            controle.Positief(route?.MaximumBedrag ?? 0m, $"routes[{route?.Naam}].maximumBedrag");
        }

        return controle.Fouten;
    }
}

/// <summary>Amount = subsidiabeleKosten × subsidiepercentage, capped at the route's maximum.</summary>
public sealed class StozCalculator : RegelingCalculator<StozGegevens, StozParameters>
{
    public override string RegelingCode => RegelingCodes.Stoz;

    protected override decimal Beoordeel(
        StozGegevens gegevens,
        StozParameters parameters,
        TijdvakRegels tijdvakRegels,
        AanvraagContext context,
        List<RegelOvertreding> overtredingen)
    {
        var maximumLooptijd = Regelhulp.Strengste(parameters.MaximumLooptijdMaanden, tijdvakRegels.MaxLooptijdMaanden)!.Value;
        if (gegevens.LooptijdMaanden < 1 || gegevens.LooptijdMaanden > maximumLooptijd)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.StozLooptijd,
                $"Een project duurt minimaal 1 en maximaal {maximumLooptijd} maanden; aangevraagd is {gegevens.LooptijdMaanden} maanden.",
                "looptijdMaanden"));
        }

        var route = parameters.Routes.FirstOrDefault(r => string.Equals(r.Naam, gegevens.Route?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (route is null)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.StozRouteOnbekend,
                $"De route '{gegevens.Route}' bestaat niet; kies uit {Regelhulp.Opsomming(parameters.Routes.Select(r => r.Naam))}.",
                "route"));
        }

        BeoordeelDoelen(gegevens.Doelen, parameters, overtredingen);

        if (!Regelhulp.Bevat(parameters.Sectoren, gegevens.Sector))
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.StozSectorOnbekend,
                $"De sector '{gegevens.Sector}' is geen sector van de regeling; kies uit {Regelhulp.Opsomming(parameters.Sectoren)}.",
                "sector"));
        }

        if (gegevens.SubsidiabeleKosten <= 0)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.StozSubsidiabeleKosten,
                $"De subsidiabele kosten moeten groter zijn dan € 0; opgegeven is {Regelhulp.Euro(gegevens.SubsidiabeleKosten)}.",
                "subsidiabeleKosten"));
            return 0m;
        }

        // Multiplying by a percentage of at most 100 can never overflow, whatever the costs.
        var bedrag = gegevens.SubsidiabeleKosten * parameters.Subsidiepercentage / 100m;
        return route is null ? bedrag : Math.Min(bedrag, route.MaximumBedrag);
    }

    private static void BeoordeelDoelen(IReadOnlyList<string>? doelen, StozParameters parameters, List<RegelOvertreding> overtredingen)
    {
        var lijst = doelen ?? [];
        var onbekend = lijst.Where(d => !Regelhulp.Bevat(parameters.Doelen, d)).ToList();
        var dubbel = lijst.Count != lijst.Distinct(StringComparer.OrdinalIgnoreCase).Count();
        if (lijst.Count == 0 || onbekend.Count > 0 || dubbel)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.StozDoelen,
                $"Noem één of meer verschillende doelen uit {Regelhulp.Opsomming(parameters.Doelen)}"
                + (onbekend.Count > 0 ? $"; onbekend: {string.Join(", ", onbekend.Select(d => $"'{d}'"))}." : "."),
                "doelen"));
        }
    }
}
