using System.Text.Json.Serialization;

namespace WozoSubsidies.Domain.Regels;

// SOO: Stimuleringsregeling ontmoetingsruimten in ouderenhuisvesting (RVO). Sources: 000:640-653 (purpose,
// tranches, small/medium/large complexes), 002:1766-1785 (new and existing property, who may apply).

/// <summary>API `gegevens` of an SOO aanvraag.</summary>
public sealed record SooGegevens : AanvraagGegevens
{
    [JsonIgnore]
    public override string RegelingCode => RegelingCodes.Soo;

    /// <summary>The number of dwellings of the geclusterde woonvorm; it decides the size class.</summary>
    [JsonPropertyName("aantalWoningenComplex")]
    public required int AantalWoningenComplex { get; init; }

    [JsonPropertyName("ontmoetingsruimte")]
    public required SooOntmoetingsruimte Ontmoetingsruimte { get; init; }
}

public sealed record SooOntmoetingsruimte
{
    /// <summary>New or existing property: both qualify (002:1781-1782).</summary>
    [JsonPropertyName("nieuwbouw")]
    public required bool Nieuwbouw { get; init; }

    [JsonPropertyName("oppervlakteM2")]
    public required decimal OppervlakteM2 { get; init; }
}

/// <summary>A size class of complexes with its fixed contribution. Bounds are inclusive; a null bound is open.</summary>
public sealed record SooGrootteklasse
{
    [JsonPropertyName("naam")]
    public required string Naam { get; init; }

    [JsonPropertyName("minimumWoningen")]
    public required int MinimumWoningen { get; init; }

    [JsonPropertyName("maximumWoningen")]
    public int? MaximumWoningen { get; init; }

    [JsonPropertyName("bedrag")]
    public required decimal Bedrag { get; init; }

    public bool Omvat(int woningen) => woningen >= MinimumWoningen && (MaximumWoningen is null || woningen <= MaximumWoningen);
}

public sealed record SooParameters : RegelParameters
{
    [JsonIgnore]
    public override string RegelingCode => RegelingCodes.Soo;

    /// <summary>Assumption (REGELINGEN.md): small &lt; 30 dwellings €50,000, medium 30–75 €100,000, large &gt; 75 €150,000.
    /// The source only says applications spread evenly over small, medium and large complexes (000:647-648).
    /// Ascending and without gaps or overlap (checked by <see cref="Valideer"/>).</summary>
    [JsonPropertyName("grootteklassen")]
    public required IReadOnlyList<SooGrootteklasse> Grootteklassen { get; init; }

    public static SooParameters Standaard { get; } = new()
    {
        // 002:1784-1785: "zowel woningcorporaties, marktpartijen, burgerinitiatieven als zorgaanbieders".
        ToegestaneAanvragerTypen = ["woningcorporatie", "marktpartij", "burgerinitiatief", "zorgaanbieder"],
        Grootteklassen =
        [
            new() { Naam = "klein", MinimumWoningen = 1, MaximumWoningen = 29, Bedrag = 50_000m },
            new() { Naam = "middelgroot", MinimumWoningen = 30, MaximumWoningen = 75, Bedrag = 100_000m },
            new() { Naam = "groot", MinimumWoningen = 76, MaximumWoningen = null, Bedrag = 150_000m },
        ],
    };

    public override IReadOnlyList<string> Valideer()
    {
        var controle = new ParameterControle(this);
        var klassen = Grootteklassen ?? [];
        controle.Als(klassen.Count == 0, "grootteklassen moet minstens één klasse bevatten.");
        for (var i = 0; i < klassen.Count; i++)
        {
            var klasse = klassen[i];
            if (klasse is null)
            {
                controle.Als(true, $"grootteklassen[{i}] ontbreekt.");
                continue;
            }

            controle
                .Als(string.IsNullOrWhiteSpace(klasse.Naam), $"grootteklassen[{i}] heeft geen naam.")
                .Positief(klasse.MinimumWoningen, $"grootteklassen[{i}].minimumWoningen")
                .Als(klasse.MaximumWoningen < klasse.MinimumWoningen, $"grootteklassen[{i}]: maximumWoningen is kleiner dan minimumWoningen.")
                .Positief(klasse.Bedrag, $"grootteklassen[{i}].bedrag");
            if (i > 0 && klassen[i - 1] is { } vorige)
            {
                controle.Als(vorige.MaximumWoningen is null || vorige.MaximumWoningen + 1 != klasse.MinimumWoningen,
                    $"grootteklassen[{i}] sluit niet aan op de vorige klasse (zonder gat of overlap, oplopend).");
            }
        }

        return controle.Fouten;
    }
}

/// <summary>Amount = the fixed contribution of the complex's size class.</summary>
public sealed class SooCalculator : RegelingCalculator<SooGegevens, SooParameters>
{
    public override string RegelingCode => RegelingCodes.Soo;

    protected override decimal Beoordeel(
        SooGegevens gegevens,
        SooParameters parameters,
        TijdvakRegels tijdvakRegels,
        AanvraagContext context,
        List<RegelOvertreding> overtredingen)
    {
        if (gegevens.Ontmoetingsruimte is null)
        {
            overtredingen.Add(Regelhulp.Onvolledig("ontmoetingsruimte"));
        }
        else if (gegevens.Ontmoetingsruimte.OppervlakteM2 <= 0)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.SooOppervlakte,
                $"De oppervlakte van de ontmoetingsruimte moet groter zijn dan 0 m²; opgegeven is {Regelhulp.Getal(gegevens.Ontmoetingsruimte.OppervlakteM2)} m².",
                "ontmoetingsruimte.oppervlakteM2"));
        }

        if (gegevens.AantalWoningenComplex <= 0)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.SooAantalWoningen,
                $"Het complex moet uit minstens één woning bestaan; opgegeven zijn {Regelhulp.Getal(gegevens.AantalWoningenComplex)} woningen.",
                "aantalWoningenComplex"));
            return 0m;
        }

        var klasse = parameters.Grootteklassen.FirstOrDefault(k => k.Omvat(gegevens.AantalWoningenComplex));
        if (klasse is null)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.SooGeenGrootteklasse,
                $"Een complex van {Regelhulp.Getal(gegevens.AantalWoningenComplex)} woningen valt in geen van de grootteklassen "
                + $"({Regelhulp.Opsomming(parameters.Grootteklassen.Select(Beschrijf))}).",
                "aantalWoningenComplex"));
            return 0m;
        }

        return klasse.Bedrag;
    }

    private static string Beschrijf(SooGrootteklasse klasse) =>
        klasse.MaximumWoningen is null
            ? $"{klasse.Naam}: {klasse.MinimumWoningen} woningen of meer"
            : $"{klasse.Naam}: {klasse.MinimumWoningen}–{klasse.MaximumWoningen} woningen";
}
