using WozoSubsidies.Domain.Aanvragen;
using static WozoSubsidies.Domain.Tests.Aanvragen.Voorbeeld;

namespace WozoSubsidies.Domain.Tests.Aanvragen;

/// <summary>The beslistermijn (Awb 4:13), suspended for aanvullingen (4:15) and extendable once (4:14).</summary>
public sealed class BeslistermijnTests
{
    [Fact]
    public void De_beslistermijn_is_standaard_dertien_weken_na_ontvangst() =>
        Assert.Equal(new DateOnly(2025, 2, 3), Aanvraag.Beslistermijn(IngediendeAanvraag().State));

    [Fact]
    public void De_beslistermijn_volgt_de_regeling() =>
        Assert.Equal(OntvangstDag.AddDays(8 * 7), Aanvraag.Beslistermijn(Nieuw().Given(Ingediend(weken: 8)).State));

    [Fact]
    public void Tijdens_een_openstaande_aanvulling_telt_de_opschorting_tot_het_einde_van_de_aanvullingstermijn() =>
        Assert.Equal(
            OntvangstDag.AddDays(91 + 14),
            Aanvraag.Beslistermijn(AanvraagInBehandeling().Given(AanvullingVerzocht(dag: 3, termijn: 14)).State));

    [Fact]
    public void Twee_aanvullingen_schuiven_de_termijn_samen_op() =>
        Assert.Equal(
            OntvangstDag.AddDays(91 + 5 + 2),
            Aanvraag.Beslistermijn(AanvraagInBehandeling()
                .Given(AanvullingVerzocht(dag: 3), Aangevuld(gevraagdOp: 3, dag: 8))
                .Given(AanvullingVerzocht(dag: 20, beslagVoor: 0m, statusVoor: AanvraagStatus.Ingediend), Aangevuld(gevraagdOp: 20, dag: 22))
                .State));

    [Fact]
    public void De_beslistermijn_wordt_eenmaal_verlengd() =>
        AanvraagInBehandeling()
            .When(new BeslistermijnVerlengen(AanvraagId, 6, "Advies van een deskundige nodig.", Dag(80), Anna))
            .Then(new BeslistermijnVerlengd(
                AanvraagId, 6, new DateOnly(2025, 2, 3), new DateOnly(2025, 3, 17), "Advies van een deskundige nodig.", Dag(80), Anna, "Awb 4:14 lid 3"))
            .EnState(s => Assert.Equal(new DateOnly(2025, 3, 17), Aanvraag.Beslistermijn(s)));

    [Fact]
    public void Een_tweede_verlenging_wordt_geweigerd() =>
        AanvraagInBehandeling()
            .Given(new BeslistermijnVerlengd(AanvraagId, 6, new DateOnly(2025, 2, 3), new DateOnly(2025, 3, 17), "Advies.", Dag(80), Anna, Grondslagen.Verlenging))
            .When(new BeslistermijnVerlengen(AanvraagId, 2, "Nog meer advies.", Dag(100), Anna))
            .ThenFout("beslistermijn-al-verlengd");

    [Fact]
    public void Op_de_laatste_dag_van_de_termijn_kan_nog_worden_verlengd() =>
        AanvraagInBehandeling()
            .When(new BeslistermijnVerlengen(AanvraagId, 4, "Drukte.", Dag(91), Anna))
            .Then(_ => { });

    [Fact]
    public void Een_verstreken_beslistermijn_kan_niet_meer_worden_verlengd() =>
        AanvraagInBehandeling()
            .When(new BeslistermijnVerlengen(AanvraagId, 4, "Te laat.", Dag(92), Anna))
            .ThenFout("beslistermijn-verstreken");

    [Fact]
    public void Verlengen_zonder_reden_wordt_geweigerd() =>
        AanvraagInBehandeling().When(new BeslistermijnVerlengen(AanvraagId, 4, "", Dag(50), Anna)).ThenFout("motivering-ontbreekt");

    [Fact]
    public void Verlengen_met_nul_weken_wordt_geweigerd() =>
        AanvraagInBehandeling().When(new BeslistermijnVerlengen(AanvraagId, 0, "Niets.", Dag(50), Anna)).ThenFout("verlenging-ongeldig");

    [Fact]
    public void Na_een_besluit_valt_er_niets_te_verlengen() =>
        ToegekendeAanvraag().When(new BeslistermijnVerlengen(AanvraagId, 4, "?", Dag(50), Anna)).ThenFout("ongeldige-overgang");

    [Theory]
    [InlineData(0, BeslistermijnStatus.Binnen)]
    [InlineData(76, BeslistermijnStatus.Binnen)]
    [InlineData(77, BeslistermijnStatus.BijnaVerlopen)]
    [InlineData(91, BeslistermijnStatus.BijnaVerlopen)]
    [InlineData(92, BeslistermijnStatus.Verlopen)]
    public void De_dagelijkse_job_ziet_of_de_termijn_binnen_bijna_verlopen_of_verlopen_is(int dag, BeslistermijnStatus verwacht) =>
        Assert.Equal(verwacht, Aanvraag.TermijnStatus(AanvraagInBehandeling().State, Dag(dag)));

    [Fact]
    public void Tijdens_een_aanvulling_is_de_termijn_opgeschort() =>
        Assert.Equal(BeslistermijnStatus.Opgeschort, Aanvraag.TermijnStatus(AanvraagInBehandeling().Given(AanvullingVerzocht(dag: 3)).State, Dag(10)));

    [Fact]
    public void Na_een_ongebruikte_aanvullingstermijn_loopt_de_beslistermijn_weer() =>
        Assert.Equal(
            BeslistermijnStatus.Binnen,
            Aanvraag.TermijnStatus(AanvraagInBehandeling().Given(AanvullingVerzocht(dag: 3, termijn: 14)).State, Dag(18)));

    [Fact]
    public void Een_aanvraag_op_de_wachtlijst_houdt_een_lopende_beslistermijn() =>
        Assert.Equal(BeslistermijnStatus.Verlopen, Aanvraag.TermijnStatus(IngediendeAanvraag().Given(OpWachtlijst()).State, Dag(100)));

    [Fact]
    public void Een_beslissing_beeindigt_de_bewaking_van_de_termijn() =>
        Assert.Equal(BeslistermijnStatus.NietVanToepassing, Aanvraag.TermijnStatus(ToegekendeAanvraag().State, Dag(200)));

    [Fact]
    public void Een_nog_niet_ingediende_aanvraag_heeft_geen_beslistermijn() =>
        Assert.Throws<InvalidOperationException>(() => Aanvraag.Beslistermijn(Nieuw().State));
}
