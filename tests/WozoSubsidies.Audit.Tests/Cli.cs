using System.Net.Http.Json;
using System.Text.Json;
using WozoSubsidies.Api.Tests;
using WozoSubsidies.Api.Tests.Besluiten;

namespace WozoSubsidies.Audit.Tests;

/// <summary>Runs the auditor's tool as an auditor would, with its "API" being the service in process: every base URL
/// goes to the test server, with an auditor's token. Output is captured; the progress bar draws into it too.</summary>
public sealed class Cli(Func<HttpClient> auditor) : IDisposable
{
    public Cli(BesluitenFixture api) : this(() => api.Als("auditor", "auditor-1")) { }

    public Cli(ApiFixture api) : this(() => api.As("auditor", "auditor-1")) { }

    public const string Url = "http://wozo.test/";

    public string Map { get; } = Directory.CreateTempSubdirectory("wozo-audit-").FullName;

    public async Task<(int Code, string Uit)> RunAsync(params string[] args)
    {
        var (code, uit, fout) = await RunMetVoortgangAsync(false, args);
        return (code, uit + fout);
    }

    /// <summary>Stdout and stderr apart; <paramref name="terminal"/> draws the progress bar as on a terminal.</summary>
    public async Task<(int Code, string Uit, string Fout)> RunMetVoortgangAsync(bool terminal, params string[] args)
    {
        var uit = new StringWriter();
        var fout = new StringWriter();
        var code = await new AuditCli(uit, fout, terminal ? Voortgang.Altijd(fout) : Voortgang.Stil, (_, _) => auditor()).RunAsync(args);
        return (code, uit.ToString(), fout.ToString());
    }

    /// <summary>Downloads the export with the tool and returns the file's path, once it holds every stored event: the log
    /// is read below the committed horizon, which an open transaction of a parallel test class holds back for a moment.
    /// A later read (the tool against the API) then holds them too: the horizon only moves forward.</summary>
    public async Task<string> ExportAsync(string naam = "export.ndjson")
    {
        var pad = Path.Combine(Map, naam);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (code, uit) = await RunAsync("export", "--api", Url, "--uit", pad);
            Assert.True(code == AuditCli.Ok, uit);
            var opgeslagen = (await auditor().GetFromJsonAsync<JsonElement>("/api/audit/verificatie")).GetProperty("gecontroleerd").GetInt64();
            if (File.ReadLines(pad).Count(r => r.Length > 0) >= opgeslagen)
            {
                return pad;
            }
            Assert.True(DateTime.UtcNow < deadline, "the export did not reach every stored event in time");
            await Task.Delay(20);
        }
    }

    /// <summary>Removes the exports the test wrote.</summary>
    public void Dispose() => Directory.Delete(Map, recursive: true);
}
