using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using WozoSubsidies.Api.Infrastructure.Auth;

namespace WozoSubsidies.Benchmarks;

/// <summary>(e) The whole service under load: the real API as its own process (Kestrel on loopback, the same database),
/// 32 clients submitting IWO aanvragen with POST /api/aanvragen, each as its own organisation. Each request is the full
/// path: JWT validation, validation, the regeling's rules, the calculator, the append with its inline read model.</summary>
public sealed class ApiLoad(BenchDatabase db, BenchmarkOptions options) : IAsyncDisposable
{
    private readonly string _signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(36));
    private Process? _api;
    private HttpClient? _http;
    private Guid _tijdvak;

    /// <summary>Npgsql keywords added to the API's connection string, e.g. a longer Command Timeout for (f).</summary>
    internal string? ExtraConnection { get; init; }

    public async Task StartAsync(CancellationToken ct)
    {
        var port = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "WozoSubsidies.Api.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.Environment["ConnectionStrings__Wozo"] = ExtraConnection is null ? db.ConnectionString : $"{db.ConnectionString};{ExtraConnection}";
        psi.Environment["Auth__SigningKey"] = _signingKey;
        // One JSON log line per request would measure the console, not the service; warnings and errors still show.
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        _api = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the API.");
        // Only warnings and errors are logged (above); an error is worth seeing next to a failed phase.
        _api.OutputDataReceived += (_, e) => { if (e.Data?.Contains("fail", StringComparison.OrdinalIgnoreCase) == true) { Console.Error.WriteLine("api: " + e.Data); } };
        _api.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("api: " + e.Data); } };
        CpuSample.ServiceProcessId = _api.Id;
        _api.BeginOutputReadLine();
        _api.BeginErrorReadLine();

        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromMinutes(10), // (f): closing 10,000 aanvragen is one request, slow on a loaded machine
        };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await _http.GetAsync("/health/ready", ct)).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (_api.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("The API did not become ready.");
            }
            await Task.Delay(200, ct);
        }

        _tijdvak = await PlanTijdvakAsync(100_000_000_000m, ct);
    }

    /// <summary>The running API, for other phases that drive it ((f) AllocationLoad, (h) ExportPhase).</summary>
    internal HttpClient Http => _http ?? throw new InvalidOperationException("Start the API first.");

    internal string Token(string sub, string rol, Dictionary<string, string>? claims = null) => AuthSetup.MintToken(_signingKey, sub, rol, claims);

    /// <summary>Plans an IWO tijdvak open from today for 30 days with <paramref name="plafond"/>.</summary>
    internal async Task<Guid> PlanTijdvakAsync(decimal plafond, CancellationToken ct)
    {
        var vandaag = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")).DateTime);
        using var plan = new HttpRequestMessage(HttpMethod.Post, "/api/regelingen/IWO/tijdvakken")
        {
            Content = JsonContent.Create(new
            {
                naam = $"Benchmark {Guid.NewGuid():N}"[..18],
                opent = vandaag.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                sluit = vandaag.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                budgetplafond = plafond,
            }),
        };
        plan.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AuthSetup.MintToken(_signingKey, "bench-beheerder", Rollen.Beheerder));
        var planned = await Http.SendAsync(plan, ct);
        if (planned.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Planning the benchmark tijdvak failed: {await planned.Content.ReadAsStringAsync(ct)}");
        }
        return (await planned.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
    }

    public Task<PhaseResult> SubmitAsync(int clients, CancellationToken ct) =>
        Runner.RunAsync("(e) POST /api/aanvragen over HTTP", clients, 1, options.Warmup, options.Duration, worker =>
        {
            var org = (40_000_000 + worker).ToString(CultureInfo.InvariantCulture);
            var token = AuthSetup.MintToken(_signingKey, $"bench-{org}", Rollen.Aanvrager, new Dictionary<string, string> { ["org"] = org });
            var body = JsonSerializer.SerializeToUtf8Bytes(Indiening(org, _tijdvak));
            return async t =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/aanvragen") { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await _http!.SendAsync(request, t);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"POST /api/aanvragen answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(t)}");
                }
            };
        }, ct);

    internal static JsonObject Indiening(string org, Guid tijdvak)
    {
        var vandaag = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")).DateTime)
            .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var jongeren = new JsonArray();
        for (var i = 0; i < 4; i++)
        {
            jongeren.Add(new JsonObject
            {
                ["geboortedatum"] = "2001-03-15", ["huurovereenkomstGetekendOp"] = vandaag, ["huurkortingPerMaand"] = 200, ["begeleidingUrenPerMaand"] = 4,
            });
        }
        return new JsonObject
        {
            ["regeling"] = "IWO",
            ["tijdvakId"] = tijdvak,
            ["aanvrager"] = new JsonObject { ["kvkNummer"] = org, ["naam"] = $"Woonstichting {org}", ["type"] = "woningcorporatie" },
            ["gegevens"] = new JsonObject
            {
                ["woonvorm"] = new JsonObject { ["aantalWoningen"] = 20, ["bestemdVoor55Plus"] = true, ["fysiekVerbonden"] = true },
                ["jongeren"] = jongeren,
                ["startdatum"] = vandaag,
                ["aantalMaanden"] = 12,
            },
        };
    }

    /// <summary>CPU time the API process has used so far: on a busy machine a steadier figure than wall-clock time.</summary>
    internal TimeSpan ApiCpu()
    {
        _api?.Refresh();
        return _api?.TotalProcessorTime ?? TimeSpan.Zero;
    }

    public int ProcessId => _api?.Id ?? throw new InvalidOperationException("The API is not started.");

    public string Token(string role) => AuthSetup.MintToken(_signingKey, $"bench-{role}", role);

    /// <summary>A request to the running API as a user with <paramref name="role"/>.</summary>
    internal HttpRequestMessage Request(HttpMethod method, string path, string role)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(role));
        return request;
    }

    /// <summary>The API process's resident memory, for the record.</summary>
    public long ApiResidentBytes()
    {
        _api?.Refresh();
        return _api?.WorkingSet64 ?? 0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        CpuSample.ServiceProcessId = null;
        _http?.Dispose();
        if (_api is { HasExited: false })
        {
            _api.Kill(entireProcessTree: true);
            await _api.WaitForExitAsync();
        }
        _api?.Dispose();
    }
}
