using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using WozoSubsidies.Audit.Invoer;

namespace WozoSubsidies.Audit.Herspelen;

/// <summary>One thing the service reports differently from the replay.</summary>
/// <param name="Bron">Where the service said it: the route it answered on.</param>
public sealed record Verschil(string Bron, string Id, string Veld, string? Dienst, string? Herspeeld)
{
    public override string ToString() => $"{Bron} {Id} {Veld}: de dienst zegt {Dienst ?? "(niets)"}, herspeeld {Herspeeld ?? "(niets)"}";
}

/// <summary>Compares the replay with what the service reports: every tijdvak (GET /api/tijdvakken/{id} and the list per
/// regeling, which comes from the read model), every aanvraag in the list (GET /api/aanvragen, read model) and its detail
/// (GET /api/aanvragen/{id}). Money is compared as amounts (57600 equals 57600.00).</summary>
public sealed class Vergelijker(HttpClient http, Voortgang voortgang)
{
    private const int PaginaGrootte = 500;

    public async Task<IReadOnlyList<Verschil>> VergelijkAsync(IReadOnlyList<TijdvakStand> tijdvakken, IReadOnlyList<AanvraagStand> aanvragen, CancellationToken ct)
    {
        var verschillen = new ConcurrentBag<Verschil>();
        var regelingen = tijdvakken.Select(t => t.Regeling).Distinct(StringComparer.Ordinal).ToList();
        voortgang.Begin("vergelijken", tijdvakken.Count + regelingen.Count + aanvragen.Count + (aanvragen.Count / PaginaGrootte) + 1, "verzoeken");
        long gedaan = 0;
        void Gedaan() => voortgang.Meld(Interlocked.Increment(ref gedaan));

        var opties = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct };
        await Parallel.ForEachAsync(tijdvakken, opties, async (t, token) =>
        {
            var bron = $"GET /api/tijdvakken/{t.Id}";
            if (await LeesAsync(bron, $"api/tijdvakken/{t.Id}", token) is { } detail)
            {
                VergelijkTijdvak(bron, t, detail, detail.GetProperty("budget"), verschillen);
                Voeg(verschillen, bron, t.Id, "versie", detail.GetProperty("versie").GetInt64(), t.Versie);
            }
            else
            {
                verschillen.Add(new Verschil(bron, t.Id.ToString(), "bestaat", "nee (404)", "ja"));
            }
            Gedaan();
        });

        foreach (var regeling in regelingen)
        {
            var bron = $"GET /api/regelingen/{regeling}/tijdvakken";
            var lijst = (await LeesAsync(bron, $"api/regelingen/{Uri.EscapeDataString(regeling)}/tijdvakken", ct))?.EnumerateArray()
                .ToDictionary(e => e.GetProperty("id").GetGuid()) ?? [];
            foreach (var t in tijdvakken.Where(t => t.Regeling == regeling))
            {
                if (lijst.Remove(t.Id, out var regel))
                {
                    VergelijkTijdvak(bron, t, regel, regel.GetProperty("budget"), verschillen);
                }
                else
                {
                    verschillen.Add(new Verschil(bron, t.Id.ToString(), "in de lijst", "nee", "ja"));
                }
            }
            foreach (var extra in lijst.Keys)
            {
                verschillen.Add(new Verschil(bron, extra.ToString(), "in de lijst", "ja", "nee: geen events"));
            }
            Gedaan();
        }

        await VergelijkLijstAsync(aanvragen, verschillen, Gedaan, ct);

