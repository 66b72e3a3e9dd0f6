using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Tests.Regelingen;

/// <summary>001:432: "In totaal zullen maximaal 16 projecten deelnemen aan het leertraject".</summary>
public sealed class LeertrajectSpecificaties
{
    private static readonly Actor Behandelaar = new("behandelaar-1", "behandelaar");
    private static readonly DateTimeOffset Nu = Amsterdam.BeginVan(new DateOnly(2024, 10, 1)).AddHours(10);

    private static RegelingState Reablement(int maximum, int deelnemers)
    {
        var events = new List<RegelingEvent>
        {
            new RegelingIngesteld("REABLEMENT", "ZonMw-programma Reablement", Uitvoerder.ZonMw, Verdeelmethode.Rangschikking, ["zorgaanbieder"],
                13, 100_000m, Herverdelingsbeleid.Standaard, 3_200_000m, Nu, Behandelaar),
            new RegelsVastgesteld("REABLEMENT", 1, 0, new DateOnly(2023, 1, 1), ReablementParameters.Standaard with { MaxProjectenLeertraject = maximum }, Nu, Behandelaar),
        };
        var state = events.Aggregate(RegelingState.Begin, Regeling.Evolve);
        for (var i = 0; i < deelnemers; i++)
        {
            state = Regeling.Decide(new LeertrajectDeelnameRegistreren("REABLEMENT", Guid.NewGuid(), Nu, Behandelaar), state).Aggregate(state, Regeling.Evolve);
        }
        return state;
    }

    [Fact]
    public void Het_zestiende_project_krijgt_nog_een_plaats_in_het_leertraject()
    {
        var events = Regeling.Decide(new LeertrajectDeelnameRegistreren("REABLEMENT", Guid.NewGuid(), Nu, Behandelaar), Reablement(16, 15));
        var e = Assert.IsType<LeertrajectDeelnameGeregistreerd>(Assert.Single(events));
        Assert.Equal(16, e.Aantal);
        Assert.Equal(16, e.Maximum);
    }

    [Fact]
    public void Een_zeventiende_project_wordt_geweigerd_want_het_leertraject_is_vol()
    {
        var fout = Assert.Throws<RegelSchending>(() =>
            Regeling.Decide(new LeertrajectDeelnameRegistreren("REABLEMENT", Guid.NewGuid(), Nu, Behandelaar), Reablement(16, 16)));
        Assert.Equal("reablement-leertraject-vol", fout.Code);
    }

    [Fact]
    public void Een_herhaalde_registratie_van_hetzelfde_project_telt_niet_dubbel()
    {
        var state = Reablement(16, 3);
        var id = Guid.NewGuid();
        state = Regeling.Decide(new LeertrajectDeelnameRegistreren("REABLEMENT", id, Nu, Behandelaar), state).Aggregate(state, Regeling.Evolve);
        Assert.Empty(Regeling.Decide(new LeertrajectDeelnameRegistreren("REABLEMENT", id, Nu, Behandelaar), state));
        Assert.Equal(4, state.LeertrajectDeelnemers.Count);
    }

    [Fact]
    public void Het_maximum_is_een_parameter_van_de_regels_niet_een_constante()
    {
        var fout = Assert.Throws<RegelSchending>(() =>
            Regeling.Decide(new LeertrajectDeelnameRegistreren("REABLEMENT", Guid.NewGuid(), Nu, Behandelaar), Reablement(2, 2)));
        Assert.Equal("reablement-leertraject-vol", fout.Code);
    }
}
