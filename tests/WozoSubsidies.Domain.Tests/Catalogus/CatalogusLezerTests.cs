using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WozoSubsidies.Domain.Catalogus;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Regels;
using WozoSubsidies.Domain.Tests.Regels;

namespace WozoSubsidies.Domain.Tests.Catalogus;

public sealed class CatalogusLezerTests
{
    /// <summary>The file itself, copied next to the test assembly by the test project (a None item with a Link).</summary>
    private static readonly string Bestand = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Catalogus", "catalogus.json"));

    private static readonly Lazy<CatalogusInhoud> Standaard = new(() => CatalogusLezer.Lees(Bestand));

    private static CatalogusInhoud Catalogus => Standaard.Value;

    [Fact]
    public void De_standaardcatalogus_bevat_de_zeven_regelingen_in_volgorde()
    {
        Assert.Equal(RegelingCodes.Alle, Catalogus.Regelingen.Select(r => r.Code));
    }

    [Fact]
    public void De_standaardcatalogus_bevat_alle_negentien_tijdvakken_uit_de_bronnen()
    {
        // REGELINGEN.md's tijdvakken table: IWO 3, SZGW 2, SOO 3, STOZ 2, IOC 4, SPUK-DOS 2, REABLEMENT 3.
        Assert.Equal(
            [3, 2, 3, 2, 4, 2, 3],
            Catalogus.Regelingen.Select(r => r.Tijdvakken.Count));
        Assert.Equal(19, Catalogus.Regelingen.Sum(r => r.Tijdvakken.Count));
    }

    [Theory]
    [InlineData("IWO", "Tijdvak 1", "2023-07-17", "2023-09-15", "3500000")]
    [InlineData("IWO", "Tijdvak 2", "2024-01-02", "2024-05-31", "7800000")]
    [InlineData("IWO", "Tijdvak 3", "2024-11-01", "2025-04-30", "1000000")]
    [InlineData("SZGW", "Tranche 1", "2023-09-15", "2024-10-31", "75000000")]
    [InlineData("SZGW", "Tranche 2", "2025-05-15", "2025-11-28", null)]
    [InlineData("SOO", "Tranche 1", "2022-01-01", "2022-12-31", "28000000")]
    [InlineData("SOO", "Tranche 2", "2023-01-01", "2023-12-31", "26000000")]
    [InlineData("SOO", "Tranche 3", "2025-01-01", "2025-09-15", null)]
    [InlineData("STOZ", "2024", "2024-05-01", "2024-12-31", "54000000")]
    [InlineData("STOZ", "2025", "2025-01-01", "2025-09-30", "27000000")]
    [InlineData("IOC", "Ronde 1", "2023-02-01", "2023-04-30", "1000000")]
    [InlineData("IOC", "Ronde 2", "2023-09-12", "2023-10-31", "1000000")]
    [InlineData("IOC", "Ronde 3", "2024-03-01", "2024-05-31", "1000000")]
    [InlineData("IOC", "Ronde 4", "2024-09-01", "2024-11-30", "1000000")]
    [InlineData("SPUK-DOS", "2024 ronde 1", "2023-12-01", "2024-01-31", "27000000")]
    [InlineData("SPUK-DOS", "2024 ronde 2", "2024-03-01", "2024-03-31", "0")]
    [InlineData("REABLEMENT", "Ronde 1", "2023-04-01", "2023-06-30", "800000")]
    [InlineData("REABLEMENT", "Ronde 2", "2023-05-01", "2023-07-31", "250000")]
    [InlineData("REABLEMENT", "Ronde 3", "2024-04-01", "2024-05-31", "1200000")]
    public void Elk_tijdvak_heeft_de_data_en_het_plafond_uit_de_bronnen(string code, string naam, string opent, string sluit, string? plafond)
    {
        var tijdvak = Catalogus.Regeling(code).Tijdvak(naam);

        Assert.Equal(DateOnly.Parse(opent, CultureInfo.InvariantCulture), tijdvak.Opent);
        Assert.Equal(DateOnly.Parse(sluit, CultureInfo.InvariantCulture), tijdvak.Sluit);
        Assert.Equal(plafond is null ? null : decimal.Parse(plafond, CultureInfo.InvariantCulture), tijdvak.Budgetplafond);
    }

