using System.Text.Json.Serialization;

namespace WozoSubsidies.Domain.Regels;

// IWO: Subsidieregeling intergenerationeel wonen (DUS-I). Sources: 001:736-738 (rates), 001:2789-2804 (who,
// when, which jongeren, which woonvorm). REGELINGEN.md "Amount and eligibility rules", IWO.

/// <summary>API `gegevens` of an IWO aanvraag: one geclusterde woonvorm and the jongeren who rent in it.</summary>
public sealed record IwoGegevens : AanvraagGegevens
{
    [JsonIgnore]
    public override string RegelingCode => RegelingCodes.Iwo;

    [JsonPropertyName("woonvorm")]
    public required IwoWoonvorm Woonvorm { get; init; }

    [JsonPropertyName("jongeren")]
    public required IReadOnlyList<IwoJongere> Jongeren { get; init; }

    /// <summary>First day of the subsidised activities; not before the aanvraagdatum (001:2792-2794).</summary>
    [JsonPropertyName("startdatum")]
    public required DateOnly Startdatum { get; init; }

    /// <summary>Subsidy period in months.</summary>
    [JsonPropertyName("aantalMaanden")]
    public required int AantalMaanden { get; init; }
}

/// <summary>The geclusterde woonvorm (001:2800-2804).</summary>
public sealed record IwoWoonvorm
{
    [JsonPropertyName("aantalWoningen")]
    public required int AantalWoningen { get; init; }

    [JsonPropertyName("bestemdVoor55Plus")]
    public required bool BestemdVoor55Plus { get; init; }

    /// <summary>Physically connected or comparable: a shared hofje counts, the same neighbourhood does not (001:2802).</summary>
    [JsonPropertyName("fysiekVerbonden")]
    public required bool FysiekVerbonden { get; init; }
}

/// <summary>One jongere who rents a woonruimte in the woonvorm.</summary>
public sealed record IwoJongere
{
    [JsonPropertyName("geboortedatum")]
    public required DateOnly Geboortedatum { get; init; }

    /// <summary>The age rule is judged on this day (001:2796).</summary>
    [JsonPropertyName("huurovereenkomstGetekendOp")]
    public required DateOnly HuurovereenkomstGetekendOp { get; init; }

    /// <summary>One of <see cref="IwoParameters.ToegestaneHuurkortingen"/>.</summary>
    [JsonPropertyName("huurkortingPerMaand")]
    public required decimal HuurkortingPerMaand { get; init; }

    [JsonPropertyName("begeleidingUrenPerMaand")]
    public required decimal BegeleidingUrenPerMaand { get; init; }
}

/// <summary>Every number of IWO. Values in <see cref="Standaard"/> come from the sources unless marked as assumption.</summary>
public sealed record IwoParameters : RegelParameters
{
    [JsonIgnore]
    public override string RegelingCode => RegelingCodes.Iwo;

    /// <summary>001:2798: "minimaal 2 en maximaal 10 jongeren per geclusterde woonvorm".</summary>
    [JsonPropertyName("minimumJongeren")]
    public required int MinimumJongeren { get; init; }

    [JsonPropertyName("maximumJongeren")]
    public required int MaximumJongeren { get; init; }

    /// <summary>001:2796: "minimaal 18 en maximaal 30 jaar oud op het moment van ondertekenen van de huurovereenkomst".</summary>
    [JsonPropertyName("minimumLeeftijdJongere")]
    public required int MinimumLeeftijdJongere { get; init; }

    [JsonPropertyName("maximumLeeftijdJongere")]
    public required int MaximumLeeftijdJongere { get; init; }

    /// <summary>001:2800: "5 of meer woningen".</summary>
    [JsonPropertyName("minimumWoningen")]
    public required int MinimumWoningen { get; init; }

    /// <summary>001:2804: "bestemd voor personen van 55 jaar of ouder". The gegevens carry a yes/no
    /// (`bestemdVoor55Plus`); the age is here so the message names the rule in force.</summary>
    [JsonPropertyName("minimumLeeftijdBewoners")]
    public required int MinimumLeeftijdBewoners { get; init; }

    /// <summary>001:736: "€175 of €200 per jongere per woonruimte per maand". The source does not say which rate
    /// applies when, so the applicant picks one of these per jongere (REGELINGEN.md).</summary>
    [JsonPropertyName("toegestaneHuurkortingen")]
    public required IReadOnlyList<decimal> ToegestaneHuurkortingen { get; init; }

    /// <summary>001:738: "€70 per uur".</summary>
    [JsonPropertyName("begeleidingTariefPerUur")]
    public required decimal BegeleidingTariefPerUur { get; init; }

