using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;
using WozoSubsidies.Benchmarks;
using WozoSubsidies.EventStore;

// The event store's throughput against a raw-INSERT floor, on one PostgreSQL. See README.md here and docs/benchmarks.md.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
var ct = cts.Token;

await using var db = await BenchDatabase.CreateAsync(options, ct);
CpuSample.PostmasterPid = CpuSample.FindPostmaster(await db.ScalarAsync<int>("select pg_backend_pid()", ct));
var store = new PostgresEventStore(db.DataSource, EventFactory.CreateRegistry());
await PrintEnvironmentAsync(db, options, ct);

var phases = new Phases(db, store, options);
var results = new List<PhaseResult>();
async Task<PhaseResult> Measure(Func<Task<PhaseResult>> phase)
{
    var r = await phase();
    Console.WriteLine(r.Describe());
    results.Add(r);
    return r;
}

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Each phase: {options.Warmup.TotalSeconds:N0} s warm-up (not counted), then {options.Duration.TotalSeconds:N0} s measured."));
PhaseResult? insert1 = null, insert8 = null, append1 = null, append8 = null, read = null, readRaw = null, readPipelined = null;
var batched = new List<PhaseResult>();
if (options.Runs('a'))
{
    insert1 = await Measure(() => phases.BaselineInsertAsync(1, ct));
    insert8 = await Measure(() => phases.BaselineInsertAsync(8, ct));
}
if (options.Runs('b'))
{
    append1 = await Measure(() => phases.SingleAppendsAsync(1, ct));
    append8 = await Measure(() => phases.SingleAppendsAsync(8, ct));
}
if (options.Runs('c'))
{
    batched.Add(await Measure(() => phases.BatchedAppendsAsync(1, options.Warmup, options.Duration, ct)));
    if (options.BatchWriters > 1)
    {
        batched.Add(await Measure(() => phases.BatchedAppendsAsync(options.BatchWriters, options.Warmup, options.Duration, ct)));
    }
}
if (options.Runs('d'))
{
    var stored = await phases.FillLogAsync(ct);
    await db.ExecuteAsync("vacuum analyze eventstore.events", ct);
    var logSize = await db.ScalarAsync<string>("select pg_size_pretty(pg_total_relation_size('eventstore.events'))", ct);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"log holds {stored:N0} events ({logSize} with indexes); reading it"));
    read = await Measure(() => phases.ReadLogAsync(stored, ReadMode.Deserialise, ct));
    readRaw = await Measure(() => phases.ReadLogAsync(stored, ReadMode.Raw, ct));
    readPipelined = await Measure(() => phases.ReadLogAsync(stored, ReadMode.Pipelined, ct));
}

if (options.Runs('e'))
{
    // (e) The service as a whole, beside the raw-INSERT floor measured at the same concurrency in the same run.
    var baseline32 = await Measure(() => phases.BaselineInsertAsync(32, ct));
    await using var api = new ApiLoad(db, options);
    await api.StartAsync(ct);
    var submit32 = await Measure(() => api.SubmitAsync(32, ct));
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"(e) POST /api/aanvragen, 32 clients: {submit32.EventsPerSecond:N0} aanvragen/s, p50 {submit32.P50Ms:N1} ms, p99 {submit32.P99Ms:N1} ms; " +
        $"CPU per aanvraag: API {submit32.ServiceMicrosPerEvent:N0} us, PostgreSQL {submit32.ServerMicrosPerEvent:N0} us; " +
        $"raw INSERT at 32 connections {baseline32.EventsPerSecond:N0}/s (ratio {submit32.EventsPerSecond / baseline32.EventsPerSecond:P0}); " +
        $"API resident memory {api.ApiResidentBytes() / (1024 * 1024):N0} MB"));
    var met = submit32.EventsPerSecond >= 1_000 && submit32.P99Ms < 100;
    Console.WriteLine($"target: >= 1,000 aanvragen/s with p99 < 100 ms: {(met ? "MET" : "NOT MET")}");
}

if (options.Runs('f'))
{
    // (f) Allocating and closing one tijdvak of 10,000 aanvragen through the API (AllocationLoad.cs), beside a raw INSERT.
    // The closing is one transaction of 10,001 stream appends: on a loaded machine longer than Npgsql's default 30 s.
    await using var api = new ApiLoad(db, options) { ExtraConnection = "Command Timeout=600" };
    await api.StartAsync(ct);
    await new AllocationLoad(db, api).RunAsync(options.AllocationSize ?? (options.Quick ? 1_000 : 10_000), ct);
}

