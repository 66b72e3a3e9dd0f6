using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Infrastructure.Database;
using WozoSubsidies.Api.Infrastructure.EventSourcing;
using WozoSubsidies.Api.Projections;
using WozoSubsidies.Domain.Aanvragen;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regels;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Tijdvakken;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Benchmarks;

// The harness has its own Actor, Aanvrager and AanvraagIngediend (BenchEvents.cs); these are the domain's.
using DomeinActor = WozoSubsidies.Domain.Gedeeld.Actor;
using DomeinAanvrager = WozoSubsidies.Domain.Aanvragen.Aanvrager;
using DomeinIngediend = WozoSubsidies.Domain.Aanvragen.AanvraagIngediend;

/// <summary>Phase (g), not in the default run (<c>--only g</c>): rebuilding the "benutting" read model
/// (src/WozoSubsidies.Api/Projections) over a log of real domain events, through the service's own HerbouwService
/// (shadow tables, batches with their transaction, the final catch-up and swap), beside a baseline from the same run:
/// (g0) the whole log read raw through PostgresEventStore.ReadLogRawAsync in pages, without deserialising or writing;
/// after it (g1), the rebuild's loop as it was before it read ahead (read a page, then fold, write and commit it, then
/// the progress, on one connection), built here from the projection's public parts, to show what reading ahead gains
/// on whatever load the machine has.
/// The log is filled with the service's event registry: per aanvraag aanvraag-ingediend.v1 (the IWO gegevens, rules
/// parameters and applicant, ~1.5 kB of JSON), aanvraag-in-behandeling-genomen.v1 and for most a decision
/// (toegekend 55%, afgewezen 25%, ingetrokken 10%), over 20 tijdvakken; every event is one the projection reads.</summary>
public sealed class ProjectionRebuild(BenchDatabase db, BenchmarkOptions options)
{
    public const int LogEvents = 1_000_000;

    private static readonly DomeinActor Behandelaar = new("behandelaar-1", "behandelaar");

    public async Task<(PhaseResult Baseline, PhaseResult Rebuild, PhaseResult Serieel, long Events)> RunAsync(CancellationToken ct)
    {
        await Migrator.ApplyAsync(db.DataSource, DatabaseSetup.AllMigrations, ct: ct);
        var store = new PostgresEventStore(db.DataSource, EventSourcingSetup.CreateRegistry());
        var events = await FillAsync(store, ct);
        await db.ExecuteAsync("vacuum analyze eventstore.events", ct);

        // Warm-up: one raw pass (the table into the page cache), not counted.
        await ReadRawAsync(store, ct);
        var cpu0 = CpuSample.Take();
        var clock = Stopwatch.StartNew();
        var (read, pages) = await ReadRawAsync(store, ct);
        var baselineTime = clock.Elapsed;
        var baseline = Result("(g0) whole log read raw, pages of 5,000 (baseline)", read, baselineTime, pages, CpuUsage.Between(cpu0, CpuSample.Take()));

        if (!System.Runtime.GCSettings.IsServerGC)
        {
            Console.WriteLine("    note: the service runs with server GC and this process does not; run (g) with DOTNET_gcServer=1 " +
                "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 to fold as the service does");
        }
        PhaseResult rebuild = default!;
        HerbouwVoortgang voortgang = default!;
        for (var pass = 1; pass <= options.RebuildPasses; pass++)
        {
            var herbouw = Herbouw(options.PageSize);
            cpu0 = CpuSample.Take();
            clock.Restart();
            await herbouw.StartAsync(BenuttingProjection.Name, ct);
            await herbouw.WachtAsync();
            var rebuildTime = clock.Elapsed;
            var cpu = CpuUsage.Between(cpu0, CpuSample.Take());
            voortgang = await herbouw.LeesAsync(BenuttingProjection.Name, ct);
            if (voortgang.Status != HerbouwStatus.Klaar)
            {
                throw new InvalidOperationException($"The rebuild ended {voortgang.Status}: {voortgang.Fout}");
            }
            rebuild = Result($"(g) rebuild of read model benutting (HerbouwService, batches of {options.PageSize:N0}, reading ahead)", voortgang.EventsGedaan, rebuildTime,
                (int)Math.Ceiling(voortgang.EventsGedaan / (double)options.PageSize), cpu);
            if (pass < options.RebuildPasses)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    rebuild pass {pass}: {voortgang.EventsGedaan / rebuildTime.TotalSeconds:N0} events/s ({rebuildTime.TotalSeconds:N2} s)"));
            }
        }
        var rows = await db.ScalarAsync<long>("select count(*) from api.benutting_aanvragen", ct);
        var tijdvakRows = await db.ScalarAsync<long>("select count(*) from api.benutting_tijdvakken", ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    rebuilt {rows:N0} aanvraag rows and {tijdvakRows:N0} tijdvak rows from {voortgang.EventsGedaan:N0} events"));

        cpu0 = CpuSample.Take();
        clock.Restart();
        var serieel = await SerieelAsync(ct);
        var serieelTime = clock.Elapsed;
        var serial = Result($"(g1) the same fold, serially: read a page, then write it (batches of {options.PageSize:N0})", serieel, serieelTime,
            (int)Math.Ceiling(serieel / (double)options.PageSize), CpuUsage.Between(cpu0, CpuSample.Take()));
        if (serieel != voortgang.EventsGedaan)
        {
            throw new InvalidOperationException($"The serial fold read {serieel} events, the rebuild {voortgang.EventsGedaan}.");
        }
        await ViaServiceAsync(ct);
        return (baseline, rebuild, serial, events);
    }

