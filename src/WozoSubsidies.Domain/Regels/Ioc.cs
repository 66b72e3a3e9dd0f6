using System.Text.Json.Serialization;

namespace WozoSubsidies.Domain.Regels;

// IOC: Implementatie- en Opschalingscoaching Ouderen Thuis (ZonMw). Sources: 000:868-882 (€1m per round, voucher of
// at most €10,000), 001:3443-3473 (who, €10,000 incl. VAT, six months, coaching only, sectors, innovation types),
// 001:2321-2323 (physiotherapy not available in round 2, limited in rounds 3 and 4).

/// <summary>API `gegevens` of an IOC aanvraag.</summary>
public sealed record IocGegevens : AanvraagGegevens
{
    [JsonIgnore]
    public override string RegelingCode => RegelingCodes.Ioc;

    [JsonPropertyName("sector")]
    public required string Sector { get; init; }

    [JsonPropertyName("innovatietype")]
    public required string Innovatietype { get; init; }

    /// <summary>The coach's fees including VAT: the only eligible cost (001:3451-3453).</summary>
    [JsonPropertyName("coachkosten")]
    public required decimal Coachkosten { get; init; }

    [JsonPropertyName("looptijdMaanden")]
    public required int LooptijdMaanden { get; init; }

    /// <summary>The aanvrager's profession where it matters for eligibility, e.g. "fysiotherapie" (excluded in
    /// round 2, 001:2321). Optional, but required in a tijdvak that excludes beroepsgroepen.</summary>
    [JsonPropertyName("beroepsgroep")]
    public string? Beroepsgroep { get; init; }

    /// <summary>The zorgaanbieder an innovation developer works with (001:3449). Required for the aanvrager types
    /// in <see cref="IocParameters.AanvragerTypenMetSamenwerkingsplicht"/>.</summary>
    [JsonPropertyName("samenwerkendeZorgaanbieder")]
    public string? SamenwerkendeZorgaanbieder { get; init; }
}

public sealed record IocParameters : RegelParameters
{
    [JsonIgnore]
    public override string RegelingCode => RegelingCodes.Ioc;

    /// <summary>001:3451: "maximaal €10.000,- inclusief eventueel verschuldigde btw".</summary>
    [JsonPropertyName("maximumBedrag")]
    public required decimal MaximumBedrag { get; init; }

    /// <summary>001:3451: "een maximale looptijd van zes maanden".</summary>
    [JsonPropertyName("maximumLooptijdMaanden")]
    public required int MaximumLooptijdMaanden { get; init; }

    /// <summary>001:3471.</summary>
    [JsonPropertyName("sectoren")]
    public required IReadOnlyList<string> Sectoren { get; init; }

    /// <summary>001:3473.</summary>
    [JsonPropertyName("innovatietypen")]
    public required IReadOnlyList<string> Innovatietypen { get; init; }

    /// <summary>Beroepsgroepen excluded in every tijdvak of this rules version. Empty by default: the sources
    /// exclude physiotherapy per round (001:2321), which lives on the tijdvak (<see cref="TijdvakRegels"/>).</summary>
    [JsonPropertyName("uitgeslotenBeroepsgroepen")]
    public required IReadOnlyList<string> UitgeslotenBeroepsgroepen { get; init; }

    /// <summary>001:3449: "de ontwikkelaar van een zorginnovatie in samenwerking met een aanbieder van zorg".</summary>
    [JsonPropertyName("aanvragerTypenMetSamenwerkingsplicht")]
    public required IReadOnlyList<string> AanvragerTypenMetSamenwerkingsplicht { get; init; }

    public static IocParameters Standaard { get; } = new()
    {
        // 001:3443-3449: providers under Wmo 2015, Zvw, Wlz, Jeugdwet; gemeenten and GGD'en; innovation developers
        // together with a provider.
        ToegestaneAanvragerTypen = ["zorgaanbieder", "gemeente", "ggd", "ontwikkelaar-zorginnovatie"],
        MaximumBedrag = 10_000m,
        MaximumLooptijdMaanden = 6,
        Sectoren = ["paramedische zorg", "VVT", "sociaal domein", "wijkverpleging", "huisartsenzorg", "gezondheidscentra", "overige zorg"],
        Innovatietypen = ["procesinnovatie", "technologische innovatie", "telemonitoring", "medicatie", "communicatieplatform", "overig"],
        UitgeslotenBeroepsgroepen = [],
        AanvragerTypenMetSamenwerkingsplicht = ["ontwikkelaar-zorginnovatie"],
    };