        await Parallel.ForEachAsync(aanvragen, opties, async (a, token) =>
        {
            var bron = $"GET /api/aanvragen/{a.Id}";
            if (await LeesAsync(bron, $"api/aanvragen/{a.Id}", token) is { } d)
            {
                Voeg(verschillen, bron, a.Id, "status", d.GetProperty("status").GetString(), a.Status.ToString());
                Voeg(verschillen, bron, a.Id, "tijdvakId", d.GetProperty("tijdvakId").GetGuid(), a.TijdvakId);
                Voeg(verschillen, bron, a.Id, "aangevraagdBedrag", Bedrag(d, "aangevraagdBedrag"), a.AangevraagdBedrag);
                Voeg(verschillen, bron, a.Id, "beslag", Bedrag(d, "beslag"), a.Beslag);
                Voeg(verschillen, bron, a.Id, "wachtlijstPositie", Geheel(d, "wachtlijstPositie"), a.WachtlijstPositie);
                Voeg(verschillen, bron, a.Id, "toegekendBedrag", Bedrag(d, "toegekendBedrag"), a.ToegekendBedrag);
                Voeg(verschillen, bron, a.Id, "vastgesteldBedrag", Bedrag(d, "vastgesteldBedrag"), a.VastgesteldBedrag);
                Voeg(verschillen, bron, a.Id, "teruggevorderd", Bedrag(d, "teruggevorderd"), a.Teruggevorderd);
                Voeg(verschillen, bron, a.Id, "regelsVersie", Geheel(d, "regelsVersie"), a.RegelsVersie);
                Voeg(verschillen, bron, a.Id, "versie", d.GetProperty("versie").GetInt64(), a.Versie);
            }
            else
            {
                verschillen.Add(new Verschil(bron, a.Id.ToString(), "bestaat", "nee (404)", "ja"));
            }
            Gedaan();
        });
        voortgang.Klaar();
        return verschillen.OrderBy(v => v.Bron, StringComparer.Ordinal).ThenBy(v => v.Veld, StringComparer.Ordinal).ToList();
    }

    /// <summary>The list of aanvragen (the read model): every replayed aanvraag once, with the same status and amounts, and nothing else.</summary>
    private async Task VergelijkLijstAsync(IReadOnlyList<AanvraagStand> aanvragen, ConcurrentBag<Verschil> verschillen, Action gedaan, CancellationToken ct)
    {
        const string bron = "GET /api/aanvragen";
        var herspeeld = aanvragen.ToDictionary(a => a.Id);
        var gezien = new HashSet<Guid>();
        for (var pagina = 1; ; pagina++)
        {
            var antwoord = await LeesAsync(bron, $"api/aanvragen?pagina={pagina}&paginaGrootte={PaginaGrootte}", ct)
                ?? throw new HttpRequestException($"{bron} antwoordde 404");
            var regels = antwoord.GetProperty("aanvragen").EnumerateArray().ToList();
            foreach (var r in regels)
            {
                var id = r.GetProperty("id").GetGuid();
                if (!gezien.Add(id))
                {
                    continue;
                }
                if (!herspeeld.TryGetValue(id, out var a))
                {
                    verschillen.Add(new Verschil(bron, id.ToString(), "in de lijst", "ja", "nee: geen events"));
                    continue;
                }
                Voeg(verschillen, bron, id, "status", r.GetProperty("status").GetString(), a.Status.ToString());
                Voeg(verschillen, bron, id, "tijdvakId", r.GetProperty("tijdvakId").GetGuid(), a.TijdvakId);
                Voeg(verschillen, bron, id, "aangevraagdBedrag", Bedrag(r, "aangevraagdBedrag"), a.AangevraagdBedrag);
                // The list leaves toegekendBedrag out while nothing is granted.
                Voeg(verschillen, bron, id, "toegekendBedrag", Bedrag(r, "toegekendBedrag") ?? 0m, a.ToegekendBedrag);
                Voeg(verschillen, bron, id, "versie", r.GetProperty("versie").GetInt64(), a.Versie);
            }
            gedaan();
            if (regels.Count < PaginaGrootte)
            {
                break;
            }
        }
        foreach (var a in aanvragen.Where(a => !gezien.Contains(a.Id)))
        {
            verschillen.Add(new Verschil(bron, a.Id.ToString(), "in de lijst", "nee", "ja"));
        }
    }

    private static void VergelijkTijdvak(string bron, TijdvakStand t, JsonElement tijdvak, JsonElement budget, ConcurrentBag<Verschil> verschillen)
    {
        Voeg(verschillen, bron, t.Id, "status", tijdvak.GetProperty("status").GetString(), t.Status.ToString());
        Voeg(verschillen, bron, t.Id, "budget.plafond", Bedrag(budget, "plafond"), t.Plafond);
        Voeg(verschillen, bron, t.Id, "budget.beslag", Bedrag(budget, "beslag"), t.Beslag);
        Voeg(verschillen, bron, t.Id, "budget.toegekend", Bedrag(budget, "toegekend"), t.Toegekend);
        Voeg(verschillen, bron, t.Id, "budget.vrijgevallen", Bedrag(budget, "vrijgevallen"), t.Vrijgevallen);
        Voeg(verschillen, bron, t.Id, "budget.beschikbaar", Bedrag(budget, "beschikbaar"), t.Beschikbaar);
        Voeg(verschillen, bron, t.Id, "budget.wachtlijst", Geheel(budget, "wachtlijst"), t.Wachtlijst);
    }

    private async Task<JsonElement?> LeesAsync(string bron, string pad, CancellationToken ct)
    {
        using var response = await http.GetAsync(pad, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await ApiVerbinding.ControleerAsync(response, bron, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var doc = await JsonDocument.ParseAsync(body, cancellationToken: ct);
        return doc.RootElement.Clone();
    }

    private static decimal? Bedrag(JsonElement e, string naam) =>
        e.TryGetProperty(naam, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;

    private static long? Geheel(JsonElement e, string naam) =>
        e.TryGetProperty(naam, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    private static void Voeg<T>(ConcurrentBag<Verschil> verschillen, string bron, Guid id, string veld, T dienst, T herspeeld)
    {
        if (!EqualityComparer<T>.Default.Equals(dienst, herspeeld))
        {
            verschillen.Add(new Verschil(bron, id.ToString(), veld, Tekst(dienst), Tekst(herspeeld)));
        }
    }

    private static void Voeg(ConcurrentBag<Verschil> verschillen, string bron, Guid id, string veld, long? dienst, long? herspeeld) =>
        Voeg<long?>(verschillen, bron, id, veld, dienst, herspeeld);

    private static string? Tekst(object? waarde) => waarde switch
    {
        null => null,
        decimal d => d.ToString("0.00", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => waarde.ToString(),
    };
}