    /// <summary>(g2) The same rebuild as an auditor or beheerder starts it: POST /api/audit/projecties/benutting/herbouw
    /// on the service as its own process, the time taken from the service's own GestartOp and BeeindigdOp, polled with GET
    /// until Klaar. At least two requests, one after the other: the read model is already caught up (by (g) above), so the
    /// first runs cold, in a process whose fold code the JIT has not seen, as the first rebuild after a restart does.</summary>
    private async Task ViaServiceAsync(CancellationToken ct)
    {
        await using var api = new ApiLoad(db, options);
        await api.StartAsync(ct);
        var caughtUp = await ExportPhase.CatchUpAsync(db, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(g2) the service as its own process; its async projections caught up with the log {caughtUp.TotalSeconds:N1} s after it was ready"));
        var path = $"/api/audit/projecties/{BenuttingProjection.Name}/herbouw";
        for (var request = 1; request <= Math.Max(2, options.RebuildPasses); request++)
        {
            var cpu0 = CpuSample.Take();
            using (var post = api.Request(HttpMethod.Post, path, Rollen.Beheerder))
            {
                using var started = await api.Http.SendAsync(post, ct);
                if (started.StatusCode != System.Net.HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException($"POST {path} answered {(int)started.StatusCode}: {await started.Content.ReadAsStringAsync(ct)}");
                }
            }
            JsonElement stand;
            while (true)
            {
                await Task.Delay(100, ct);
                using var get = api.Request(HttpMethod.Get, path, Rollen.Auditor);
                using var response = (await api.Http.SendAsync(get, ct)).EnsureSuccessStatusCode();
                stand = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).Clone();
                var status = stand.GetProperty("status").GetString();
                if (status == nameof(HerbouwStatus.Klaar))
                {
                    break;
                }
                if (status != nameof(HerbouwStatus.Bezig))
                {
                    throw new InvalidOperationException($"The rebuild through the service ended {status}: {stand}");
                }
            }
            var cpu = CpuUsage.Between(cpu0, CpuSample.Take());
            var gedaan = stand.GetProperty("eventsGedaan").GetInt64();
            var seconds = (stand.GetProperty("beeindigdOp").GetDateTimeOffset() - stand.GetProperty("gestartOp").GetDateTimeOffset()).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"(g2) request {request}: the service rebuilt benutting from {gedaan:N0} events in {seconds:N2} s = {gedaan / seconds:N0} events/s (it reports {stand.GetProperty("eventsPerSeconde").GetDecimal():N0}); " +
                $"cores busy: API {cpu.ServiceCores:N2}, PostgreSQL {cpu.ServerCores:N2}, else {cpu.OtherCores:N2}; target >= 100,000: {(gedaan / seconds >= 100_000 ? "MET" : "NOT MET")}"));
        }
    }

    // The loop HerbouwService ran before it read ahead (commit 4190663): one connection, each page read, then folded and
    // written in its transaction (committed durably), then the progress in a statement of its own; into copies of the
    // tables in a schema of its own.
    private async Task<long> SerieelAsync(CancellationToken ct)
    {
        var projection = new BenuttingProjection();
        const string schema = "bench_serieel";
        await db.ExecuteAsync($"drop schema if exists {schema} cascade; create schema {schema}; " +
            string.Concat(projection.Tabellen.Select(t => $"create table {schema}.{t} (like api.{t} including all);")), ct);
        await db.ExecuteAsync("create table if not exists bench_voortgang (naam text primary key, gedaan bigint); insert into bench_voortgang values ('g1', 0) on conflict do nothing", ct);
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var positie = 0L;
        var gedaan = 0L;
        while (true)
        {
            var events = await ProjectionLog.ReadAsync(conn, null, projection, positie, options.PageSize, ct);
            if (events.Count == 0)
            {
                return gedaan;
            }
            await using (var tx = await conn.BeginTransactionAsync(ct))
            {
                await projection.ApplyAsync(events, schema, conn, tx, ct);
                await tx.CommitAsync(ct);
            }
            positie = events[^1].Position;
            gedaan += events.Count;
            await using var voortgang = db.DataSource.CreateCommand("update bench_voortgang set gedaan = $1 where naam = 'g1'");
            voortgang.Parameters.Add(new Npgsql.NpgsqlParameter { Value = gedaan });
            await voortgang.ExecuteNonQueryAsync(ct);
        }
    }

    private HerbouwService Herbouw(int batch)
    {
        var opties = Options.Create(new ProjectieOpties { BatchGrootte = batch });
        var catalogus = new ProjectionCatalogus([new ProjectionRegistratie(BenuttingProjection.Name, ProjectionSoort.Async, _ => new BenuttingProjection())]);
        return new HerbouwService(db.DataSource, catalogus, new ServiceCollection().BuildServiceProvider(), opties, TimeProvider.System,
            new Lifetime(), NullLogger<HerbouwService>.Instance);
    }

    private static async Task<(long Read, int Pages)> ReadRawAsync(PostgresEventStore store, CancellationToken ct)
    {
        var after = 0L;
        long read = 0;
        var pages = 0;
        while (true)
        {
            var n = 0;
            await foreach (var e in store.ReadLogRawAsync(after, 5000, ct))
            {
                after = e.Position;
                n++;
            }
            if (n == 0)
            {
                return (read, pages);
            }
            read += n;
            pages++;
        }
    }

    // One operation per whole pass: the latency column is the pass's duration.
    private static PhaseResult Result(string name, long events, TimeSpan time, int pages, CpuUsage cpu)
    {
        _ = pages;
        return new(name, 1, 1, events, time.TotalSeconds, [time.TotalMilliseconds], cpu);
    }

    private async Task<long> FillAsync(PostgresEventStore store, CancellationToken ct)
    {
        var existing = await db.ScalarAsync<long>("select count(*) from eventstore.events", ct);
        if (existing >= LogEvents)
        {
            return existing;
        }
        var meta = new EventMetadata("bench", "behandelaar", "bench", null, "bench");
        var gegevens = JsonSerializer.Deserialize<AanvraagGegevens>(
            """
            {"regeling":"IWO","woonvorm":{"aantalWoningen":12,"bestemdVoor55Plus":true,"fysiekVerbonden":true},
             "jongeren":[{"geboortedatum":"2001-03-04","huurovereenkomstGetekendOp":"2024-01-10","huurkortingPerMaand":200,"begeleidingUrenPerMaand":4},
                         {"geboortedatum":"2002-05-06","huurovereenkomstGetekendOp":"2024-01-10","huurkortingPerMaand":175,"begeleidingUrenPerMaand":3}],
             "startdatum":"2024-02-01","aantalMaanden":12}
            """, RegelsJson.Opties)!;
        var parameters = RegelingCalculators.StandaardParameters("IWO");
        var tijdvakken = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToArray();
        var nu = DateTimeOffset.UtcNow;

        var count = existing;
        var tijdvakAppends = tijdvakken.Select((t, i) => new StreamAppend(Streams.Tijdvak(t), "tijdvak", ExpectedVersion.NoStream,
            [EventToAppend.Create(new TijdvakGepland(t, "IWO", $"Tijdvak {i + 1}", new DateOnly(2023 + (i / 4), 1 + (i % 4 * 3), 1),
                new DateOnly(2023 + (i / 4), 3 + (i % 4 * 3), 28), 3_500_000m, Verdeelmethode.VolgordeVanBinnenkomst, TijdvakRegels.Geen, [], nu, Behandelaar), meta)])).ToList();
        await store.AppendAsync(tijdvakAppends, null, ct);
        count += tijdvakAppends.Count;

        var clock = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            var wrng = new Random(w);
            while (Interlocked.Read(ref count) < LogEvents)
            {
                var appends = new List<StreamAppend>();
                var inBatch = 0;
                while (inBatch < 1000)
                {
                    var id = Guid.NewGuid();
                    var bedrag = 5_760m * wrng.Next(2, 11);
                    var list = new List<EventToAppend>
                    {
                        EventToAppend.Create(new DomeinIngediend(id, "IWO", tijdvakken[wrng.Next(tijdvakken.Length)],
                            new DomeinAanvrager($"{wrng.Next(10_000_000, 99_999_999)}", "Woonstichting Bench", "woningcorporatie"), gegevens, bedrag, 1,
                            parameters, TijdvakRegels.Geen, 13, nu, new DomeinActor("aanvrager-1", "aanvrager"), "Awb 4:1"), meta),
                        EventToAppend.Create(new AanvraagInBehandelingGenomen(id, AanvraagStatus.Ingediend, null, nu, Behandelaar, "Awb 4:13"), meta),
                    };
                    var kans = wrng.Next(100);
                    if (kans < 55)
                    {
                        list.Add(EventToAppend.Create(new AanvraagToegekend(id, Guid.NewGuid(), bedrag, 0m, bedrag, bedrag, 1, null, null, nu, Behandelaar, "Awb 4:21"), meta));
                    }
                    else if (kans < 80)
                    {
                        list.Add(EventToAppend.Create(new AanvraagAfgewezen(id, Guid.NewGuid(), "criteria", "bench", bedrag, bedrag, null, null, nu, Behandelaar, "Awb 4:35"), meta));
                    }
                    else if (kans < 90)
                    {
                        list.Add(EventToAppend.Create(new AanvraagIngetrokken(id, AanvraagStatus.InBehandeling, null, bedrag, bedrag, null, nu, new DomeinActor("aanvrager-1", "aanvrager"), "Awb 4:1"), meta));
                    }
                    appends.Add(new StreamAppend(Streams.Aanvraag(id), "aanvraag", ExpectedVersion.NoStream, list));
                    inBatch += list.Count;
                }
                await store.AppendAsync(appends, null, ct);
                Interlocked.Add(ref count, inBatch);
            }
        }, ct)).ToList();
        await Task.WhenAll(writers);
        var stored = await db.ScalarAsync<long>("select count(*) from eventstore.events", ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"filled the log with {stored:N0} domain events in {clock.Elapsed.TotalSeconds:N0} s ({options.Duration.TotalSeconds:N0} s per phase does not apply to (g): whole passes are timed)"));
        return stored;
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication()
        {
        }
    }
}
