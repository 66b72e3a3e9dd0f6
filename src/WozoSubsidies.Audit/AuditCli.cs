using System.Globalization;
using System.Text.Json;
using WozoSubsidies.Audit.Herspelen;
using WozoSubsidies.Audit.Invoer;
using WozoSubsidies.Audit.Verificatie;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Audit;

/// <summary>The commands. Exit codes: 0 everything matches, 1 an afwijking or verschil was found, 2 the tool could not
/// do its work (wrong arguments, unreadable export, the service unreachable or refusing).</summary>
/// <param name="maakClient">How a base URL and token become an HttpClient; tests hand in the in-process service.</param>
public sealed class AuditCli(TextWriter uit, TextWriter fout, Voortgang voortgang, Func<Uri, string?, HttpClient>? maakClient = null)
{
    public const int Ok = 0;
    public const int Afwijking = 1;
    public const int Fout = 2;
    public const string TokenVariabele = "WOZO_AUDIT_TOKEN";

    public const string Gebruik =
        """
        wozo-audit: controle van het eventlog van WozoSubsidies, op een export of tegen de API.

          wozo-audit verifieer (--bestand EXPORT.ndjson | --api URL) [--vorige EERDERE-EXPORT.ndjson]
              Herberekent de hashketen van elke stream en noemt het eerste event dat niet klopt
              (stream, versie, positie, event id, wat verschilt). Tegen de API ook het oordeel van de dienst zelf.
              Met --vorige: ook dat alles wat een eerder bewaarde export bevatte er nog onveranderd in staat
              (een verwijderd laatste event of een herschreven stream laat een kloppende keten achter).
          wozo-audit herspeel (--bestand EXPORT.ndjson | --api URL) [--vergelijk URL]
              Vouwt het log met de Evolve-functies van het domein: per tijdvak plafond, beslag, toegekend,
              vrijgevallen en wachtlijst, per aanvraag de status en bedragen. Met --vergelijk: elk verschil
              met wat de dienst meldt (GET /api/tijdvakken/{id}, de tijdvaklijst per regeling, GET /api/aanvragen
              en GET /api/aanvragen/{id}).
          wozo-audit export --api URL --uit EXPORT.ndjson
              Downloadt het hele log als NDJSON (GET /api/audit/events, Accept: application/x-ndjson).

          --token TOKEN   bearer token van een auditor (of de omgevingsvariabele WOZO_AUDIT_TOKEN)
          --json          verifieer en herspeel: de uitkomst als één JSON-document op stdout (voor scripts)
          --help

        Exitcode: 0 alles klopt, 1 afwijking of verschil gevonden, 2 de controle kon niet worden uitgevoerd.
        Een voortgangsbalk verschijnt op stderr als dat een terminal is.
        """;

    public async Task<int> RunAsync(string[] args, CancellationToken ct = default)
    {
        Opties opties;
        try
        {
            opties = Opties.Lees(args);
        }
        catch (ArgumentException e)
        {
            await fout.WriteLineAsync(e.Message);
            await fout.WriteLineAsync(Gebruik);
            return Fout;
        }
        if (opties.Hulp)
        {
            await uit.WriteLineAsync(Gebruik);
            return Ok;
        }
        try
        {
            return opties.Opdracht switch
            {
                "verifieer" => await VerifieerAsync(opties, ct),
                "herspeel" => await HerspeelAsync(opties, ct),
                "export" => await ExportAsync(opties, ct),
                _ => throw new ArgumentException($"Onbekende opdracht '{opties.Opdracht}'."),
            };
        }
        catch (Exception e) when (e is ArgumentException or OngeldigeExportException or IOException or HttpRequestException
                                      or UnauthorizedAccessException or TaskCanceledException)
        {
            await fout.WriteLineAsync($"wozo-audit: {e.Message}");
            return Fout;
        }
    }

