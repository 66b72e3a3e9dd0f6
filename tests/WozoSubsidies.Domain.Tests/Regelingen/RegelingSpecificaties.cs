using System.Diagnostics.CodeAnalysis;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Regels;
using WozoSubsidies.Domain.Tests.Specificatie;

namespace WozoSubsidies.Domain.Tests.Regelingen;

/// <summary>Test-only parameters, so these specifications do not depend on any one calculator's record.</summary>
internal sealed record ProefParameters : RegelParameters
{
    [SetsRequiredMembers]
    public ProefParameters(string code, decimal tarief, params string[] onvolkomenheden)
    {
        Code = code;
        Tarief = tarief;
        Onvolkomenheden = onvolkomenheden;
        // A fresh list each time: equality of a re-sent version must not depend on list identity.
        ToegestaneAanvragerTypen = ["woningcorporatie", "marktpartij"];
    }

    public string Code { get; }

    public decimal Tarief { get; }

    public IReadOnlyList<string> Onvolkomenheden { get; }

    public override string RegelingCode => Code;

    public override IReadOnlyList<string> Valideer() => Onvolkomenheden;
}

public sealed class RegelingSpecificaties
{
    private static readonly Actor Beheerder = new("beheerder-1", "beheerder");
    private static readonly DateTimeOffset Nu = new(2023, 6, 1, 9, 0, 0, TimeSpan.FromHours(2));
    private static readonly Guid Tranche1 = Guid.Parse("00000000-0000-0000-0000-00000000b001");
    private static readonly Guid Tranche2 = Guid.Parse("00000000-0000-0000-0000-00000000b002");

    private static SpecGegeven<RegelingCommand, RegelingEvent, RegelingState> Regeling_() => Spec.Voor(Regeling.Decider);

    private static RegelingInstellen SzgwInstellen(decimal? totaal = 312_000_000m) =>
        new("SZGW", "Stimuleringsregeling zorggeschikte woningen", Uitvoerder.Rvo, Verdeelmethode.VolgordeVanBinnenkomst,
            ["woningcorporatie", "marktpartij"], new Herverdelingsbeleid.ProgrammaReserve(), 1_000_000m, totaal, Nu, Beheerder);

    private static RegelingIngesteld SzgwIngesteld(decimal? totaal = 312_000_000m) =>
        new("SZGW", "Stimuleringsregeling zorggeschikte woningen", Uitvoerder.Rvo, Verdeelmethode.VolgordeVanBinnenkomst,
            ["woningcorporatie", "marktpartij"], 13, 1_000_000m, new Herverdelingsbeleid.ProgrammaReserve(), totaal, Nu, Beheerder);

    private static TijdvakAangemeld Aangemeld(Guid id, string naam, DateOnly opent, DateOnly sluit, decimal? plafond, decimal som) =>
        new("SZGW", id, naam, opent, sluit, plafond, som, 312_000_000m, Nu, Beheerder);

    private static readonly TijdvakAangemeld Tranche1Aangemeld =
        Aangemeld(Tranche1, "Tranche 1", new(2023, 9, 15), new(2024, 10, 31), 75_000_000m, 75_000_000m);

    // ---- instellen ----

    [Fact]
    public void Een_regeling_wordt_ingesteld_met_de_standaard_beslistermijn_van_dertien_weken() =>
        Regeling_().When(SzgwInstellen()).Then(SzgwIngesteld())
            .EnState(s =>
            {
                Assert.Equal(13, s.BeslistermijnWeken);
                Assert.True(Regeling.MagAanvragen(s, "Woningcorporatie"));
                Assert.False(Regeling.MagAanvragen(s, "gemeente"));
                Assert.True(Regeling.VierOgenNodig(s, 1_000_000.01m));
                Assert.False(Regeling.VierOgenNodig(s, 1_000_000m));
            });

    [Fact]
    public void Dezelfde_regeling_nogmaals_instellen_verandert_niets() =>
        Regeling_().Given(SzgwIngesteld()).When(SzgwInstellen()).ThenGeenEvents();

    [Fact]
    public void Een_bestaande_regeling_met_andere_gegevens_instellen_wordt_geweigerd() =>
        Regeling_().Given(SzgwIngesteld()).When(SzgwInstellen() with { Uitvoerder = Uitvoerder.DusI }).ThenFout("regeling-bestaat");

    [Theory]
    [InlineData("szgw")]
    [InlineData("SPUK DOS")]
    [InlineData("")]
    [InlineData("-IWO")]
    public void Een_regelingcode_buiten_hoofdletters_cijfers_en_streepjes_wordt_geweigerd(string code) =>
        Regeling_().When(SzgwInstellen() with { Code = code }).ThenFout("regeling-code-ongeldig");