    /// <summary>001:738: "maximaal 4 uur per jongere per maand".</summary>
    [JsonPropertyName("maximumBegeleidingUrenPerMaand")]
    public required decimal MaximumBegeleidingUrenPerMaand { get; init; }

    /// <summary>Assumption (REGELINGEN.md): a subsidy period of 1 to 12 months per aanvraag.</summary>
    [JsonPropertyName("minimumMaanden")]
    public required int MinimumMaanden { get; init; }

    [JsonPropertyName("maximumMaanden")]
    public required int MaximumMaanden { get; init; }

    public static IwoParameters Standaard { get; } = new()
    {
        // 001:2789-2790: verhuurders of a geclusterde woonvorm for older people, "bijvoorbeeld" these four.
        ToegestaneAanvragerTypen = ["woningcorporatie", "sociale-ondernemer", "verzorgingstehuis", "verpleeghuis"],
        MinimumJongeren = 2,
        MaximumJongeren = 10,
        MinimumLeeftijdJongere = 18,
        MaximumLeeftijdJongere = 30,
        MinimumWoningen = 5,
        MinimumLeeftijdBewoners = 55,
        ToegestaneHuurkortingen = [175m, 200m],
        BegeleidingTariefPerUur = 70m,
        MaximumBegeleidingUrenPerMaand = 4m,
        MinimumMaanden = 1,
        MaximumMaanden = 12,
    };

    public override IReadOnlyList<string> Valideer() =>
        new ParameterControle(this)
            .Positief(MinimumJongeren, "minimumJongeren")
            .Bereik(MinimumJongeren, MaximumJongeren, "minimumJongeren", "maximumJongeren")
            .NietNegatief(MinimumLeeftijdJongere, "minimumLeeftijdJongere")
            .Bereik(MinimumLeeftijdJongere, MaximumLeeftijdJongere, "minimumLeeftijdJongere", "maximumLeeftijdJongere")
            .Positief(MinimumWoningen, "minimumWoningen")
            .NietNegatief(MinimumLeeftijdBewoners, "minimumLeeftijdBewoners")
            .Als(ToegestaneHuurkortingen is null || ToegestaneHuurkortingen.Count == 0 || ToegestaneHuurkortingen.Any(x => x <= 0),
                "toegestaneHuurkortingen moet minstens één bedrag bevatten, elk groter dan 0.")
            .Positief(BegeleidingTariefPerUur, "begeleidingTariefPerUur")
            .NietNegatief(MaximumBegeleidingUrenPerMaand, "maximumBegeleidingUrenPerMaand")
            .Positief(MinimumMaanden, "minimumMaanden")
            .Bereik(MinimumMaanden, MaximumMaanden, "minimumMaanden", "maximumMaanden")
            .Fouten;
}

/// <summary>Amount = Σ over jongeren of (huurkorting + uren × tarief) × aantalMaanden (001:736-738).
/// 10 jongeren × (€200 + 4 × €70) × 12 = €57,600.</summary>
public sealed class IwoCalculator : RegelingCalculator<IwoGegevens, IwoParameters>
{
    public override string RegelingCode => RegelingCodes.Iwo;