    private async Task<int> VerifieerAsync(Opties opties, CancellationToken ct)
    {
        var controle = new KetenControle();
        VorigeExport? vorige = null;
        if (opties.Vorige is { } vorigPad)
        {
            vorige = new VorigeExport();
            await LeesBestandAsync(vorigPad, "vorige export lezen", vorige.LeesVorige, ct);
        }
        await LeesLogAsync(opties, "verifiëren", e =>
        {
            controle.Voeg(e);
            vorige?.Voeg(e);
        }, ct);
        var r = controle.Uitkomst();
        if (vorige is not null)
        {
            r = r.Met(vorige.Afwijkingen());
            await fout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Vergeleken met de vorige export ({vorige.Stromen:N0} streams)."));
        }
        if (opties.Json)
        {
            var dienst = opties.Api is { } dienstApi ? await DienstVerificatieAsync(dienstApi, opties.Token, ct) : (JsonElement?)null;
            var dienstKlopt = dienst is not { } d || d.GetProperty("ok").GetBoolean();
            await SchrijfJsonAsync(new
            {
                opdracht = "verifieer",
                ok = r.Ok && dienstKlopt,
                events = r.Events,
                streams = r.Stromen,
                streamsMetAfwijking = r.StromenMetAfwijking,
                eersteAfwijking = r.EersteAfwijking,
                afwijkingen = r.Afwijkingen,
                vorigeExportStreams = vorige?.Stromen, // null: not compared with an earlier export
                dienst,
            }, ct);
            return r.Ok && dienstKlopt ? Ok : Afwijking;
        }
        await uit.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{r.Events:N0} events in {r.Stromen:N0} streams gecontroleerd."));
        if (r.EersteAfwijking is { } a)
        {
            await uit.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"AFWIJKING in {r.StromenMetAfwijking} stream(s). Het eerste event dat niet klopt:"));
            await uit.WriteLineAsync($"  stream   {a.StreamId}");
            await uit.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  versie   {a.Versie}"));
            await uit.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  positie  {a.Positie}"));
            await uit.WriteLineAsync($"  event    {a.EventId}");
            await uit.WriteLineAsync($"  verschil {a.Reden}");
            foreach (var andere in r.Afwijkingen.Skip(1))
            {
                await uit.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  verder: {andere.StreamId} versie {andere.Versie} positie {andere.Positie} event {andere.EventId}"));
            }
        }
        else
        {
            await uit.WriteLineAsync("Elke hashketen klopt.");
        }

        var dienstOk = true;
        if (opties.Api is { } api)
        {
            // The service's own check also sees what an export cannot: a removed last event (the stream's recorded head).
            var dienst = await DienstVerificatieAsync(api, opties.Token, ct);
            dienstOk = dienst.GetProperty("ok").GetBoolean();
            await uit.WriteLineAsync(dienstOk
                ? "De dienst zelf (GET /api/audit/verificatie): elke hashketen klopt."
                : $"De dienst zelf (GET /api/audit/verificatie): AFWIJKING {dienst.GetProperty("eersteAfwijking")}");
        }
        return r.Ok && dienstOk ? Ok : Afwijking;
    }

    private async Task<int> HerspeelAsync(Opties opties, CancellationToken ct)
    {
        var herspeler = new Herspeler();
        await LeesLogAsync(opties, "herspelen", herspeler.Voeg, ct);
        herspeler.Sluit();
        var tijdvakken = herspeler.Tijdvakken();
        var aanvragen = herspeler.Aanvragen();
        if (opties.Json)
        {
            var gevonden = opties.Vergelijk is { } metDienst ? await VergelijkAsync(metDienst, opties.Token, tijdvakken, aanvragen, ct) : null;
            var klopt = (gevonden is null || gevonden.Count == 0) && herspeler.Problemen.Count == 0;
            await SchrijfJsonAsync(new
            {
                opdracht = "herspeel",
                ok = klopt,
                events = herspeler.Events,
                tijdvakken,
                aanvragenPerStatus = aanvragen.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => new
                {
                    status = g.Key,
                    aantal = g.Count(),
                    aangevraagd = g.Sum(a => a.AangevraagdBedrag),
                    toegekend = g.Sum(a => a.ToegekendBedrag),
                }),
                nietHerspeeld = herspeler.Problemen,
                vergeleken = gevonden is not null,
                verschillen = gevonden ?? [],
            }, ct);
            return klopt ? Ok : Afwijking;
        }
        var c = CultureInfo.InvariantCulture;
        await uit.WriteLineAsync(string.Create(c, $"{herspeler.Events:N0} events herspeeld: {tijdvakken.Count} tijdvakken, {aanvragen.Count} aanvragen."));
        foreach (var t in tijdvakken)
        {
            await uit.WriteLineAsync(string.Create(c,
                $"tijdvak {t.Id} {t.Regeling} '{t.Naam}' {t.Status}: plafond {t.Plafond:0.00} beslag {t.Beslag:0.00} toegekend {t.Toegekend:0.00} " +
                $"vrijgevallen {t.Vrijgevallen:0.00} beschikbaar {t.Beschikbaar:0.00} wachtlijst {t.Wachtlijst} (versie {t.Versie})"));
        }
        foreach (var groep in aanvragen.GroupBy(a => a.Status).OrderBy(g => g.Key))
        {
            await uit.WriteLineAsync(string.Create(c, $"aanvragen {groep.Key}: {groep.Count()}, aangevraagd {groep.Sum(a => a.AangevraagdBedrag):0.00}, toegekend {groep.Sum(a => a.ToegekendBedrag):0.00}"));
        }
        foreach (var probleem in herspeler.Problemen)
        {
            await uit.WriteLineAsync($"NIET HERSPEELD: {probleem}");
        }

        IReadOnlyList<Verschil> verschillen = [];
        if (opties.Vergelijk is { } vergelijk)
        {
            verschillen = await VergelijkAsync(vergelijk, opties.Token, tijdvakken, aanvragen, ct);
            foreach (var v in verschillen)
            {
                await uit.WriteLineAsync($"VERSCHIL {v}");
            }
            await uit.WriteLineAsync(verschillen.Count == 0
                ? "De dienst meldt voor elk tijdvak en elke aanvraag hetzelfde als het herspeelde log."
                : string.Create(c, $"{verschillen.Count} verschil(len) met de dienst."));
        }
        return verschillen.Count == 0 && herspeler.Problemen.Count == 0 ? Ok : Afwijking;
    }

    private async Task<int> ExportAsync(Opties opties, CancellationToken ct)
    {
        var api = opties.Api ?? throw new ArgumentException("export heeft --api URL nodig.");
        var doel = opties.Uit ?? throw new ArgumentException("export heeft --uit BESTAND nodig.");
        using var http = Client(api, opties.Token);
        using var response = await ApiVerbinding.OpenExportAsync(http, ct);
        await using var bron = await response.Content.ReadAsStreamAsync(ct);
        // Written next to the target and moved into place at the end: a broken download never looks like a whole export.
        var tijdelijk = doel + ".deel";
        long bytes = 0;
        await using (var bestand = new FileStream(tijdelijk, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            voortgang.Begin("export", null, "bytes");
            var buffer = new byte[1 << 16];
            int n;
            while ((n = await bron.ReadAsync(buffer, ct)) > 0)
            {
                await bestand.WriteAsync(buffer.AsMemory(0, n), ct);
                bytes += n;
                voortgang.Meld(bytes);
            }
            voortgang.Klaar();
        }
        File.Move(tijdelijk, doel, overwrite: true);
        await uit.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes geschreven naar {doel}."));
        return Ok;
    }

    /// <summary>Feeds every event of the log, in log order, from the file or streamed from the API.</summary>
    private async Task LeesLogAsync(Opties opties, string naam, Action<RawEvent> verwerk, CancellationToken ct)
    {
        long events = 0;
        if (opties.Bestand is { } pad)
        {
            await LeesBestandAsync(pad, naam, verwerk, ct);
            return;
        }
        if (opties.Api is { } api)
        {
            using var http = Client(api, opties.Token);
            using var response = await ApiVerbinding.OpenExportAsync(http, ct);
            await using var stroom = await response.Content.ReadAsStreamAsync(ct);
            voortgang.Begin(naam, null, "events");
            await foreach (var e in ExportLezer.LeesAsync(stroom, null, ct))
            {
                verwerk(e);
                voortgang.Meld(++events);
            }
        }
        else
        {
            throw new ArgumentException("Geef --bestand EXPORT.ndjson of --api URL.");
        }
        voortgang.Klaar();
    }

    private async Task LeesBestandAsync(string pad, string naam, Action<RawEvent> verwerk, CancellationToken ct)
    {
        await using var bestand = new FileStream(pad, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        voortgang.Begin(naam, bestand.Length, "bytes");
        await foreach (var e in ExportLezer.LeesAsync(bestand, voortgang.Meld, ct))
        {
            verwerk(e);
        }
        voortgang.Klaar();
    }

    private async Task<JsonElement> DienstVerificatieAsync(Uri api, string? token, CancellationToken ct)
    {
        using var http = Client(api, token);
        using var response = await http.GetAsync("api/audit/verificatie", ct);
        await ApiVerbinding.ControleerAsync(response, "GET /api/audit/verificatie", ct);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
    }

    private async Task<IReadOnlyList<Verschil>> VergelijkAsync(
        Uri dienst, string? token, IReadOnlyList<TijdvakStand> tijdvakken, IReadOnlyList<AanvraagStand> aanvragen, CancellationToken ct)
    {
        using var http = Client(dienst, token);
        return await new Vergelijker(http, voortgang).VergelijkAsync(tijdvakken, aanvragen, ct);
    }

    // camelCase, enums by name, amounts as JSON numbers (decimal, exact): what the service's own API answers.
    private static readonly JsonSerializerOptions JsonUit = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private async Task SchrijfJsonAsync(object uitkomst, CancellationToken ct)
    {
        await uit.WriteLineAsync(JsonSerializer.Serialize(uitkomst, JsonUit).AsMemory(), ct);
    }

    private HttpClient Client(Uri basis, string? token) => (maakClient ?? ApiVerbinding.Maak)(basis, token);

    private sealed record Opties(string? Opdracht, string? Bestand, Uri? Api, Uri? Vergelijk, string? Uit, string? Token, bool Hulp, bool Json = false,
        string? Vorige = null)
    {
        public static Opties Lees(string[] args)
        {
            var o = new Opties(null, null, null, null, null, Environment.GetEnvironmentVariable(TokenVariabele), false);
            for (var i = 0; i < args.Length; i++)
            {
                string Waarde() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} heeft een waarde nodig.");
                o = args[i] switch
                {
                    "--help" or "-h" => o with { Hulp = true },
                    "--bestand" => o with { Bestand = Waarde() },
                    "--api" => o with { Api = Url(Waarde()) },
                    "--vergelijk" => o with { Vergelijk = Url(Waarde()) },
                    "--uit" => o with { Uit = Waarde() },
                    "--token" => o with { Token = Waarde() },
                    "--json" => o with { Json = true },
                    "--vorige" => o with { Vorige = Waarde() },
                    var a when !a.StartsWith('-') && o.Opdracht is null => o with { Opdracht = a },
                    var a => throw new ArgumentException($"Onbekende optie '{a}'."),
                };
            }
            if (!o.Hulp && o.Opdracht is null)
            {
                throw new ArgumentException("Geef een opdracht: verifieer, herspeel of export.");
            }
            if (o.Bestand is not null && o.Api is not null)
            {
                throw new ArgumentException("Geef --bestand of --api, niet beide.");
            }
            if (o.Vorige is not null && o.Opdracht != "verifieer")
            {
                throw new ArgumentException("--vorige hoort bij verifieer.");
            }
            return o;
        }

        // A trailing slash, so relative routes extend the base path instead of replacing its last segment.
        private static Uri Url(string waarde) =>
            Uri.TryCreate(waarde.EndsWith('/') ? waarde : waarde + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new ArgumentException($"'{waarde}' is geen http(s)-URL.");
    }
}
