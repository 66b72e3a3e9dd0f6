using System.Net;
using System.Net.Http.Json;
using WozoSubsidies.Api.Tests.Besluiten;
using static WozoSubsidies.Api.Tests.Besluiten.Dossier;

namespace WozoSubsidies.Audit.Tests.Herspelen;

/// <summary>What an auditor meets in practice: one tijdvak that ran over its plafond (wachtlijst), with a toekenning, an
/// afwijzing that let the wachtlijst move up, an intrekking by an aanvrager still on the wachtlijst, a partial withdrawal of a toekenning
/// (vrijval), a toekenning above the four-eyes threshold; and a second tijdvak with one aanvraag placed and one still waiting.</summary>
public static class Scenario
{
    public sealed record Uitkomst(Guid Tijdvak, Guid TweedeTijdvak, Guid Toegekend, Guid Afgewezen, Guid VanWachtlijst, Guid Ingetrokken);

    public static async Task<Uitkomst> SpeelAsync(Dossier d)
    {
        var tijdvak = await d.TijdvakAsync(plafond: 30_000m);
        var a1 = await d.DienInAsync(tijdvak);
        var a2 = await d.DienInAsync(tijdvak, org: AndereOrg);
        d.DeDagIsVoorbij();
        var a3 = await d.DienInAsync(tijdvak); // 11,520 does not fit in the 6,960 left: wachtlijst
        d.DeDagIsVoorbij(); // a day of its own, so no lottery decides who heads the wachtlijst
        var a4 = await d.DienInAsync(tijdvak, org: AndereOrg); // nobody passes the wachtlijst: behind a3
        d.DeDagIsVoorbij();

        await Lees(await d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{a1}/toekenning", new { bedrag = 2 * PerJongere }));
        Assert.Equal("OpWachtlijst", (await d.AanvraagAsync(a3)).GetProperty("status").GetString());
        Assert.Equal("OpWachtlijst", (await d.AanvraagAsync(a4)).GetProperty("status").GetString());

        await Lees(await d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{a2}/afwijzing",
            new { reden = "criteria", toelichting = "De woningen zijn niet bestemd voor 55-plussers." }));
        Assert.NotEqual("OpWachtlijst", (await d.AanvraagAsync(a3)).GetProperty("status").GetString());
        await Lees(await d.AndereAanvrager.PostAsJsonAsync($"/api/aanvragen/{a4}/intrekken", new { toelichting = "Het project gaat niet door." }));
        await Lees(await d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{a3}/toekenning", new { bedrag = 2 * PerJongere }));
        await Lees(await d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{a1}/toekenning/intrekking",
            new { bedrag = 3_000m, reden = "Een jongere is vertrokken." }));

        var tweede = await d.TijdvakAsync(plafond: 500_000m);
        var groot = await d.DienInAsync(tweede, jongeren: 4);
        d.DeDagIsVoorbij();
        await d.DienInAsync(tweede, org: AndereOrg); // received today: no place yet
        var voorstel = await Lees(await d.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{groot}/toekenning", new { bedrag = 4 * PerJongere }),
            HttpStatusCode.Accepted);
        var besluit = voorstel.GetProperty("besluitId").GetGuid();
        await Lees(await d.TweedeBehandelaar.PostAsync($"/api/besluiten/{besluit}/goedkeuring", null));

        var budget = await d.TijdvakBudgetAsync(tijdvak);
        Assert.Equal(3_000m, budget.GetProperty("vrijgevallen").GetDecimal());
        Assert.Equal(4 * PerJongere - 3_000m, budget.GetProperty("toegekend").GetDecimal());
        return new Uitkomst(tijdvak, tweede, a1, a2, a3, a4);
    }
}