if (options.Runs('g'))
{
    // (g) Rebuilding a read model over 1,000,000 events, beside a raw read of the same log in the same run.
    var (baseline, rebuild, serieel, logEvents) = await new ProjectionRebuild(db, options).RunAsync(ct);
    Console.WriteLine(baseline.Describe());
    Console.WriteLine(rebuild.Describe());
    Console.WriteLine(serieel.Describe());
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"(g) rebuild of benutting over a log of {logEvents:N0} events: {rebuild.EventsPerSecond:N0} events/s; raw read of the same log {baseline.EventsPerSecond:N0} events/s " +
        $"(ratio {rebuild.EventsPerSecond / baseline.EventsPerSecond:P0}); serial fold {serieel.EventsPerSecond:N0} events/s (rebuild / serial " +
        $"{rebuild.EventsPerSecond / serieel.EventsPerSecond:P0}); load average {LoadAverage()}"));
    Console.WriteLine($"target: >= 100,000 events/s: {(rebuild.EventsPerSecond >= 100_000 ? "MET" : "NOT MET")}");
}

if (options.Runs('h'))
{
    await ExportPhase.RunAsync(db, store, options, ct); // (h) the NDJSON export, beside a raw COPY of the same rows
}

if (insert1 is null || insert8 is null || append1 is null || append8 is null || batched.Count == 0 || read is null || readRaw is null || readPipelined is null)
{
    Console.WriteLine("Not every phase ran (--only): no final table.");
    return 0;
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"finished     {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz}, load average {LoadAverage()}"));
var outcomes = Report.Print(insert1, insert8, append1, append8, batched, batched[^1], read, readRaw, readPipelined);
Console.WriteLine();
Console.WriteLine(outcomes.All(o => o.Met) ? "All targets met." : "Some targets not met: see docs/benchmarks.md for what limits them.");
return 0;

static async Task PrintEnvironmentAsync(BenchDatabase db, BenchmarkOptions options, CancellationToken ct)
{
    Console.WriteLine("=== WozoSubsidies event store benchmark ===");
    Print($"started      {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz}{(options.Quick ? "  (--quick: smoke test, not a measurement)" : "")}");
    Print($"machine      {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, load average {LoadAverage()}");
    Print($"runtime      {RuntimeInformation.FrameworkDescription}, Npgsql {typeof(NpgsqlDataSource).Assembly.GetName().Version}, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");
    Print($"server       {db.ServerOrigin}");
    var builder = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Password = null };
    Print($"connection   {builder.ConnectionString}");
    await using var cmd = db.DataSource.CreateCommand(
        """
        select version(), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('wal_sync_method'),
               current_setting('full_page_writes'), current_setting('shared_buffers'), current_setting('max_wal_size'),
               current_setting('commit_delay'), current_setting('max_connections'), current_setting('huge_pages')
        """);
    await using var reader = await cmd.ExecuteReaderAsync(ct);
    await reader.ReadAsync(ct);
    Print($"postgresql   {reader.GetString(0)}");
    Print($"settings     fsync={reader.GetString(1)} synchronous_commit={reader.GetString(2)} wal_sync_method={reader.GetString(3)} full_page_writes={reader.GetString(4)} shared_buffers={reader.GetString(5)} max_wal_size={reader.GetString(6)} commit_delay={reader.GetString(7)} max_connections={reader.GetString(8)} huge_pages={reader.GetString(9)}");
    // With huge_pages=try the server falls back to 4 kB pages when none are reserved; this machine's count says which
    // (for a server on this machine): a fresh backend's first large read is much slower on 4 kB pages (docs/benchmarks.md).
    Print($"huge pages   this machine: {HugePages()}");
    Print($"database     {db.Name} (fresh, migrated with MigrationSet.EventStore; dropped at the end)");
}

static string HugePages()
{
    if (!File.Exists("/proc/meminfo"))
    {
        return "n/a";
    }
    var velden = File.ReadLines("/proc/meminfo").Where(l => l.StartsWith("HugePages_", StringComparison.Ordinal))
        .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    return string.Join(", ", velden);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

static void Print(FormattableString line) => Console.WriteLine(FormattableString.Invariant(line));
