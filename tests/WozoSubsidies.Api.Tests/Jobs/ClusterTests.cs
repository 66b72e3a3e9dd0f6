using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Tijdvakken;

namespace WozoSubsidies.Api.Tests.Jobs;

/// <summary>Three real service processes (the built WozoSubsidies.Api.dll) on loopback ports and ONE database, as in a
/// deployment with several nodes. Their clock is moved (Klok:Verschuiving) to a few minutes before midnight in
/// Amsterdam, so a tijdvak that closes today closes for real while the test watches.</summary>
public sealed class ClusterFixture : ApiFixture
{
    /// <summary>How long before midnight (service time) the nodes start: room for start-up and 2,000 submissions.</summary>
    public static readonly TimeSpan Aanloop = TimeSpan.FromSeconds(150);

    private readonly List<Node> _nodes = [];

    public IReadOnlyList<Node> Nodes => _nodes;

    /// <summary>The first moment of the next day in service time: the close moment of a tijdvak that closes today.</summary>
    public DateTimeOffset Middernacht { get; private set; }

    public TimeSpan Verschuiving { get; private set; }

    public DateTimeOffset Nu => DateTimeOffset.UtcNow + Verschuiving;

    public sealed class Node(string naam, int poort, Process proces)
    {
        public string Naam { get; } = naam;
        public Uri Adres { get; } = new($"http://127.0.0.1:{poort}");
        public Process Proces { get; } = proces;
        public bool Gestopt { get; set; }
    }

    /// <summary>Starts the three nodes (once; the database is the fixture's).</summary>
    public async Task StartAsync()
    {
        if (_nodes.Count > 0)
        {
            return;
        }
        Middernacht = Amsterdam.EindeVan(Amsterdam.Dag(DateTimeOffset.UtcNow));
        Verschuiving = Middernacht - Aanloop - DateTimeOffset.UtcNow;
        // The first node loads the catalogue and creates Quartz's tables; the other two join the running cluster.
        await StartAsync("node-1", laadCatalogus: true);
        await Task.WhenAll(StartAsync("node-2", false), StartAsync("node-3", false));
    }

