using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Tests.Regels;

public sealed class IwoRegelsTests
{
    private static readonly DateOnly GetekendOp = new(2024, 3, 15);

    private static IwoJongere Jongere(decimal huurkorting = 200m, decimal uren = 4m, DateOnly? geboren = null, DateOnly? getekend = null)
    {
        return new()
        {
            Geboortedatum = geboren ?? new DateOnly(2000, 6, 1),
            HuurovereenkomstGetekendOp = getekend ?? GetekendOp,
            HuurkortingPerMaand = huurkorting,
            BegeleidingUrenPerMaand = uren,
        };
    }

    private static IwoGegevens Aanvraag(
        int jongeren = 10,
        decimal huurkorting = 200m,
        decimal uren = 4m,
        int maanden = 12,
        int woningen = 24,
        bool voor55Plus = true,
        bool fysiekVerbonden = true,
        DateOnly? startdatum = null)
    {
        return new()
        {
            Woonvorm = new IwoWoonvorm { AantalWoningen = woningen, BestemdVoor55Plus = voor55Plus, FysiekVerbonden = fysiekVerbonden },
            Jongeren = [.. Enumerable.Range(0, jongeren).Select(_ => Jongere(huurkorting, uren))],
            Startdatum = startdatum ?? Beoordelen.Aanvraagdatum,
            AantalMaanden = maanden,
        };
    }

    [Fact]
    public void Iwo_aanvraag_van_10_jongeren_a_200_met_4_uur_begeleiding_voor_12_maanden_vraagt_57600()
    {
        // 001:736-738: 10 × (€200 + 4 × €70) × 12 = €57,600, the most one aanvraag can ask (REGELINGEN.md: €4,800 a month).
        Beoordelen.Met(Aanvraag()).VoldoetMetBedrag(57_600m);
    }

    [Fact]
    public void Het_bedrag_telt_per_jongere_de_gekozen_huurkorting_en_de_eigen_uren_begeleiding()
    {
        var gegevens = Aanvraag(maanden: 3) with { Jongeren = [Jongere(175m, 0m), Jongere(200m, 2.5m)] };

        // (175 + 0) + (200 + 2.5 × 70) = 550 a month, × 3 months.
        Beoordelen.Met(gegevens).VoldoetMetBedrag(1_650m);
    }

    [Fact]
    public void Een_bedrag_in_fracties_van_centen_wordt_op_centen_afgerond()
    {
        var gegevens = Aanvraag(maanden: 1) with { Jongeren = [Jongere(175m, 1.3333m), Jongere(175m, 1.3333m)] };

        // 2 × (175 + 1.3333 × 70 = 268.331) = 536.662 → 536.66
        Beoordelen.Met(gegevens).VoldoetMetBedrag(536.66m);
    }

    [Theory]
    [InlineData(2, 11_520)]
    [InlineData(10, 57_600)]
    public void Twee_en_tien_jongeren_zijn_de_grenzen_die_nog_mogen(int jongeren, int bedrag)
    {
        Beoordelen.Met(Aanvraag(jongeren)).VoldoetMetBedrag(bedrag);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(11)]
    public void Minder_dan_twee_of_meer_dan_tien_jongeren_wordt_geweigerd(int jongeren)
    {
        var overtreding = Beoordelen.Met(Aanvraag(jongeren)).EnigeOvertreding(RegelCodes.IwoAantalJongeren);

        Assert.Contains("minimaal 2 en maximaal 10", overtreding.Melding, StringComparison.Ordinal);
        Assert.Equal("jongeren", overtreding.Veld);
    }

    [Theory]
    [InlineData("2006-03-15")] // 18th birthday on the day the lease is signed
    [InlineData("1993-03-16")] // the day before the 31st birthday: still 30
    public void Een_jongere_van_precies_18_of_nog_30_op_de_dag_van_de_huurovereenkomst_telt_mee(string geboortedatum)
    {
        var gegevens = Aanvraag(2) with { Jongeren = [Jongere(geboren: DateOnly.Parse(geboortedatum, System.Globalization.CultureInfo.InvariantCulture)), Jongere()] };

        Beoordelen.Met(gegevens).VoldoetMetBedrag(11_520m);
    }