    [Fact]
    public void Een_regeling_zonder_soorten_aanvragers_wordt_geweigerd() =>
        Regeling_().When(SzgwInstellen() with { AanvragerTypen = [] }).ThenFout("aanvragertypen-leeg");

    [Fact]
    public void Een_regeling_zonder_naam_wordt_geweigerd() =>
        Regeling_().When(SzgwInstellen() with { Naam = " " }).ThenFout("regeling-naam-leeg");

    [Fact]
    public void Een_beslistermijn_van_nul_weken_wordt_geweigerd() =>
        Regeling_().When(SzgwInstellen() with { BeslistermijnWeken = 0 }).ThenFout("beslistermijn-ongeldig");

    [Fact]
    public void Een_negatieve_vier_ogendrempel_wordt_geweigerd() =>
        Regeling_().When(SzgwInstellen() with { VierOgenDrempel = -1m }).ThenFout("bedrag-ongeldig");

    [Fact]
    public void Herverdeling_naar_elders_zonder_bestemming_wordt_geweigerd() =>
        Regeling_().When(SzgwInstellen() with { Herverdelingsbeleid = new Herverdelingsbeleid.Elders("") }).ThenFout("herverdeling-bestemming-leeg");

    [Fact]
    public void Een_commando_voor_een_niet_ingestelde_regeling_wordt_geweigerd() =>
        Regeling_().When(new RegelingBeeindigen("SZGW", new(2026, 1, 1), "Programma afgerond", Nu, Beheerder)).ThenFout("regeling-onbekend");

    // ---- regelsversies ----

    private static RegelsVastgesteld Versie(int versie, DateOnly ingang, decimal tarief) =>
        new("SZGW", versie, versie - 1, ingang, new ProefParameters("SZGW", tarief), Nu, Beheerder);

    [Fact]
    public void De_eerste_regelsversie_is_versie_een() =>
        Regeling_().Given(SzgwIngesteld())
            .When(new RegelsVaststellen("SZGW", 1, new(2023, 9, 15), new ProefParameters("SZGW", 15_000m), Nu, Beheerder))
            .Then(Versie(1, new(2023, 9, 15), 15_000m));

    [Fact]
    public void Een_versie_overslaan_wordt_geweigerd() =>
        Regeling_().Given(SzgwIngesteld(), Versie(1, new(2023, 9, 15), 15_000m))
            .When(new RegelsVaststellen("SZGW", 3, new(2024, 10, 1), new ProefParameters("SZGW", 16_000m), Nu, Beheerder))
            .ThenFout("regelsversie-volgorde");

    [Fact]
    public void Een_nieuwe_versie_die_ingaat_voor_de_vorige_wordt_geweigerd() =>
        Regeling_().Given(SzgwIngesteld(), Versie(1, new(2023, 9, 15), 15_000m))
            .When(new RegelsVaststellen("SZGW", 2, new(2023, 9, 14), new ProefParameters("SZGW", 16_000m), Nu, Beheerder))
            .ThenFout("ingangsdatum-voor-vorige-versie");

    [Fact]
    public void Inconsistente_parameters_worden_geweigerd_met_elke_onvolkomenheid()
    {
        var fout = Regeling_().Given(SzgwIngesteld())
            .When(new RegelsVaststellen("SZGW", 1, new(2023, 9, 15), new ProefParameters("SZGW", 0m, "Het tarief is nul.", "Minimum boven maximum."), Nu, Beheerder))
            .ThenFout("regels-ongeldig");
        Assert.Equal(["Het tarief is nul.", "Minimum boven maximum."], fout.Overtredingen.Select(o => o.Melding));
    }

    [Fact]
    public void Parameters_van_een_andere_regeling_worden_geweigerd() =>
        Regeling_().Given(SzgwIngesteld())
            .When(new RegelsVaststellen("SZGW", 1, new(2023, 9, 15), new ProefParameters("IWO", 175m), Nu, Beheerder))
            .ThenFout("regels-andere-regeling");

    [Fact]
    public void Dezelfde_versie_nogmaals_vaststellen_verandert_niets_maar_een_gewijzigde_inhoud_is_een_nieuwe_versie()
    {
        var gegeven = Regeling_().Given(SzgwIngesteld(), Versie(1, new(2023, 9, 15), 15_000m));
        gegeven.When(new RegelsVaststellen("SZGW", 1, new(2023, 9, 15), new ProefParameters("SZGW", 15_000m), Nu, Beheerder)).ThenGeenEvents();
        gegeven.When(new RegelsVaststellen("SZGW", 1, new(2023, 9, 15), new ProefParameters("SZGW", 14_000m), Nu, Beheerder)).ThenFout("regelsversie-bestaat");
    }