    public override IReadOnlyList<string> Valideer() =>
        new ParameterControle(this)
            .Positief(MaximumBedrag, "maximumBedrag")
            .Positief(MaximumLooptijdMaanden, "maximumLooptijdMaanden")
            .LijstNietLeeg(Sectoren, "sectoren")
            .LijstNietLeeg(Innovatietypen, "innovatietypen")
            .Als(UitgeslotenBeroepsgroepen is null, "uitgeslotenBeroepsgroepen ontbreekt (gebruik [] voor geen).")
            .Als(AanvragerTypenMetSamenwerkingsplicht is null, "aanvragerTypenMetSamenwerkingsplicht ontbreekt (gebruik [] voor geen).")
            .Fouten;
}

/// <summary>Amount = coachkosten (coaching costs only, 001:3451-3453).</summary>
public sealed class IocCalculator : RegelingCalculator<IocGegevens, IocParameters>
{
    public override string RegelingCode => RegelingCodes.Ioc;

    protected override decimal Beoordeel(
        IocGegevens gegevens,
        IocParameters parameters,
        TijdvakRegels tijdvakRegels,
        AanvraagContext context,
        List<RegelOvertreding> overtredingen)
    {
        // The cap holds for the rounded amount: that is what is asked and granted.
        var bedrag = Regelhulp.Rond(gegevens.Coachkosten);
        if (bedrag <= 0)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.IocCoachkosten,
                $"De coachkosten moeten groter zijn dan € 0; opgegeven is {Regelhulp.Euro(gegevens.Coachkosten)}.",
                "coachkosten"));
        }
        else if (bedrag > parameters.MaximumBedrag)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.IocMaximumBedrag,
                $"Per aanvraag kan maximaal {Regelhulp.Euro(parameters.MaximumBedrag)} inclusief btw worden aangevraagd; "
                + $"aangevraagd is {Regelhulp.Euro(bedrag)}.",
                "coachkosten"));
        }

        var maximumLooptijd = Regelhulp.Strengste(parameters.MaximumLooptijdMaanden, tijdvakRegels.MaxLooptijdMaanden)!.Value;
        if (gegevens.LooptijdMaanden < 1 || gegevens.LooptijdMaanden > maximumLooptijd)
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.IocLooptijd,
                $"De looptijd is minimaal 1 en maximaal {maximumLooptijd} maanden; aangevraagd is {gegevens.LooptijdMaanden} maanden.",
                "looptijdMaanden"));
        }

        if (!Regelhulp.Bevat(parameters.Sectoren, gegevens.Sector))
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.IocSectorOnbekend,
                $"De sector '{gegevens.Sector}' is geen sector van de regeling; kies uit {Regelhulp.Opsomming(parameters.Sectoren)}.",
                "sector"));
        }

        if (!Regelhulp.Bevat(parameters.Innovatietypen, gegevens.Innovatietype))
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.IocInnovatietypeOnbekend,
                $"Het innovatietype '{gegevens.Innovatietype}' bestaat niet in de regeling; kies uit {Regelhulp.Opsomming(parameters.Innovatietypen)}.",
                "innovatietype"));
        }

        BeoordeelBeroepsgroep(gegevens, parameters, tijdvakRegels, overtredingen);

        if (Regelhulp.Bevat(parameters.AanvragerTypenMetSamenwerkingsplicht, context.AanvragerType)
            && string.IsNullOrWhiteSpace(gegevens.SamenwerkendeZorgaanbieder))
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.IocSamenwerkingOntbreekt,
                $"Een aanvrager van het type '{context.AanvragerType}' vraagt aan samen met een aanbieder van zorg of ondersteuning; "
                + "noem die zorgaanbieder.",
                "samenwerkendeZorgaanbieder"));
        }

        return bedrag;
    }

    private static void BeoordeelBeroepsgroep(
        IocGegevens gegevens,
        IocParameters parameters,
        TijdvakRegels tijdvakRegels,
        List<RegelOvertreding> overtredingen)
    {
        // Exclusions of the rules version and of the tijdvak add up: ronde 2 excluded physiotherapy (001:2321).
        var uitgesloten = (parameters.UitgeslotenBeroepsgroepen ?? [])
            .Concat(tijdvakRegels.UitgeslotenBeroepsgroepen ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (uitgesloten.Count == 0)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(gegevens.Beroepsgroep))
        {
            // Without it the exclusion could be evaded by leaving the field out.
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.IocBeroepsgroepOntbreekt,
                $"In dit tijdvak zijn {Regelhulp.Opsomming(uitgesloten)} uitgesloten; vermeld daarom de beroepsgroep van de aanvrager.",
                "beroepsgroep"));
        }
        else if (Regelhulp.Bevat(uitgesloten, gegevens.Beroepsgroep))
        {
            overtredingen.Add(new RegelOvertreding(
                RegelCodes.IocBeroepsgroepUitgesloten,
                $"De beroepsgroep '{gegevens.Beroepsgroep}' kan in dit tijdvak geen aanvraag doen; uitgesloten zijn {Regelhulp.Opsomming(uitgesloten)}.",
                "beroepsgroep"));
        }
    }
}