    private async Task StartAsync(string naam, bool laadCatalogus)
    {
        var poort = VrijePoort();
        var dll = ApiDll();
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls http://127.0.0.1:{poort}")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ConnectionStrings__Wozo"] = ConnectionString;
        info.Environment["Auth__SigningKey"] = SigningKey;
        info.Environment["Catalogus__Laden"] = laadCatalogus ? "true" : "false";
        info.Environment["Klok__Verschuiving"] = Verschuiving.ToString("c", CultureInfo.InvariantCulture);
        info.Environment["Jobs__Knooppunt"] = naam;
        info.Environment["Jobs__Checkin"] = "00:00:02";
        // Test-only knob: the herverdeling job holds its run open 20 s before it acts, so (c) can kill its node mid-run.
        info.Environment["Jobs__Vertraging__herverdeling"] = "00:00:20";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var proces = Process.Start(info)!;
        proces.OutputDataReceived += (_, _) => { };
        proces.ErrorDataReceived += (_, _) => { };
        proces.BeginOutputReadLine();
        proces.BeginErrorReadLine();
        var node = new Node(naam, poort, proces);
        lock (_nodes)
        {
            _nodes.Add(node);
        }
        using var http = new HttpClient { BaseAddress = node.Adres };
        await Wacht.TotAsync(async () =>
        {
            Assert.False(proces.HasExited, $"{naam} stopped at start");
            try
            {
                return (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(90), $"{naam} ready");
    }

    public static HttpClient Als(Node node, string rol, string? org = null)
    {
        var claims = org is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["org"] = org };
        var client = new HttpClient { BaseAddress = node.Adres, Timeout = TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", AuthSetup.MintToken(SigningKey, $"cluster-{rol}", rol, claims, TimeSpan.FromDays(365)));
        return client;
    }

    public Node Levend => _nodes.First(n => !n.Gestopt);

    public static void Stop(Node node)
    {
        node.Gestopt = true;
        node.Proces.Kill(); // SIGKILL on Linux: no shutdown hooks, no check-out from the cluster
    }

    private static int VrijePoort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The API as built next to these tests (src/WozoSubsidies.Api/bin/{configuration}/net10.0).</summary>
    private static string ApiDll()
    {
        var hier = new DirectoryInfo(AppContext.BaseDirectory); // tests/WozoSubsidies.Api.Tests/bin/{cfg}/net10.0/
        var configuratie = hier.Parent!.Name;
        var root = hier.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "src", "WozoSubsidies.Api", "bin", configuratie, "net10.0", "WozoSubsidies.Api.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the API first", dll);
    }

    public override async Task DisposeAsync()
    {
        foreach (var node in _nodes.Where(n => !n.Proces.HasExited))
        {
            node.Proces.Kill();
            await node.Proces.WaitForExitAsync();
        }
        foreach (var node in _nodes)
        {
            node.Proces.Dispose();
        }
        await base.DisposeAsync();
    }
}

public static class Wacht
{
    /// <summary>Polls until the probe holds (never a fixed sleep as the assertion's basis).</summary>
    public static async Task TotAsync(Func<Task<bool>> probe, TimeSpan maximaal, string wat)
    {
        var tot = DateTimeOffset.UtcNow + maximaal;
        while (!await probe())
        {
            Assert.True(DateTimeOffset.UtcNow < tot, $"waited {maximaal} for: {wat}");
            await Task.Delay(250);
        }
    }
}

public sealed class ClusterTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const decimal Bedrag = 11_520m; // Scenario.IwoGegevens
    private const int Aantal = 2_000;
    private const int Passen = 100;

    private static async Task<JsonElement> JsonAsync(HttpClient client, string url) => await client.GetFromJsonAsync<JsonElement>(url);

    [Fact]
    public async Task Three_nodes_close_once_allocate_2000_concurrent_submissions_fairly_and_finish_a_killed_nodes_job()
    {
        await cluster.StartAsync();
        var vandaag = Amsterdam.Dag(cluster.Nu);
        var beheerder = ClusterFixture.Als(cluster.Nodes[0], "beheerder");
        var auditor = ClusterFixture.Als(cluster.Nodes[1], "auditor");
        var plafond = Passen * Bedrag + 5_000m;
        var plan = await beheerder.PostAsJsonAsync("/api/regelingen/IWO/tijdvakken", new
        {
            naam = "Cluster", opent = JobsFixture.Datum(vandaag), sluit = JobsFixture.Datum(vandaag), budgetplafond = plafond,
        });
        Assert.True(plan.StatusCode == HttpStatusCode.Created, await plan.Content.ReadAsStringAsync());
        var tijdvak = (await plan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // (b) 2,000 concurrent submissions spread over the three nodes.
        var clients = cluster.Nodes.Select(n => ClusterFixture.Als(n, "aanvrager")).ToArray();
        using var gelijktijdig = new SemaphoreSlim(48);
        var antwoorden = await Task.WhenAll(Enumerable.Range(0, Aantal).Select(async i =>
        {
            await gelijktijdig.WaitAsync();
            try
            {
                var org = (60_000_000 + i).ToString(CultureInfo.InvariantCulture);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/aanvragen")
                {
                    Content = JsonContent.Create(Scenario.Indiening(org, Scenario.IwoGegevens(op: vandaag), tijdvak)),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
                    AuthSetup.MintToken(ApiFixture.SigningKey, $"medewerker-{org}", "aanvrager", new Dictionary<string, string> { ["org"] = org }, TimeSpan.FromDays(365)));
                var response = await clients[i % 3].SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                return (Status: (int)response.StatusCode, Body: body);
            }
            finally
            {
                gelijktijdig.Release();
            }
        }));
        Assert.All(antwoorden, a => Assert.True(a.Status is 201 or 409, $"{a.Status}: {a.Body}"));
        var ingediend = antwoorden.Where(a => a.Status == 201)
            .Select(a => JsonDocument.Parse(a.Body).RootElement.GetProperty("id").GetGuid()).ToHashSet();

        // (a) the close at midnight fires on its own, on one of the nodes.
        await Wacht.TotAsync(async () => (await JsonAsync(auditor, $"/api/tijdvakken/{tijdvak}")).GetProperty("status").GetString() == "Gesloten",
            ClusterFixture.Aanloop + TimeSpan.FromMinutes(3), "the tijdvak closed by its trigger");
        var events = (await JsonAsync(auditor, $"/api/audit/streams/tijdvak-{tijdvak:D}")).EnumerateArray().ToArray();
        var sluiting = Assert.Single(events, e => e.GetProperty("type").GetString() == "tijdvak-gesloten.v1");
        Assert.Equal("job:tijdvak-sluiten", sluiting.GetProperty("metadata").GetProperty("actorId").GetString());
        var sluitRuns = (await JsonAsync(auditor, "/api/jobs")).EnumerateArray().Single(j => j.GetProperty("naam").GetString() == "tijdvak-sluiten")
            .GetProperty("laatsteUitvoeringen").EnumerateArray()
            .Where(r => r.GetProperty("aanleiding").GetString() == $"tijdvak-sluiten-{tijdvak:D}").ToList();
        var sluitRun = Assert.Single(sluitRuns); // one firing of the trigger in the whole cluster
        Assert.Equal("Geslaagd", sluitRun.GetProperty("uitkomst").GetString());
        Assert.Contains(sluitRun.GetProperty("knooppunt").GetString(), cluster.Nodes.Select(n => n.Naam));

        // (b) the invariant, and every aanvraag placed, wait-listed or refused.
        var budget = (await JsonAsync(auditor, $"/api/tijdvakken/{tijdvak}")).GetProperty("budget");
        Assert.True(budget.GetProperty("beslag").GetDecimal() + budget.GetProperty("toegekend").GetDecimal() <= plafond);
        var aanvragen = new List<JsonElement>();
        for (var pagina = 1; ; pagina++)
        {
            var p = await JsonAsync(auditor, $"/api/aanvragen?tijdvakId={tijdvak}&pagina={pagina}&paginaGrootte=500");
            aanvragen.AddRange(p.GetProperty("aanvragen").EnumerateArray());
            if (aanvragen.Count >= p.GetProperty("totaal").GetInt64())
            {
                break;
            }
        }
        Assert.Equal(ingediend.Count, aanvragen.Count);
        Assert.All(aanvragen, a => Assert.Contains(a.GetProperty("status").GetString(), new[] { "Ingediend", "OpWachtlijst", "Afgewezen" }));

        // (b) the order: the crossing day's lottery, replayed from its recorded seed over the canonical receipt order,
        // places the first ones that fit and wait-lists the rest in that order.
        var dag = Assert.Single(events, e => e.GetProperty("type").GetString() == "dag-afgesloten.v1").GetProperty("data");
        var loting = dag.GetProperty("loting");
        var ontvangsten = dag.GetProperty("ontvangsten").EnumerateArray()
            .Select(o => new Ontvangst(o.GetProperty("aanvraagId").GetGuid(), o.GetProperty("bedrag").GetDecimal(), o.GetProperty("ontvangenOp").GetDateTimeOffset()))
            .ToList();
        Assert.Equal(ingediend.Order(), ontvangsten.Select(o => o.AanvraagId).Order());
        var kandidaten = Tijdvak.InOntvangstvolgorde(ontvangsten).Select(o => o.AanvraagId).ToList();
        Assert.Equal(kandidaten, loting.GetProperty("kandidaten").EnumerateArray().Select(k => k.GetGuid()));
        var volgorde = Loting.Schud(kandidaten, loting.GetProperty("seed").GetInt64());
        Assert.Equal(volgorde, loting.GetProperty("volgorde").EnumerateArray().Select(k => k.GetGuid()));
        var geplaatst = dag.GetProperty("plaatsingen").EnumerateArray().Select(p => p.GetProperty("aanvraagId").GetGuid()).ToList();
        var wachtend = dag.GetProperty("opWachtlijst").EnumerateArray().OrderBy(w => w.GetProperty("positie").GetInt32())
            .Select(w => w.GetProperty("aanvraagId").GetGuid()).ToList();
        Assert.Equal(Math.Min(Passen, ingediend.Count), geplaatst.Count);
        Assert.Equal(volgorde.Take(geplaatst.Count), geplaatst);
        Assert.Equal(volgorde.Skip(geplaatst.Count), wachtend);
        var statussen = aanvragen.ToDictionary(a => a.GetProperty("id").GetGuid(), a => a.GetProperty("status").GetString());
        Assert.All(wachtend, id => Assert.Equal("OpWachtlijst", statussen[id]));

        // (c) a node killed with SIGKILL while running a job: another node completes it, once.
        var leeg = await beheerder.PostAsJsonAsync("/api/regelingen/IWO/tijdvakken", new
        {
            naam = "Leeg", opent = JobsFixture.Datum(Amsterdam.Dag(cluster.Nu)), sluit = JobsFixture.Datum(Amsterdam.Dag(cluster.Nu).AddDays(5)), budgetplafond = 10_000m,
        });
        Assert.True(leeg.StatusCode == HttpStatusCode.Created, await leeg.Content.ReadAsStringAsync());
        var tweede = (await leeg.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await beheerder.PostAsync($"/api/tijdvakken/{tweede}/sluiting", null)).StatusCode);

        var gestart = await beheerder.PostAsync("/api/jobs/herverdeling/uitvoering", null);
        Assert.Equal(HttpStatusCode.Accepted, gestart.StatusCode); // held open 20 s: longer than the request waits
        var runId = (await gestart.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        string? bezigOp = null;
        await Wacht.TotAsync(async () =>
        {
            var run = await HerverdelingRunAsync(cluster.Levend, r => r.GetProperty("id").GetGuid() == runId);
            bezigOp = run?.GetProperty("uitkomst").GetString() == "Bezig" ? run.Value.GetProperty("knooppunt").GetString() : null;
            return bezigOp is not null;
        }, TimeSpan.FromSeconds(60), "the herverdeling run started on a node");
        var slachtoffer = cluster.Nodes.Single(n => n.Naam == bezigOp);
        ClusterFixture.Stop(slachtoffer);

        JsonElement? hersteld = null;
        await Wacht.TotAsync(async () =>
        {
            hersteld = await HerverdelingRunAsync(cluster.Levend, r => r.TryGetProperty("herstelVan", out var h) && h.GetGuid() == runId
                && r.GetProperty("uitkomst").GetString() == "Geslaagd");
            return hersteld is not null;
        }, TimeSpan.FromSeconds(120), "another node finished the killed node's run");
        Assert.NotEqual(slachtoffer.Naam, hersteld!.Value.GetProperty("knooppunt").GetString());
        Assert.Equal("Onderbroken", (await HerverdelingRunAsync(cluster.Levend, r => r.GetProperty("id").GetGuid() == runId))!.Value.GetProperty("uitkomst").GetString());
        var na = (await JsonAsync(ClusterFixture.Als(cluster.Levend, "auditor"), $"/api/audit/streams/tijdvak-{tweede:D}")).EnumerateArray().ToArray();
        Assert.Single(na, e => e.GetProperty("type").GetString() == "tijdvak-definitief-verklaard.v1");
        Assert.Equal(10_000m, Assert.Single(na, e => e.GetProperty("type").GetString() == "budget-overgeboekt.v1").GetProperty("data").GetProperty("bedrag").GetDecimal());
    }

    private static async Task<JsonElement?> HerverdelingRunAsync(ClusterFixture.Node node, Func<JsonElement, bool> welke)
    {
        var jobs = await JsonAsync(ClusterFixture.Als(node, "auditor"), "/api/jobs");
        var runs = jobs.EnumerateArray().Single(j => j.GetProperty("naam").GetString() == "herverdeling").GetProperty("laatsteUitvoeringen").EnumerateArray();
        foreach (var r in runs)
        {
            if (welke(r))
            {
                return r;
            }
        }
        return null;
    }
}