    [Fact]
    public void Een_tijdvak_zonder_plafond_in_de_bron_zegt_dat_het_een_aanname_is()
    {
        var zonderPlafond = Catalogus.Regelingen.SelectMany(r => r.Tijdvakken.Select(t => (r.Code, t))).Where(x => x.t.Budgetplafond is null).ToList();

        Assert.Equal(["SZGW Tranche 2", "SOO Tranche 3"], zonderPlafond.Select(x => $"{x.Code} {x.t.Naam}"));
        Assert.All(zonderPlafond, x => Assert.Contains(x.t.Aannames, a => a.Veld == "budgetplafond"));
    }

    [Theory]
    [InlineData("SZGW", "312000000")]
    [InlineData("REABLEMENT", "3200000")]
    [InlineData("SPUK-DOS", "27000000")]
    [InlineData("IWO", null)]
    public void Het_totaalbudget_staat_waar_de_bron_er_een_noemt(string code, string? totaal)
    {
        Assert.Equal(totaal is null ? null : decimal.Parse(totaal, CultureInfo.InvariantCulture), Catalogus.Regeling(code).TotaalBudget);
    }

    [Fact]
    public void De_uitvoerders_zijn_die_uit_de_bronnen()
    {
        Assert.Equal(
            [Uitvoerder.DusI, Uitvoerder.Rvo, Uitvoerder.Rvo, Uitvoerder.Rvo, Uitvoerder.ZonMw, Uitvoerder.Vws, Uitvoerder.ZonMw],
            Catalogus.Regelingen.Select(r => r.Uitvoerder));
    }

    [Fact]
    public void Ioc_draagt_onbenut_budget_over_naar_de_volgende_ronde_en_iwo_alloceert_het_elders()
    {
        Assert.IsType<Herverdelingsbeleid.VolgendeTijdvak>(Catalogus.Regeling("IOC").Herverdelingsbeleid);
        var elders = Assert.IsType<Herverdelingsbeleid.Elders>(Catalogus.Regeling("IWO").Herverdelingsbeleid);
        Assert.Contains("001:750", elders.Bestemming, StringComparison.Ordinal);
        Assert.IsType<Herverdelingsbeleid.ProgrammaReserve>(Catalogus.Regeling("SZGW").Herverdelingsbeleid);
    }

    [Fact]
    public void Spuk_dos_en_reablement_worden_per_ronde_gerangschikt_de_rest_op_volgorde_van_binnenkomst()
    {
        Assert.All(Catalogus.Regelingen, r => Assert.Equal(
            r.Code is "SPUK-DOS" or "REABLEMENT" ? Verdeelmethode.Rangschikking : Verdeelmethode.VolgordeVanBinnenkomst,
            r.Verdeelmethode));
    }

    [Fact]
    public void Elke_regeling_beslist_binnen_13_weken_en_de_vier_ogen_drempel_is_een_gemarkeerde_aanname()
    {
        Assert.All(Catalogus.Regelingen, r =>
        {
            Assert.Equal(13, r.BeslistermijnWeken);
            // IWO asks at most € 57,600 per aanvraag, so its threshold is lower or four-eyes would never apply.
            Assert.Equal(r.Code == "IWO" ? 25_000m : 100_000m, r.VierOgenDrempel);
            Assert.Contains(r.Aannames, a => a.Veld == "vierOgenDrempel");
        });
    }

    [Fact]
    public void Reablement_ronde_1_is_alleen_voor_vier_uitgenodigde_zorgaanbieders()
    {
        var ronde1 = Catalogus.Regeling("REABLEMENT").Tijdvak("Ronde 1");

        Assert.True(ronde1.OpUitnodiging);
        Assert.Equal(4, ronde1.Uitnodigingen.Count);
        Assert.Contains(ronde1.Aannames, a => a.Veld == "uitnodigingen" && a.Toelichting.Contains("plaatshouders", StringComparison.Ordinal));
        Assert.False(Catalogus.Regeling("REABLEMENT").Tijdvak("Ronde 3").OpUitnodiging);
    }

    [Fact]
    public void Ioc_ronde_2_sluit_fysiotherapie_uit_en_ronde_3_niet()
    {
        var ioc = Catalogus.Regeling("IOC");
        var aanvraag = new IocGegevens
        {
            Sector = "paramedische zorg",
            Innovatietype = "procesinnovatie",
            Coachkosten = 9_000m,
            LooptijdMaanden = 6,
            Beroepsgroep = "fysiotherapie",
        };

        Beoordeling In(CatalogusTijdvak tijdvak) => RegelingCalculators.Voor("IOC").Beoordeel(
            aanvraag,
            new AanvraagContext(tijdvak.Opent, "zorgaanbieder", ioc.RegelsOp(tijdvak.Opent)!.Parameters, tijdvak.Regels));

        Assert.Equal([RegelCodes.IocBeroepsgroepUitgesloten], In(ioc.Tijdvak("Ronde 2")).Codes());
        Assert.True(In(ioc.Tijdvak("Ronde 3")).Voldoet);
    }

