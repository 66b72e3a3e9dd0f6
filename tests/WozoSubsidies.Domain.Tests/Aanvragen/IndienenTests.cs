using WozoSubsidies.Domain.Aanvragen;
using WozoSubsidies.Domain.Regels;
using static WozoSubsidies.Domain.Tests.Aanvragen.Voorbeeld;

namespace WozoSubsidies.Domain.Tests.Aanvragen;

public sealed class IndienenTests
{
    [Fact]
    public void Een_complete_IWO_aanvraag_voor_tien_jongeren_vraagt_57600_euro_en_wacht_op_de_dagafsluiting() =>
        Nieuw()
            .When(Indiening())
            .Then(Ingediend())
            .EnState(s =>
            {
                Assert.Equal(AanvraagStatus.Ingediend, s.Status);
                Assert.Equal(57_600m, s.AangevraagdBedrag);
                Assert.Equal(3, s.RegelsVersie);
                Assert.Equal(Ontvangen, s.CompleetOntvangenOp);
                Assert.True(s.WachtOpPlaatsing);
                Assert.False(s.HeeftPlaats);
            });

    [Fact]
    public void Het_bedrag_volgt_uit_de_calculator_van_de_regeling() =>
        Nieuw()
            .When(Indiening(Iwo(jongeren: 2, huurkorting: 175m, uren: 2m, maanden: 6)))
            .Then(events => Assert.Equal(2 * (175m + (2 * 70m)) * 6, Assert.IsType<AanvraagIngediend>(Assert.Single(events)).AangevraagdBedrag));

    [Fact]
    public void Een_aanvraag_die_een_regel_schendt_wordt_geweigerd_met_de_code_van_de_calculator()
    {
        var fout = Nieuw().When(Indiening(Iwo(huurkorting: 190m))).ThenFout(RegelCodes.IwoHuurkortingTarief);
        Assert.All(fout.Overtredingen, o => Assert.Equal(RegelCodes.IwoHuurkortingTarief, o.Code));
    }

    [Fact]
    public void Een_aanvraag_die_meerdere_regels_schendt_noemt_ze_allemaal_zodat_de_API_ze_kan_tonen()
    {
        var fout = Nieuw().When(Indiening(Iwo(jongeren: 11, maanden: 13, woningen: 4))).ThenFout(RegelCodes.IwoMinimaalWoningen);
        var codes = fout.Overtredingen.Select(o => o.Code).ToHashSet();
        Assert.Contains(RegelCodes.IwoMinimaalWoningen, codes);
        Assert.Contains(RegelCodes.IwoAantalJongeren, codes);
        Assert.Contains(RegelCodes.IwoAantalMaanden, codes);
        Assert.Contains("3 regels", fout.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Een_aanvrager_van_een_type_dat_de_regeling_niet_kent_wordt_geweigerd() =>
        Nieuw()
            .When(Indiening(aanvrager: DeHof with { Type = "gemeente" }))
            .ThenFout(RegelCodes.AanvragerTypeNietToegestaan);

    [Fact]
    public void De_regels_van_het_tijdvak_gelden_naast_die_van_de_regeling() =>
        Nieuw()
            .When(Indiening(tijdvakRegels: new TijdvakRegels { MaxLooptijdMaanden = 6 }))
            .ThenFout(RegelCodes.IwoAantalMaanden);

    [Fact]
    public void Gegevens_van_een_andere_regeling_worden_geweigerd() =>
        Nieuw()
            .When(Indiening() with { RegelingCode = RegelingCodes.Szgw })
            .ThenFout("regeling-komt-niet-overeen");

    [Fact]
    public void Een_onbekende_regeling_wordt_geweigerd() =>
        Nieuw()
            .When(Indiening() with { RegelingCode = "ONBEKEND" })
            .ThenFout("regeling-onbekend");

    [Fact]
    public void Een_beslistermijn_van_nul_weken_wordt_geweigerd() =>
        Nieuw().When(Indiening(weken: 0)).ThenFout("beslistermijn-ongeldig");

    [Fact]
    public void Een_aanvraag_wordt_maar_een_keer_ingediend()
    {
        var fout = IngediendeAanvraag().When(Indiening()).ThenFout("ongeldige-overgang");
        Assert.Contains("Ingediend", fout.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void De_beslistermijn_van_de_regeling_wordt_vastgelegd() =>
        Nieuw()
            .When(Indiening(weken: 8))
            .Then(Ingediend(weken: 8))
            .EnState(s => Assert.Equal(OntvangstDag.AddDays(56), Aanvraag.Beslistermijn(s)));
}