    [Fact]
    public void Een_aanvraag_wordt_beoordeeld_met_de_versie_die_gold_op_de_dag_van_volledige_ontvangst()
    {
        // STOZ-like: rules relaxed in October 2024 (001:2202) are a new version from that date.
        var s = Regeling_().Given(SzgwIngesteld(), Versie(1, new(2024, 5, 1), 100m), Versie(2, new(2024, 10, 1), 200m), Versie(3, new(2024, 10, 1), 300m)).State;
        Assert.Null(Regeling.RegelsOp(s, new(2024, 4, 30)));
        Assert.Equal(1, Regeling.RegelsOp(s, new(2024, 5, 1))?.Versie);
        Assert.Equal(1, Regeling.RegelsOp(s, new(2024, 9, 30))?.Versie);
        // Two versions from the same day: the later one (a correction) is in force.
        Assert.Equal(3, Regeling.RegelsOp(s, new(2024, 10, 1))?.Versie);
        Assert.Equal(300m, Assert.IsType<ProefParameters>(Regeling.RegelsOp(s, new(2025, 1, 1))?.Parameters).Tarief);
    }

    // ---- beëindigen ----

    [Fact]
    public void Na_beeindiging_komen_er_geen_nieuwe_tijdvakken_bij()
    {
        var beeindigd = new RegelingBeeindigd("SZGW", new(2025, 12, 31), "Programma WOZO afgerond", Nu, Beheerder);
        Regeling_().Given(SzgwIngesteld())
            .When(new RegelingBeeindigen("SZGW", new(2025, 12, 31), "Programma WOZO afgerond", Nu, Beheerder))
            .Then(beeindigd)
            .When(new TijdvakAanmelden("SZGW", Tranche2, "Tranche 3", new(2026, 1, 1), new(2026, 6, 30), 1m, Nu, Beheerder))
            .ThenFout("regeling-beeindigd");
        Regeling_().Given(SzgwIngesteld(), beeindigd)
            .When(new RegelingBeeindigen("SZGW", new(2025, 12, 31), "nogmaals", Nu, Beheerder))
            .ThenGeenEvents();
    }

    [Fact]
    public void Beeindigen_zonder_reden_wordt_geweigerd() =>
        Regeling_().Given(SzgwIngesteld()).When(new RegelingBeeindigen("SZGW", new(2025, 12, 31), "", Nu, Beheerder)).ThenFout("reden-leeg");

    // ---- totaalbudget (SZGW: at most €312m over all tranches, 000:634) ----

    [Fact]
    public void Een_tranche_wordt_aangemeld_met_haar_plafond_en_de_som_van_de_plafonds() =>
        Regeling_().Given(SzgwIngesteld())
            .When(new TijdvakAanmelden("SZGW", Tranche1, "Tranche 1", new(2023, 9, 15), new(2024, 10, 31), 75_000_000m, Nu, Beheerder))
            .Then(Tranche1Aangemeld)
            .EnState(s => Assert.Equal(75_000_000m, s.SomPlafonds));

    [Fact]
    public void Het_plafond_van_tranche_1_mag_naar_90_miljoen_binnen_het_totaal_van_312_miljoen() =>
        Regeling_().Given(SzgwIngesteld(), Tranche1Aangemeld)
            .When(new TijdvakPlafondRegistreren("SZGW", Tranche1, 90_000_000m, Nu, Beheerder))
            .Then(new TijdvakPlafondGeregistreerd("SZGW", Tranche1, 75_000_000m, 90_000_000m, 75_000_000m, 90_000_000m, 312_000_000m, Nu, Beheerder));

    [Fact]
    public void Een_tranche_waardoor_de_plafonds_samen_boven_312_miljoen_komen_wordt_geweigerd() =>
        Regeling_().Given(SzgwIngesteld(), Tranche1Aangemeld)
            .When(new TijdvakAanmelden("SZGW", Tranche2, "Tranche 2", new(2025, 5, 15), new(2025, 11, 28), 237_000_000.01m, Nu, Beheerder))
            .ThenFout("totaalbudget-overschreden");

    [Fact]
    public void Een_tranche_tot_precies_het_totaalbudget_mag_maar_een_cent_verhoging_daarna_niet() =>
        Regeling_().Given(SzgwIngesteld(), Tranche1Aangemeld)
            .When(new TijdvakAanmelden("SZGW", Tranche2, "Tranche 2", new(2025, 5, 15), new(2025, 11, 28), 237_000_000m, Nu, Beheerder))
            .Then(Aangemeld(Tranche2, "Tranche 2", new(2025, 5, 15), new(2025, 11, 28), 237_000_000m, 312_000_000m))
            .When(new TijdvakPlafondRegistreren("SZGW", Tranche1, 75_000_000.01m, Nu, Beheerder))
            .ThenFout("totaalbudget-overschreden");

