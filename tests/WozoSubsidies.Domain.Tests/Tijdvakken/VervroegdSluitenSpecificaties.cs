using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regels;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Tijdvakken;

namespace WozoSubsidies.Domain.Tests.Tijdvakken;

public sealed class VervroegdSluitenSpecificaties
{
    private static readonly Guid Id = Guid.Parse("6f1c3a52-0000-4000-8000-000000000001");
    private static readonly Actor Beheerder = new("beheerder-1", "beheerder");
    private static readonly DateTimeOffset Opening = Amsterdam.BeginVan(new DateOnly(2025, 3, 1));

    private static TijdvakState Open() => new TijdvakEvent[]
    {
        new TijdvakGepland(Id, "IWO", "Tijdvak 4", new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31), 100_000m,
            Verdeelmethode.VolgordeVanBinnenkomst, TijdvakRegels.Geen, [], Opening, Beheerder),
        new TijdvakGeopend(Id, 100_000m, Opening, Beheerder),
    }.Aggregate(TijdvakState.Begin, Tijdvak.Evolve);

    [Fact]
    public void De_sluitingsjob_sluit_niet_voor_het_einde_van_de_sluitingsdatum()
    {
        var fout = Assert.Throws<RegelSchending>(() =>
            Tijdvak.Decide(new TijdvakSluiten(Id, [], Opening.AddDays(5), Actor.Systeem), Open()));
        Assert.Equal("sluitingsdatum-niet-bereikt", fout.Code);
    }

    [Fact]
    public void Een_beheerder_mag_vervroegd_sluiten_en_het_event_legt_dat_vast()
    {
        var events = Tijdvak.Decide(new TijdvakSluiten(Id, [], Opening.AddDays(5), Beheerder, Vervroegd: true), Open());
        var gesloten = Assert.IsType<TijdvakGesloten>(Assert.Single(events));
        Assert.True(gesloten.Vervroegd);
        Assert.Equal(TijdvakStatus.Gesloten, events.Aggregate(Open(), Tijdvak.Evolve).Status);
    }

    [Fact]
    public void Op_of_na_het_einde_van_de_sluitingsdatum_is_sluiten_niet_vervroegd()
    {
        var events = Tijdvak.Decide(new TijdvakSluiten(Id, [], Amsterdam.EindeVan(new DateOnly(2025, 3, 31)), Actor.Systeem), Open());
        Assert.False(Assert.IsType<TijdvakGesloten>(Assert.Single(events)).Vervroegd);
    }
}