    protected override decimal Beoordeel(
        IwoGegevens gegevens,
        IwoParameters parameters,
        TijdvakRegels tijdvakRegels,
        AanvraagContext context,
        List<RegelOvertreding> overtredingen)
    {
        BeoordeelWoonvorm(gegevens.Woonvorm, parameters, overtredingen);

        var jongeren = gegevens.Jongeren ?? [];
        if (gegevens.Jongeren is null)
        {
            overtredingen.Add(Regelhulp.Onvolledig("jongeren"));
        }

        if (jongeren.Count < parameters.MinimumJongeren || jongeren.Count > parameters.MaximumJongeren)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.IwoAantalJongeren,
                $"Subsidie wordt aangevraagd voor minimaal {parameters.MinimumJongeren} en maximaal {parameters.MaximumJongeren} "
                + $"jongeren per geclusterde woonvorm; deze aanvraag noemt er {jongeren.Count}.",
                "jongeren"));
        }

        // 001:2792-2794: only activities from the moment the aanvraag is submitted are subsidised.
        if (gegevens.Startdatum < context.Aanvraagdatum)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.IwoStartVoorAanvraagdatum,
                $"Alleen activiteiten vanaf de aanvraagdatum ({Regelhulp.Datum(context.Aanvraagdatum)}) worden gesubsidieerd; "
                + $"de startdatum {Regelhulp.Datum(gegevens.Startdatum)} ligt daarvoor.",
                "startdatum"));
        }

        var maximumMaanden = Regelhulp.Strengste(parameters.MaximumMaanden, tijdvakRegels.MaxLooptijdMaanden)!.Value;
        if (gegevens.AantalMaanden < parameters.MinimumMaanden || gegevens.AantalMaanden > maximumMaanden)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.IwoAantalMaanden,
                $"De subsidieperiode is minimaal {parameters.MinimumMaanden} en maximaal {maximumMaanden} maanden; "
                + $"aangevraagd zijn {gegevens.AantalMaanden} maanden.",
                "aantalMaanden"));
        }

        var perMaand = 0m;
        for (var i = 0; i < jongeren.Count; i++)
        {
            perMaand += BeoordeelJongere(jongeren[i], i, parameters, overtredingen);
        }

        return perMaand * Math.Max(0, gegevens.AantalMaanden);
    }

    private static void BeoordeelWoonvorm(IwoWoonvorm? woonvorm, IwoParameters parameters, List<RegelOvertreding> overtredingen)
    {
        if (woonvorm is null)
        {
            overtredingen.Add(Regelhulp.Onvolledig("woonvorm"));
            return;
        }

        if (woonvorm.AantalWoningen < parameters.MinimumWoningen)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.IwoMinimaalWoningen,
                $"Een geclusterde woonvorm telt {parameters.MinimumWoningen} of meer woningen; deze woonvorm telt er {woonvorm.AantalWoningen}.",
                "woonvorm.aantalWoningen"));
        }

        if (!woonvorm.BestemdVoor55Plus)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.IwoNiet55Plus,
                $"De geclusterde woonvorm moet bestemd zijn voor personen van {parameters.MinimumLeeftijdBewoners} jaar of ouder.",
                "woonvorm.bestemdVoor55Plus"));
        }

        if (!woonvorm.FysiekVerbonden)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.IwoNietFysiekVerbonden,
                "De woningen van de geclusterde woonvorm moeten fysiek verbonden zijn of daarmee vergelijkbaar "
                + "(een gezamenlijk hofje telt, dezelfde woonwijk niet).",
                "woonvorm.fysiekVerbonden"));
        }
    }

    /// <summary>Judges one jongere and returns what that jongere adds per month. A rate or a number of hours
    /// that breaks a rule adds nothing: the requested amount only counts what the regeling can pay for, and an
    /// absurd input can therefore never overflow the sum.</summary>
    private static decimal BeoordeelJongere(IwoJongere? jongere, int index, IwoParameters parameters, List<RegelOvertreding> overtredingen)
    {
        var pad = $"jongeren[{index}]";
        if (jongere is null)
        {
            overtredingen.Add(Regelhulp.Onvolledig(pad));
            return 0m;
        }

        var nummer = index + 1;
        var leeftijd = Regelhulp.Leeftijd(jongere.Geboortedatum, jongere.HuurovereenkomstGetekendOp);
        if (leeftijd < parameters.MinimumLeeftijdJongere || leeftijd > parameters.MaximumLeeftijdJongere)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.IwoLeeftijdJongere,
                $"Jongere {nummer} is {(leeftijd < 0 ? "nog niet geboren" : $"{leeftijd} jaar oud")} op de dag dat de huurovereenkomst is getekend "
                + $"({Regelhulp.Datum(jongere.HuurovereenkomstGetekendOp)}); dat moet minimaal {parameters.MinimumLeeftijdJongere} "
                + $"en maximaal {parameters.MaximumLeeftijdJongere} jaar zijn.",
                $"{pad}.geboortedatum"));
        }

        var huurkorting = 0m;
        if (parameters.ToegestaneHuurkortingen.Contains(jongere.HuurkortingPerMaand))
        {
            huurkorting = jongere.HuurkortingPerMaand;
        }
        else
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.IwoHuurkortingTarief,
                $"De huurkorting voor jongere {nummer} is {Regelhulp.Euro(jongere.HuurkortingPerMaand)} per maand; "
                + $"toegestaan is {Regelhulp.Opsomming(parameters.ToegestaneHuurkortingen)} per jongere per maand.",
                $"{pad}.huurkortingPerMaand"));
        }

        var begeleiding = 0m;
        if (jongere.BegeleidingUrenPerMaand >= 0 && jongere.BegeleidingUrenPerMaand <= parameters.MaximumBegeleidingUrenPerMaand)
        {
            begeleiding = jongere.BegeleidingUrenPerMaand * parameters.BegeleidingTariefPerUur;
        }
        else
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.IwoBegeleidingUren,
                $"De begeleiding van jongere {nummer} is {Regelhulp.Getal(jongere.BegeleidingUrenPerMaand)} uur per maand; "
                + $"dat is minimaal 0 en maximaal {Regelhulp.Getal(parameters.MaximumBegeleidingUrenPerMaand)} uur per jongere per maand "
                + $"(à {Regelhulp.Euro(parameters.BegeleidingTariefPerUur)} per uur).",
                $"{pad}.begeleidingUrenPerMaand"));
        }

        return huurkorting + begeleiding;
    }
}