    [Fact]
    public void Reablement_ronde_3_beperkt_projecten_tot_12_maanden()
    {
        var reablement = Catalogus.Regeling("REABLEMENT");
        var aanvraag = new ReablementGegevens { Projectbegroting = 100_000m, LooptijdMaanden = 13, DeelnameLeertraject = true };

        var ronde3 = reablement.Tijdvak("Ronde 3");
        var beoordeling = RegelingCalculators.Voor("REABLEMENT").Beoordeel(
            aanvraag,
            new AanvraagContext(ronde3.Opent, "zorgaanbieder", reablement.RegelsOp(ronde3.Opent)!.Parameters, ronde3.Regels));

        Assert.Equal(12, ronde3.Regels.MaxLooptijdMaanden);
        Assert.Equal([RegelCodes.ReablementLooptijd], beoordeling.Codes());
        Assert.Null(reablement.Tijdvak("Ronde 2").Regels.MaxLooptijdMaanden);
    }

    [Theory]
    [MemberData(nameof(Voorbeelden.Codes), MemberType = typeof(Voorbeelden))]
    public void Regelsversie_1_in_het_bestand_is_gelijk_aan_de_standaardparameters_in_de_code(string code)
    {
        var versie1 = Catalogus.Regeling(code).Regels[0];

        Assert.Equal(1, versie1.Versie);
        Assert.Equal(
            JsonSerializer.Serialize(RegelingCalculators.StandaardParameters(code), RegelsJson.Opties),
            JsonSerializer.Serialize(versie1.Parameters, RegelsJson.Opties));
    }

    [Fact]
    public void Elk_tijdvak_opent_op_of_na_de_ingangsdatum_van_de_eerste_regels()
    {
        Assert.All(Catalogus.Regelingen, r => Assert.All(r.Tijdvakken, t => Assert.NotNull(r.RegelsOp(t.Opent))));
    }

    [Fact]
    public void De_aannames_uit_regelingen_md_staan_gemarkeerd_in_het_bestand()
    {
        static string[] Aannames(string code) => [.. Catalogus.Regeling(code).Regels[0].Aannames.Select(a => a.Veld)];

        Assert.Contains("parameters.minimumMaanden", Aannames("IWO"));
        Assert.Contains("parameters.bedragPerWoning", Aannames("SZGW"));
        Assert.Contains("parameters.grootteklassen", Aannames("SOO"));
        Assert.Contains("parameters.subsidiepercentage", Aannames("STOZ"));
        Assert.Contains("parameters.routes", Aannames("STOZ"));
        Assert.Contains(Catalogus.Regeling("SZGW").Aannames, a => a.Veld == "uitvoerder");
        Assert.Contains(Catalogus.Regeling("IWO").Tijdvak("Tijdvak 2").Aannames, a => a.Veld == "sluit");
    }

    [Fact]
    public void Elk_bronnummer_verwijst_naar_een_bestaande_regel_van_een_brondocument()
    {
        var bronnen = Catalogus.Regelingen
            .SelectMany(r => r.Bronnen.Concat(r.Regels.SelectMany(v => v.Bronnen)).Concat(r.Tijdvakken.SelectMany(t => t.Bronnen)))
            .ToList();

        Assert.NotEmpty(bronnen);
        Assert.All(bronnen, b => Assert.Matches(@"^00[0-4]:\d+(-\d+)?$", b.Bron));
        Assert.Contains(bronnen, b => b.Bron == "001:784");
        Assert.Contains(bronnen, b => b.Bron == "001:2655");
    }

    // ---- A broken catalogue is refused, naming the entry.

    private static string Gewijzigd(Action<JsonObject> wijziging)
    {
        var root = JsonNode.Parse(Bestand)!.AsObject();
        wijziging(root);
        return root.ToJsonString();
    }

    private static JsonObject Regeling(JsonObject root, string code) =>
        root["regelingen"]!.AsArray().Select(r => r!.AsObject()).Single(r => (string?)r["code"] == code);

    private static JsonObject Tijdvak(JsonObject root, string code, string naam) =>
        Regeling(root, code)["tijdvakken"]!.AsArray().Select(t => t!.AsObject()).Single(t => (string?)t["naam"] == naam);