    [Fact]
    public void Een_tranche_zonder_plafond_telt_als_nul_tot_het_is_vastgesteld_en_dan_geldt_het_totaal() =>
        Regeling_().Given(SzgwIngesteld(), Tranche1Aangemeld)
            .When(new TijdvakAanmelden("SZGW", Tranche2, "Tranche 2", new(2025, 5, 15), new(2025, 11, 28), null, Nu, Beheerder))
            .Then(Aangemeld(Tranche2, "Tranche 2", new(2025, 5, 15), new(2025, 11, 28), null, 75_000_000m))
            .When(new TijdvakPlafondRegistreren("SZGW", Tranche2, 240_000_000m, Nu, Beheerder))
            .ThenFout("totaalbudget-overschreden");

    [Fact]
    public void Een_lager_plafond_wordt_altijd_geregistreerd() =>
        Regeling_().Given(SzgwIngesteld(), Tranche1Aangemeld)
            .When(new TijdvakPlafondRegistreren("SZGW", Tranche1, 60_000_000m, Nu, Beheerder))
            .Then(new TijdvakPlafondGeregistreerd("SZGW", Tranche1, 75_000_000m, 60_000_000m, 75_000_000m, 60_000_000m, 312_000_000m, Nu, Beheerder));

    [Fact]
    public void Hetzelfde_plafond_registreren_of_dezelfde_tranche_aanmelden_verandert_niets()
    {
        Regeling_().Given(SzgwIngesteld(), Tranche1Aangemeld)
            .When(new TijdvakPlafondRegistreren("SZGW", Tranche1, 75_000_000m, Nu, Beheerder)).ThenGeenEvents();
        Regeling_().Given(SzgwIngesteld(), Tranche1Aangemeld)
            .When(new TijdvakAanmelden("SZGW", Tranche1, "Tranche 1", new(2023, 9, 15), new(2024, 10, 31), 75_000_000m, Nu, Beheerder)).ThenGeenEvents();
        Regeling_().Given(SzgwIngesteld(), Tranche1Aangemeld)
            .When(new TijdvakAanmelden("SZGW", Tranche1, "Tranche 1b", new(2023, 9, 15), new(2024, 10, 31), 75_000_000m, Nu, Beheerder)).ThenFout("tijdvak-bestaat");
    }

    [Fact]
    public void Het_plafond_van_een_onbekend_tijdvak_registreren_wordt_geweigerd() =>
        Regeling_().Given(SzgwIngesteld())
            .When(new TijdvakPlafondRegistreren("SZGW", Tranche2, 1m, Nu, Beheerder)).ThenFout("tijdvak-onbekend");

    [Fact]
    public void Zonder_totaalbudget_is_de_som_van_de_plafonds_vrij() =>
        Regeling_().Given(SzgwIngesteld(totaal: null), Tranche1Aangemeld with { TotaalBudget = null })
            .When(new TijdvakPlafondRegistreren("SZGW", Tranche1, 1_000_000_000m, Nu, Beheerder))
            .Then(new TijdvakPlafondGeregistreerd("SZGW", Tranche1, 75_000_000m, 1_000_000_000m, 75_000_000m, 1_000_000_000m, null, Nu, Beheerder));

    [Fact]
    public void Het_volgende_tijdvak_is_het_tijdvak_dat_daarna_opent()
    {
        var ronde = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var s = Regeling_().Given(
            SzgwIngesteld(totaal: null),
            Aangemeld(ronde[2], "Ronde 3", new(2024, 3, 1), new(2024, 5, 31), 1_000_000m, 0m) with { TotaalBudget = null },
            Aangemeld(ronde[0], "Ronde 1", new(2023, 2, 1), new(2023, 4, 30), 1_000_000m, 0m) with { TotaalBudget = null },
            Aangemeld(ronde[1], "Ronde 2", new(2023, 9, 12), new(2023, 10, 31), 1_000_000m, 0m) with { TotaalBudget = null }).State;
        Assert.Equal(ronde[1], Regeling.VolgendTijdvak(s, ronde[0])?.TijdvakId);
        Assert.Equal(ronde[2], Regeling.VolgendTijdvak(s, ronde[1])?.TijdvakId);
        Assert.Null(Regeling.VolgendTijdvak(s, ronde[2]));
    }

    [Fact]
    public void Een_event_dat_het_totaalbudget_zou_overschrijden_is_een_fout_in_de_code()
    {
        var s = Regeling.Decider.Vouw([SzgwIngesteld(), Tranche1Aangemeld]);
        Assert.Throws<InvalidOperationException>(() =>
            Regeling.Evolve(s, Aangemeld(Tranche2, "Tranche 2", new(2025, 5, 15), new(2025, 11, 28), 300_000_000m, 375_000_000m)));
    }
}
