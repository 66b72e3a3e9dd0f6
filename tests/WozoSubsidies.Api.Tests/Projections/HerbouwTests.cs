using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WozoSubsidies.Api.Projections;
using WozoSubsidies.Api.Tests.Rapportages;
using static WozoSubsidies.Api.Tests.Rapportages.RapportageFixture;

namespace WozoSubsidies.Api.Tests.Projections;

/// <summary>Rebuilding read models through POST/GET /api/audit/projecties/{naam}/herbouw, with real concurrent API writes.</summary>
public sealed class HerbouwTests(RapportageFixture api) : IClassFixture<RapportageFixture>
{
    private static readonly string[] Modellen = [RegelingenProjection.Name, TijdvakkenProjection.Name, AanvragenProjection.Name, BenuttingProjection.Name];

    // Every read model's tables, each with its key for a stable order.
    private static readonly (string Tabel, string Sleutel)[] Tabellen =
    [
        ("regelingen", "code"), ("tijdvakken", "id"), ("aanvragen", "id"), ("besluiten", "besluit_id"), ("bezwaren", "bezwaar_id"),
        ("benutting_tijdvakken", "tijdvak_id"), ("benutting_aanvragen", "aanvraag_id"),
    ];

    private async Task<Dictionary<string, string>> ChecksumsAsync() =>
        (await Task.WhenAll(Tabellen.Select(async t => (t.Tabel, Som: await api.ScalarAsync<string>(
            $"select md5(coalesce(string_agg(t::text, '|' order by t.{t.Sleutel}), '')) || ':' || count(*) from api.{t.Tabel} t")))))
        .ToDictionary(t => t.Tabel, t => t.Som);

    // Every index of the read models' tables, without its name (a rebuilt table's indexes get new ones).
    private Task<string> IndexenAsync() => api.ScalarAsync<string>(
        $"""
         select string_agg(d, E'\n' order by d) from (
             select regexp_replace(indexdef, 'INDEX \S+ ON', 'INDEX ON') as d from pg_indexes
             where schemaname = 'api' and tablename in ({string.Join(", ", Tabellen.Select(t => $"'{t.Tabel}'"))})) i
         """);

    private async Task<JsonElement> HerbouwAsync(string naam)
    {
        var start = await api.Beheerder.PostAsync($"/api/audit/projecties/{naam}/herbouw", null);
        var voortgang = await Lees(start, HttpStatusCode.Accepted);
        Assert.Equal($"/api/audit/projecties/{naam}/herbouw", start.Headers.Location?.OriginalString);
        Assert.Contains(voortgang.GetProperty("status").GetString(), new[] { "Bezig", "Klaar" });
        JsonElement stand = default;
        await Probe.UntilAsync(async () =>
        {
            stand = await api.Auditor.GetFromJsonAsync<JsonElement>($"/api/audit/projecties/{naam}/herbouw");
            Assert.NotEqual("Mislukt", stand.GetProperty("status").GetString());
            return stand.GetProperty("status").GetString() == "Klaar";
        }, $"the rebuild of {naam} is done");
        return stand;
    }

