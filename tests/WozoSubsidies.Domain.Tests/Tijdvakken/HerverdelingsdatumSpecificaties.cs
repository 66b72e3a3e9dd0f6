using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Regels;
using WozoSubsidies.Domain.Tests.Specificatie;
using WozoSubsidies.Domain.Tijdvakken;
using static WozoSubsidies.Domain.Tests.Tijdvakken.TijdvakVoorbeeld;

namespace WozoSubsidies.Domain.Tests.Tijdvakken;

/// <summary>LIFECYCLE.md jobs "herverdeling": "when the tijdvak is final, or at its configured date". The date is set
/// when the tijdvak is planned; from then the unspent part of the closed tijdvak moves, never what beslag still claims.</summary>
public sealed class HerverdelingsdatumSpecificaties
{
    private static readonly DateOnly Datum = Sluit.AddDays(60);
    private static readonly Guid Herverdeling = Guid.Parse("4e000000-0000-0000-0000-0000000000d1");

    private static TijdvakPlannen Plannen(DateOnly? herverdelingOp) =>
        new(Id, "SZGW", "Tranche 1", Opent, Sluit, 1_000m, Verdeelmethode.VolgordeVanBinnenkomst, TijdvakRegels.Geen, [],
            Op(Opent.AddDays(-30)), Beheerder, herverdelingOp);

    private static TijdvakGepland GeplandMetDatum(DateOnly? herverdelingOp) =>
        new(Id, "SZGW", "Tranche 1", Opent, Sluit, 1_000m, Verdeelmethode.VolgordeVanBinnenkomst, TijdvakRegels.Geen, [],
            Op(Opent.AddDays(-30)), Beheerder, herverdelingOp);

    /// <summary>Closed with 300 granted and 200 still under beslag (undecided): 500 unspent.</summary>
    private static SpecGegeven<TijdvakCommand, TijdvakEvent, TijdvakState> GeslotenMetOpenBeslag()
    {
        var a1 = Ontvangst(1, 300m, Opent);
        var a2 = Ontvangst(2, 200m, Opent, 11);
        return Spec.Voor(Tijdvak.Decider).Given(
            GeplandMetDatum(Datum),
            Geopend(),
            AllesGeplaatst(Opent, 1_000m, a1, a2),
            new ToekenningGeboekt(Id, a1.AanvraagId, 300m, 300m, 0m, Op(Opent.AddDays(10)), Behandelaar),
            new TijdvakGesloten(Id, Sluit, [Opent], NaAfloop(Sluit), Systeem, false));
    }

    [Fact]
    public void Een_tijdvak_plannen_met_een_herverdelingsdatum_legt_die_vast() =>
        Spec.Voor(Tijdvak.Decider)
            .When(Plannen(Datum))
            .Then(GeplandMetDatum(Datum))
            .EnState(s => Assert.Equal(Datum, s.HerverdelingOp));

    [Fact]
    public void Zonder_herverdelingsdatum_wacht_de_herverdeling_op_definitief() =>
        Spec.Voor(Tijdvak.Decider)
            .When(Plannen(null))
            .Then(GeplandMetDatum(null))
            .EnState(s =>
            {
                Assert.Null(s.HerverdelingOp);
                Assert.False(Tijdvak.HerverdelingsdatumBereikt(s, Sluit.AddYears(5)));
            });

    [Fact]
    public void Een_herverdelingsdatum_op_de_sluitingsdatum_mag() =>
        Spec.Voor(Tijdvak.Decider).When(Plannen(Sluit)).Then(GeplandMetDatum(Sluit));

    [Fact]
    public void Een_herverdelingsdatum_voor_de_sluitingsdatum_wordt_geweigerd() =>
        Spec.Voor(Tijdvak.Decider).When(Plannen(Sluit.AddDays(-1))).ThenFout(Tijdvak.HerverdelingsdatumVoorSluitingCode);

    [Fact]
    public void De_datum_is_pas_bereikt_voor_een_gesloten_tijdvak_op_of_na_die_dag()
    {
        var gesloten = GeslotenMetOpenBeslag().State;
        Assert.False(Tijdvak.HerverdelingsdatumBereikt(gesloten, Datum.AddDays(-1)));
        Assert.True(Tijdvak.HerverdelingsdatumBereikt(gesloten, Datum));
        Assert.True(Tijdvak.HerverdelingsdatumBereikt(gesloten, Datum.AddDays(1)));

        var open = Spec.Voor(Tijdvak.Decider).Given(GeplandMetDatum(Datum), Geopend()).State;
        Assert.False(Tijdvak.HerverdelingsdatumBereikt(open, Datum));
    }

    [Fact]
    public void Op_de_datum_gaat_het_onbestede_deel_van_een_gesloten_tijdvak_weg_en_blijft_het_beslag_staan()
    {
        var nu = Op(Datum, 3);
        var naar = new Budgetrekening.Programmareserve();
        GeslotenMetOpenBeslag()
            .When(new BudgetOverboeken(Id, Herverdeling, naar, 500m, nu, Systeem))
            .Then(new BudgetOvergeboekt(Id, Herverdeling, naar, 500m, 1_000m, 500m, 500m, nu, Systeem))
            .EnState(s =>
            {
                Assert.Equal(TijdvakStatus.Gesloten, s.Status);
                Assert.Equal(200m, s.Beslag);
                Assert.Equal(300m, s.Toegekend);
                Assert.Equal(0m, s.Beschikbaar);
                Assert.Equal(500m, s.Overgeboekt);
            });
    }

    [Fact]
    public void Budget_dat_nog_beslag_heeft_gaat_niet_mee()
    {
        GeslotenMetOpenBeslag()
            .When(new BudgetOverboeken(Id, Herverdeling, new Budgetrekening.Programmareserve(), 700m, Op(Datum, 3), Systeem))
            .ThenFout("onvoldoende-onbesteed-budget");
    }

    [Fact]
    public void Een_tweede_keer_dezelfde_herverdeling_verandert_niets()
    {
        var nu = Op(Datum, 3);
        var overboeken = new BudgetOverboeken(Id, Herverdeling, new Budgetrekening.Programmareserve(), 500m, nu, Systeem);
        GeslotenMetOpenBeslag().When(overboeken).Then(e => Assert.Single(e)).When(overboeken).ThenGeenEvents();
    }

    [Fact]
    public void Beslag_dat_later_vrijkomt_blijft_tot_definitief_en_volgt_dan_als_vrijval()
    {
        var nu = Op(Datum, 3);
        GeslotenMetOpenBeslag()
            .When(new BudgetOverboeken(Id, Herverdeling, new Budgetrekening.Programmareserve(), 500m, nu, Systeem))
            .Then(e => Assert.Single(e))
            .When(new BeslagVrijgeven(Id, Aanvraag(2), VrijgaveReden.Afwijzing, nu.AddDays(1), Behandelaar))
            .Then(e => Assert.IsType<BeslagVrijgegeven>(Assert.Single(e)))
            .When(new DefinitiefVerklaren(Id, nu.AddDays(2), Systeem))
            .Then(e => Assert.IsType<TijdvakDefinitiefVerklaard>(Assert.Single(e)))
            .EnState(s =>
            {
                Assert.Equal(200m, s.Beschikbaar);
                Assert.Equal(500m, s.Overgeboekt);
            });
    }
}