    private static CatalogusOngeldigException Geweigerd(string json) => Assert.Throws<CatalogusOngeldigException>(() => CatalogusLezer.Lees(json));

    [Fact]
    public void Een_tijdvak_dat_sluit_voor_het_opent_wordt_geweigerd_met_naam()
    {
        var fout = Geweigerd(Gewijzigd(root => Tijdvak(root, "IWO", "Tijdvak 2")["opent"] = "2024-06-01"));

        var melding = Assert.Single(fout.Fouten);
        Assert.StartsWith("IWO, tijdvak 'Tijdvak 2': opent (2024-06-01) ligt na sluit (2024-05-31)", melding, StringComparison.Ordinal);
        Assert.Contains(melding, fout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Een_onbestaande_datum_wordt_geweigerd_met_naam()
    {
        var fout = Geweigerd(Gewijzigd(root => Tijdvak(root, "IOC", "Ronde 1")["sluit"] = "2023-02-30"));

        Assert.StartsWith("IOC, tijdvak 'Ronde 1': sluit moet een bestaande datum", Assert.Single(fout.Fouten), StringComparison.Ordinal);
    }

    [Fact]
    public void Een_onbekende_regelingcode_wordt_geweigerd()
    {
        var fout = Geweigerd(Gewijzigd(root => Regeling(root, "SOO")["code"] = "WMO"));

        Assert.Contains(fout.Fouten, f => f.StartsWith("WMO: de code 'WMO' is geen bekende regeling", StringComparison.Ordinal));
    }

    [Fact]
    public void Tranche_plafonds_boven_het_totaalbudget_van_szgw_worden_geweigerd()
    {
        // 000:634-635: at most €312m for the regeling; €75m + €240m is more.
        var fout = Geweigerd(Gewijzigd(root => Tijdvak(root, "SZGW", "Tranche 2")["budgetplafond"] = 240_000_000));

        var melding = Assert.Single(fout.Fouten);
        Assert.StartsWith("SZGW: de budgetplafonds van de tijdvakken zijn samen", melding, StringComparison.Ordinal);
        Assert.Contains("totaalBudget", melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Tranche_plafonds_tot_precies_het_totaalbudget_mogen()
    {
        var catalogus = CatalogusLezer.Lees(Gewijzigd(root => Tijdvak(root, "SZGW", "Tranche 2")["budgetplafond"] = 237_000_000));

        Assert.Equal(312_000_000m, catalogus.Regeling("SZGW").Tijdvakken.Sum(t => t.Budgetplafond));
    }

    [Fact]
    public void Een_tijdvak_kan_een_herverdelingsdatum_hebben_en_zonder_is_er_geen()
    {
        var catalogus = CatalogusLezer.Lees(Gewijzigd(root => Tijdvak(root, "STOZ", "2025")["herverdelingOp"] = "2026-06-30"));

        Assert.Equal(new DateOnly(2026, 6, 30), catalogus.Regeling("STOZ").Tijdvakken.Single(t => t.Naam == "2025").HerverdelingOp);
        Assert.All(Catalogus.Regelingen.SelectMany(r => r.Tijdvakken), t => Assert.Null(t.HerverdelingOp));
    }

    [Fact]
    public void Een_herverdelingsdatum_voor_de_sluitingsdatum_wordt_geweigerd()
    {
        var fout = Geweigerd(Gewijzigd(root => Tijdvak(root, "STOZ", "2025")["herverdelingOp"] = "2020-01-01"));

        Assert.StartsWith("STOZ, tijdvak '2025': herverdelingOp (2020-01-01) ligt vóór sluit", Assert.Single(fout.Fouten), StringComparison.Ordinal);
    }

    [Fact]
    public void Een_tikfout_in_een_veldnaam_wordt_geweigerd_in_plaats_van_genegeerd()
    {
        var fout = Geweigerd(Gewijzigd(root =>
        {
            var tijdvak = Tijdvak(root, "STOZ", "2025");
            tijdvak["budgetplafon"] = tijdvak["budgetplafond"]!.DeepClone();
            tijdvak.Remove("budgetplafond");
        }));

        Assert.Equal(["STOZ, tijdvak '2025': onbekend veld 'budgetplafon'."], fout.Fouten);
    }

    [Fact]
    public void Tegenstrijdige_parameters_worden_geweigerd_met_de_regelsversie()
    {
        var fout = Geweigerd(Gewijzigd(root => Regeling(root, "IWO")["regels"]![0]!["parameters"]!["minimumJongeren"] = 11));

        Assert.Equal(
            ["IWO, regels[0]: parameters: minimumJongeren (11) mag niet groter zijn dan maximumJongeren (10)."],
            fout.Fouten);
    }

    [Fact]
    public void Parameters_van_een_andere_regeling_worden_geweigerd()
    {
        var fout = Geweigerd(Gewijzigd(root => Regeling(root, "IOC")["regels"]![0]!["parameters"]!["regeling"] = "STOZ"));

        Assert.StartsWith("IOC, regels[0]: parameters passen niet bij regeling IOC", Assert.Single(fout.Fouten), StringComparison.Ordinal);
    }

    [Fact]
    public void Een_onbekende_parameter_wordt_geweigerd()
    {
        var fout = Geweigerd(Gewijzigd(root => Regeling(root, "SOO")["regels"]![0]!["parameters"]!["bedragPerM2"] = 500));

        Assert.Contains("bedragPerM2", Assert.Single(fout.Fouten), StringComparison.Ordinal);
    }

    [Fact]
    public void Aanvragertypen_van_regeling_en_regels_moeten_gelijk_zijn()
    {
        var fout = Geweigerd(Gewijzigd(root => Regeling(root, "SPUK-DOS")["toegestaneAanvragerTypen"] = new JsonArray("gemeente", "provincie")));

        Assert.Equal(["SPUK-DOS, regels[0]: parameters.toegestaneAanvragerTypen wijkt af van toegestaneAanvragerTypen van de regeling."], fout.Fouten);
    }

    [Fact]
    public void Uitnodigingen_moeten_kvk_nummers_of_oins_zijn()
    {
        var fout = Geweigerd(Gewijzigd(root => Tijdvak(root, "REABLEMENT", "Ronde 1")["uitnodigingen"]![0] = "1234"));

        Assert.Equal(["REABLEMENT, tijdvak 'Ronde 1': uitnodiging '1234' is geen KvK-nummer (8 cijfers) of OIN (20 cijfers)."], fout.Fouten);
    }

    [Fact]
    public void Herverdeling_elders_zonder_bestemming_wordt_geweigerd()
    {
        var fout = Geweigerd(Gewijzigd(root => Regeling(root, "IWO").Remove("herverdelingsbestemming")));

        Assert.Equal(["IWO: herverdelingsbeleid Elders vraagt een herverdelingsbestemming."], fout.Fouten);
    }

    [Fact]
    public void Een_bronverwijzing_moet_bestand_en_regel_noemen()
    {
        var fout = Geweigerd(Gewijzigd(root => Regeling(root, "IWO")["bronnen"]![0]!["bron"] = "monitor p. 12"));

        Assert.Equal(["IWO, bronnen[0]: bron 'monitor p. 12' is geen verwijzing als '001:736' of '001:2789-2804'."], fout.Fouten);
    }

    [Fact]
    public void Alle_fouten_worden_tegelijk_gemeld()
    {
        var fout = Geweigerd(Gewijzigd(root =>
        {
            Tijdvak(root, "IWO", "Tijdvak 1")["budgetplafond"] = -1;
            Regeling(root, "REABLEMENT")["beslistermijnWeken"] = 0;
            Regeling(root, "SZGW")["code"] = "IWO";
        }));

        Assert.Contains(fout.Fouten, f => f.StartsWith("IWO, tijdvak 'Tijdvak 1': budgetplafond", StringComparison.Ordinal));
        Assert.Contains(fout.Fouten, f => f.StartsWith("REABLEMENT: beslistermijnWeken", StringComparison.Ordinal));
        Assert.Contains(fout.Fouten, f => f.StartsWith("IWO:", StringComparison.Ordinal) && f.Contains("meer dan één keer", StringComparison.Ordinal));
    }

    [Fact]
    public void Een_dubbel_geschreven_veld_wordt_geweigerd_in_plaats_van_een_van_beide_te_kiezen()
    {
        const string Regel = "\"budgetplafond\": 3500000,";
        var json = Bestand.Replace(Regel, Regel + " \"budgetplafond\": 350000,", StringComparison.Ordinal);

        Assert.NotEqual(Bestand, json);
        Assert.Contains("budgetplafond", Assert.Single(Geweigerd(json).Fouten), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{\"versie\":1,\"regelingen\":[]}")]
    public void Iets_anders_dan_een_catalogus_wordt_geweigerd(string json)
    {
        Assert.NotEmpty(Geweigerd(json).Fouten);
    }
}