    private async Task BeginstandAsync()
    {
        var tijdvak = await api.TijdvakAsync(3_500_000m);
        var aanvragen = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            aanvragen.Add(await api.DienInAsync(tijdvak, $"4000{i:D4}"));
        }
        api.Klok.Verzet(TimeSpan.FromDays(1));
        for (var i = 0; i < 3; i++)
        {
            await api.KenToeAsync(aanvragen[i], PerAanvraag);
        }
        await api.WijsAfAsync(aanvragen[3]);
        await api.TrekInAsync(aanvragen[4], "40000004");
    }

    [Fact]
    public async Task Een_herbouw_is_gelijk_aan_het_live_leesmodel_ook_als_er_tijdens_de_herbouw_via_de_API_wordt_geschreven()
    {
        await BeginstandAsync();
        await api.BenuttingBijgewerktAsync();
        var live = await ChecksumsAsync();
        var indexen = await IndexenAsync();
        Assert.Contains("benutting_aanvragen USING btree (tijdvak_id)", indexen, StringComparison.Ordinal);

        // Quiescent: every rebuilt read model equals the live one, row for row.
        foreach (var naam in Modellen)
        {
            var klaar = await HerbouwAsync(naam);
            Assert.Equal(klaar.GetProperty("eventsTotaal").GetInt64(), klaar.GetProperty("eventsGedaan").GetInt64());
            Assert.True(klaar.GetProperty("eventsGedaan").GetInt64() > 0);
            Assert.True(klaar.GetProperty("eventsPerSeconde").GetDecimal() > 0);
        }
        Assert.Equal(live, await ChecksumsAsync());
        // Secondary indexes are built after the fill, not maintained through it: every one is back, the same.
        Assert.Equal(indexen, await IndexenAsync());
        // Filled unlogged, swapped in logged: a rebuilt read model survives a crash of the database like any table.
        Assert.Equal(0L, await api.ScalarAsync<long>(
            "select count(*) from pg_class where relnamespace = 'api'::regnamespace and relkind = 'r' and relpersistence <> 'p'"));

        // Under concurrent writes: aanvragen submitted, assessed, refused and withdrawn through the API all along.
        var tijdvak = await api.TijdvakAsync(2_000_000m);
        using var stop = new CancellationTokenSource();
        var geschreven = 0;
        var schrijvers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var org = $"5{w}{i:D6}";
                var aanvraag = await api.DienInAsync(tijdvak, org);
                await Lees(await api.Behandelaar.PostAsJsonAsync($"/api/aanvragen/{aanvraag}/beoordeling", new { advies = "Positief" }));
                if (i % 2 == 0)
                {
                    await api.WijsAfAsync(aanvraag);
                }
                Interlocked.Increment(ref geschreven);
            }
        })).ToList();
        await Probe.UntilAsync(() => Task.FromResult(Volatile.Read(ref geschreven) >= 3), "the writers are under way");
        foreach (var naam in Modellen)
        {
            var voor = await api.ScalarAsync<long>("select count(*) from eventstore.events");
            await HerbouwAsync(naam);
            var na = await api.ScalarAsync<long>("select count(*) from eventstore.events");
            Assert.True(na > voor, $"writes went on while {naam} was rebuilt");
        }
        await stop.CancelAsync();
        await Task.WhenAll(schrijvers);
        await api.BenuttingBijgewerktAsync();
        var naSchrijven = await ChecksumsAsync();

        // The read models that were rebuilt under writes (and kept up since) equal a rebuild from the whole log now.
        foreach (var naam in Modellen)
        {
            await HerbouwAsync(naam);
        }
        await api.BenuttingBijgewerktAsync();
        Assert.Equal(naSchrijven, await ChecksumsAsync());
        Assert.Equal(await api.ScalarAsync<long>("select count(*) from eventstore.streams where stream_id like 'aanvraag-%'"),
            await api.ScalarAsync<long>("select count(*) from api.aanvragen"));
    }

    [Fact]
    public async Task Een_herbouw_van_benutting_met_een_event_per_batch_is_gelijk_aan_het_live_leesmodel()
    {
        // Each aanvraag's events fall in batches of their own: its row is inserted by the first and merged into by the rest.
        await BeginstandAsync();
        await api.BenuttingBijgewerktAsync();
        var live = await ChecksumsAsync();
        var herbouw = LosseHerbouw.Maak(api.DataSource, new BenuttingProjection(), batchGrootte: 1);
        await herbouw.StartAsync(BenuttingProjection.Name, CancellationToken.None);
        await herbouw.WachtAsync();
        var stand = await herbouw.LeesAsync(BenuttingProjection.Name, CancellationToken.None);
        Assert.True(stand.Status == HerbouwStatus.Klaar, $"{stand.Status}: {stand.Fout}");
        Assert.True(stand.EventsGedaan > 10, $"{stand.EventsGedaan} events, a batch each");
        Assert.Equal(live, await ChecksumsAsync());
    }

    [Fact]
    public async Task Een_onbekend_leesmodel_is_404_een_lopende_herbouw_409_en_alleen_de_beheerder_start_er_een()
    {
        await api.RegelingAsync();
        await (await api.Beheerder.PostAsync("/api/audit/projecties/bestaat-niet/herbouw", null)).AssertProblemAsync(404, "niet-gevonden");
        await (await api.Auditor.GetAsync("/api/audit/projecties/bestaat-niet/herbouw")).AssertProblemAsync(404, "niet-gevonden");
        await (await api.Auditor.PostAsync("/api/audit/projecties/regelingen/herbouw", null)).AssertProblemAsync(403, "geen-toegang");
        await (await api.Behandelaar.PostAsync("/api/audit/projecties/regelingen/herbouw", null)).AssertProblemAsync(403, "geen-toegang");
        await (await api.Behandelaar.GetAsync("/api/audit/projecties/regelingen/herbouw")).AssertProblemAsync(403, "geen-toegang");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.MetKlok.CreateClient().PostAsync("/api/audit/projecties/regelingen/herbouw", null)).StatusCode);

        // Another node is rebuilding "regelingen": it holds the rebuild's lock.
        await using var andereNode = await api.DataSource.OpenConnectionAsync();
        await using (var cmd = new Npgsql.NpgsqlCommand($"select pg_advisory_lock({HerbouwService.LockKlasse}, hashtext('regelingen'))", andereNode))
        {
            await cmd.ExecuteNonQueryAsync();
        }
        await (await api.Beheerder.PostAsync("/api/audit/projecties/regelingen/herbouw", null)).AssertProblemAsync(409, "herbouw-loopt");
        await using (var cmd = new Npgsql.NpgsqlCommand($"select pg_advisory_unlock({HerbouwService.LockKlasse}, hashtext('regelingen'))", andereNode))
        {
            await cmd.ExecuteNonQueryAsync();
        }
        Assert.Equal("Klaar", (await HerbouwAsync("regelingen")).GetProperty("status").GetString());
    }
}
