using WozoSubsidies.Domain.Gedeeld;

namespace WozoSubsidies.Domain.Tests.Specificatie;

/// <summary>The Given/When/Then helper itself: it must fail when the events or the rule code differ.</summary>
public sealed class SpecSpecificaties
{
    private sealed record Tel(int Met);

    private sealed record Geteld(int Met, IReadOnlyList<int> Historie);

    private static readonly Decider<Tel, Geteld, int> Teller = new(
        (c, s) => c.Met <= 0 ? throw new RegelSchending("niet-positief", "Tel met een positief getal.") : [new Geteld(c.Met, [s, s + c.Met])],
        (s, e) => s + e.Met,
        0);

    [Fact]
    public void Gelijke_events_met_lijsten_zijn_gelijk_en_de_state_loopt_mee() =>
        Spec.Voor(Teller).Given(new Geteld(2, [0, 2]))
            .When(new Tel(3)).Then(new Geteld(3, [2, 5]))
            .EnState(s => Assert.Equal(5, s))
            .When(new Tel(1)).Then(new Geteld(1, [5, 6]));

    [Fact]
    public void Andere_events_laten_de_specificatie_falen() =>
        Assert.ThrowsAny<Exception>(() => Spec.Voor(Teller).When(new Tel(3)).Then(new Geteld(3, [0, 4])));

    [Fact]
    public void Een_andere_regelcode_laat_de_specificatie_falen()
    {
        Assert.ThrowsAny<Exception>(() => Spec.Voor(Teller).When(new Tel(0)).ThenFout("iets-anders"));
        Assert.ThrowsAny<Exception>(() => Spec.Voor(Teller).When(new Tel(1)).ThenFout("niet-positief"));
        Assert.Equal("niet-positief", Spec.Voor(Teller).When(new Tel(0)).ThenFout("niet-positief").Code);
    }

    [Fact]
    public void Een_onverwachte_regelschending_laat_Then_falen() =>
        Assert.ThrowsAny<Exception>(() => Spec.Voor(Teller).When(new Tel(-1)).ThenGeenEvents());
}