    [Theory]
    [InlineData("2006-03-16")] // one day short of 18
    [InlineData("1993-03-15")] // 31 that day
    [InlineData("2025-01-01")] // born after the lease was signed
    public void Een_jongere_jonger_dan_18_of_ouder_dan_30_bij_ondertekening_wordt_geweigerd(string geboortedatum)
    {
        var gegevens = Aanvraag(2) with { Jongeren = [Jongere(), Jongere(geboren: DateOnly.Parse(geboortedatum, System.Globalization.CultureInfo.InvariantCulture))] };

        var overtreding = Beoordelen.Met(gegevens).EnigeOvertreding(RegelCodes.IwoLeeftijdJongere);

        Assert.Equal("jongeren[1].geboortedatum", overtreding.Veld);
        Assert.Contains("Jongere 2", overtreding.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void De_leeftijd_telt_op_de_dag_van_de_huurovereenkomst_niet_op_de_aanvraagdatum()
    {
        // 17 on the aanvraagdatum (2024-01-02), 18 when the lease is signed on 2024-03-15 (001:2796).
        var gegevens = Aanvraag(2) with { Jongeren = [Jongere(geboren: new DateOnly(2006, 2, 1)), Jongere()] };

        Assert.True(Beoordelen.Met(gegevens).Voldoet);
    }

    [Fact]
    public void Een_woonvorm_van_vijf_woningen_is_geclusterd()
    {
        Beoordelen.Met(Aanvraag(woningen: 5)).VoldoetMetBedrag(57_600m);
    }

    [Fact]
    public void Een_woonvorm_van_vier_woningen_is_niet_geclusterd()
    {
        var overtreding = Beoordelen.Met(Aanvraag(woningen: 4)).EnigeOvertreding(RegelCodes.IwoMinimaalWoningen);

        Assert.Contains("5 of meer woningen", overtreding.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Een_woonvorm_die_niet_voor_55_plussers_bestemd_is_wordt_geweigerd()
    {
        var overtreding = Beoordelen.Met(Aanvraag(voor55Plus: false)).EnigeOvertreding(RegelCodes.IwoNiet55Plus);

        Assert.Contains("55 jaar of ouder", overtreding.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Woningen_die_alleen_in_dezelfde_wijk_liggen_vormen_geen_geclusterde_woonvorm()
    {
        Beoordelen.Met(Aanvraag(fysiekVerbonden: false)).EnigeOvertreding(RegelCodes.IwoNietFysiekVerbonden);
    }

    [Theory]
    [InlineData(150)]
    [InlineData(0)]
    [InlineData(-200)]
    public void Een_huurkorting_anders_dan_175_of_200_wordt_geweigerd_en_telt_niet_mee(int huurkorting)
    {
        var gegevens = Aanvraag(maanden: 1) with { Jongeren = [Jongere(huurkorting, 0m), Jongere(200m, 0m)] };

        var beoordeling = Beoordelen.Met(gegevens);

        var overtreding = beoordeling.EnigeOvertreding(RegelCodes.IwoHuurkortingTarief);
        Assert.Contains("€ 175 of € 200", overtreding.Melding, StringComparison.Ordinal);
        Assert.Equal(200m, beoordeling.AangevraagdBedrag);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("4")]
    public void Nul_tot_en_met_vier_uur_begeleiding_per_maand_mag(string uren)
    {
        Assert.True(Beoordelen.Met(Aanvraag(uren: decimal.Parse(uren, System.Globalization.CultureInfo.InvariantCulture))).Voldoet);
    }

    [Theory]
    [InlineData("4.5")]
    [InlineData("-1")]
    public void Meer_dan_vier_of_negatieve_uren_begeleiding_worden_geweigerd(string uren)
    {
        var overtreding = Beoordelen.Met(Aanvraag(2, uren: decimal.Parse(uren, System.Globalization.CultureInfo.InvariantCulture)))
            .Overtredingen.Select(o => o.Code).Distinct();

        Assert.Equal([RegelCodes.IwoBegeleidingUren], overtreding);
    }

    [Fact]
    public void Een_startdatum_op_de_aanvraagdatum_mag()
    {
        Assert.True(Beoordelen.Met(Aanvraag(startdatum: Beoordelen.Aanvraagdatum)).Voldoet);
    }

    [Fact]
    public void Activiteiten_van_voor_de_aanvraagdatum_worden_niet_gesubsidieerd()
    {
        var overtreding = Beoordelen.Met(Aanvraag(startdatum: Beoordelen.Aanvraagdatum.AddDays(-1)))
            .EnigeOvertreding(RegelCodes.IwoStartVoorAanvraagdatum);

        Assert.Contains("2024-01-02", overtreding.Melding, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 4_800)]
    [InlineData(12, 57_600)]
    public void Een_subsidieperiode_van_1_tot_en_met_12_maanden_mag(int maanden, int bedrag)
    {
        Beoordelen.Met(Aanvraag(maanden: maanden)).VoldoetMetBedrag(bedrag);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(-3)]
    public void Een_subsidieperiode_buiten_1_tot_en_met_12_maanden_wordt_geweigerd(int maanden)
    {
        var beoordeling = Beoordelen.Met(Aanvraag(maanden: maanden));

        beoordeling.EnigeOvertreding(RegelCodes.IwoAantalMaanden);
        Assert.True(beoordeling.AangevraagdBedrag >= 0);
    }

    [Fact]
    public void Absurde_getallen_zijn_overtredingen_en_geen_crash()
    {
        var gegevens = Aanvraag(maanden: int.MaxValue) with
        {
            Jongeren = [Jongere(decimal.MaxValue, decimal.MaxValue), Jongere(decimal.MinValue, decimal.MinValue)],
        };

        var beoordeling = Beoordelen.Met(gegevens);

        Assert.Contains(RegelCodes.IwoHuurkortingTarief, beoordeling.Codes());
        Assert.Contains(RegelCodes.IwoBegeleidingUren, beoordeling.Codes());
        Assert.Contains(RegelCodes.IwoAantalMaanden, beoordeling.Codes());
        Assert.Equal(0m, beoordeling.AangevraagdBedrag);
    }

    [Fact]
    public void Een_ontbrekende_woonvorm_is_een_overtreding_en_geen_crash()
    {
        var gegevens = Aanvraag() with { Woonvorm = null! };

        Beoordelen.Met(gegevens).EnigeOvertreding(RegelCodes.GegevensOnvolledig);
    }

    [Fact]
    public void Een_gemeente_kan_geen_iwo_aanvragen()
    {
        var overtreding = Beoordelen.Met(Aanvraag(), aanvragerType: "gemeente").EnigeOvertreding(RegelCodes.AanvragerTypeNietToegestaan);

        Assert.Contains("woningcorporatie", overtreding.Melding, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("woningcorporatie")]
    [InlineData("Sociale-Ondernemer")]
    [InlineData("verzorgingstehuis")]
    [InlineData("verpleeghuis")]
    public void Verhuurders_van_geclusterde_woonvormen_mogen_iwo_aanvragen(string type)
    {
        Assert.True(Beoordelen.Met(Aanvraag(), aanvragerType: type).Voldoet);
    }

    [Fact]
    public void Een_hoger_begeleidingstarief_in_de_regels_verhoogt_het_bedrag()
    {
        var parameters = IwoParameters.Standaard with { BegeleidingTariefPerUur = 80m };

        // 10 × (200 + 4 × 80) × 12
        Beoordelen.Met(Aanvraag(), parameters).VoldoetMetBedrag(62_400m);
    }

    [Fact]
    public void Met_een_hoger_maximum_aan_jongeren_in_de_regels_mag_een_aanvraag_voor_elf_jongeren()
    {
        var parameters = IwoParameters.Standaard with { MaximumJongeren = 12 };

        Assert.False(Beoordelen.Met(Aanvraag(11)).Voldoet);
        Beoordelen.Met(Aanvraag(11), parameters).VoldoetMetBedrag(63_360m);
    }

    [Fact]
    public void Een_tijdvak_met_een_kortere_looptijd_beperkt_de_subsidieperiode()
    {
        var tijdvak = new TijdvakRegels { MaxLooptijdMaanden = 6 };

        var overtreding = Beoordelen.Met(Aanvraag(maanden: 7), tijdvakRegels: tijdvak).EnigeOvertreding(RegelCodes.IwoAantalMaanden);

        Assert.Contains("maximaal 6 maanden", overtreding.Melding, StringComparison.Ordinal);
    }
}
