using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Npgsql;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Benchmarks;

/// <summary>(h) The auditor's NDJSON export (GET /api/audit/events, Accept: application/x-ndjson) of a log of at least
/// 1,000,000 events, from the API as its own process, beside the floor measured in the same run: the same rows and columns
/// read raw with COPY ... TO STDOUT (FORMAT binary) in this process. The service's peak resident memory (VmHWM) is read
/// from /proc after the export; target >= 200,000 events/s with the service under 300 MB.</summary>
public static class ExportPhase
{
    public const long MinimumEvents = 1_000_000;
    public const double Target = 200_000;
    public const long MemoryTargetBytes = 300L * 1024 * 1024;

    public static async Task RunAsync(BenchDatabase db, PostgresEventStore store, BenchmarkOptions options, CancellationToken ct)
    {
        var minimum = options.Quick ? options.MinimumLogEvents : Math.Max(options.MinimumLogEvents, MinimumEvents);
        var stored = await new Phases(db, store, options with { MinimumLogEvents = minimum }).FillLogAsync(ct);
        await db.ExecuteAsync("vacuum analyze eventstore.events", ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(h) log holds {stored:N0} events; load average {Load()}"));

        var (copyEvents, copyBytes, copySeconds) = await CopyAsync(db, PostgresEventStore.Columns, ct); // also warms the cache for the export
        var cpu = CpuSample.Take();
        (copyEvents, copyBytes, copySeconds) = await CopyAsync(db, PostgresEventStore.Columns, ct);
        Print($"(h0) COPY (same rows) TO STDOUT binary, raw  {copyEvents:N0} rows in {copySeconds:N2} s = {copyEvents / copySeconds:N0} rows/s, {copyBytes / copySeconds / 1e6:N0} MB/s; {PerEvent(CpuUsage.Between(cpu, CpuSample.Take()), copyEvents)}");
        // For comparison only: the same rows with the bodies rendered from jsonb on the read, as before migration 0006.
        cpu = CpuSample.Take();
        var (renderedEvents, _, renderedSeconds) = await CopyAsync(db, PostgresEventStore.Columns.Replace("data_text, metadata_text", "data::text, metadata::text", StringComparison.Ordinal), ct);
        Print($"(h0') the same COPY rendering jsonb as text on the read  {renderedEvents:N0} rows in {renderedSeconds:N2} s = {renderedEvents / renderedSeconds:N0} rows/s; {PerEvent(CpuUsage.Between(cpu, CpuSample.Take()), renderedEvents)}");

        await using var api = new ApiLoad(db, options);
        await api.StartAsync(ct);
        // The API's async projections start by reading the whole log: let them catch up first, or the export is
        // measured beside a projection rebuild (an idle, caught-up service is what an auditor exports from).
        var caughtUp = await CatchUpAsync(db, ct);
        Print($"(h)  API's async projections caught up with the log {caughtUp.TotalSeconds:N1} s after it was ready");
        var rssBefore = Status(api.ProcessId, "VmRSS");
        Print($"(h)  API started; resident {rssBefore / 1048576.0:N0} MB before the export");
        // Pass 1 runs while the JIT still tiers the export's code up; the last pass is what a running service does.
        var passes = Math.Max(2, options.ExportPasses);
        for (var pass = 1; pass <= passes; pass++)
        {
            cpu = CpuSample.Take();
            var (lines, bytes, seconds, maxRss) = await ExportAsync(api, ct);
            var usage = CpuUsage.Between(cpu, CpuSample.Take());
            var peak = Status(api.ProcessId, "VmHWM");
            Print($"(h)  pass {pass}: NDJSON export {lines:N0} events, {bytes / 1e6:N0} MB in {seconds:N2} s = {lines / seconds:N0} events/s ({lines / seconds / (copyEvents / copySeconds):P0} of COPY); API resident max during export {maxRss / 1048576.0:N0} MB, peak since start (VmHWM) {peak / 1048576.0:N0} MB; load average {Load()}");
            Print($"     {PerEvent(usage, lines)}");
            if (pass == passes)
            {
                var met = lines >= minimum && lines / seconds >= Target && peak < MemoryTargetBytes;
                Print($"target: >= {Target:N0} events/s over >= {minimum:N0} events with peak RSS < 300 MB: {(met ? "MET" : "NOT MET")}");
            }
        }
    }

    /// <summary>Waits until every async projection's checkpoint has stood still for 3 s (a caught-up projection's
    /// checkpoint stops at the last event it takes, not always the log's last position).</summary>
    internal static async Task<TimeSpan> CatchUpAsync(BenchDatabase db, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        string? last = null;
        var still = Stopwatch.GetTimestamp();
        while (true)
        {
            var now = await db.ScalarAsync<string>("select coalesce(string_agg(naam || '=' || positie, ',' order by naam), '') from api.projectie_posities", ct);
            if (now != last || now.Length == 0)
            {
                (last, still) = (now, Stopwatch.GetTimestamp());
            }
            else if (Stopwatch.GetElapsedTime(still) > TimeSpan.FromSeconds(3))
            {
                return Stopwatch.GetElapsedTime(start);
            }
            if (Stopwatch.GetElapsedTime(start) > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException("The API's async projections did not catch up with the log within 10 minutes.");
            }
            await Task.Delay(250, ct);
        }
    }

    private static async Task<(long Rows, long Bytes, double Seconds)> CopyAsync(BenchDatabase db, string columns, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var start = Stopwatch.GetTimestamp();
        long bytes = 0;
        await using (var copy = await conn.BeginRawBinaryCopyAsync(
            $"""
            copy (select {columns}
                  from eventstore.events order by position) to stdout (format binary)
            """, ct))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
            int n;
            while ((n = await copy.ReadAsync(buffer.AsMemory(0, 1 << 16), ct)) > 0)
            {
                bytes += n;
            }
            ArrayPool<byte>.Shared.Return(buffer);
        }
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var rows = await db.ScalarAsync<long>("select count(*) from eventstore.events", ct);
        return (rows, bytes, seconds);
    }

    private static async Task<(long Lines, long Bytes, double Seconds, long MaxRss)> ExportAsync(ApiLoad api, CancellationToken ct)
    {
        long maxRss = 0;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                maxRss = Math.Max(maxRss, Status(api.ProcessId, "VmRSS"));
                await Task.Delay(50, CancellationToken.None);
            }
        }, CancellationToken.None);

        using var request = api.Request(HttpMethod.Get, "/api/audit/events", Rollen.Auditor);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        var start = Stopwatch.GetTimestamp();
        using var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[1 << 16];
        long lines = 0, bytes = 0;
        int n;
        while ((n = await body.ReadAsync(buffer, ct)) > 0)
        {
            bytes += n;
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
        }
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        return (lines, bytes, seconds, maxRss);
    }

    /// <summary>A size line of /proc/{pid}/status (VmRSS: now, VmHWM: the peak), in bytes.</summary>
    private static long Status(int pid, string key)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path))
        {
            return 0;
        }
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>CPU microseconds per event of this process (the client), PostgreSQL (all its processes) and the API, and
    /// the cores each kept busy: what decides where the export's time goes.</summary>
    private static string PerEvent(CpuUsage u, long events)
    {
        double Us(double cores) => cores * u.WallSeconds * 1e6 / events;
        var service = double.IsNaN(u.ServiceCores) ? "" : FormattableString.Invariant($"API {Us(u.ServiceCores):N2}, ");
        var serviceCores = double.IsNaN(u.ServiceCores) ? "" : FormattableString.Invariant($"API {u.ServiceCores:N2}, ");
        return FormattableString.Invariant(
            $"CPU per event: client {Us(u.ClientCores):N2} us, PostgreSQL {Us(u.ServerCores):N2} us, {service}else {Us(u.OtherCores):N2} us; cores busy: client {u.ClientCores:N2}, PostgreSQL {u.ServerCores:N2}, {serviceCores}else {u.OtherCores:N2} of {Environment.ProcessorCount}");
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    private static void Print(FormattableString line) => Console.WriteLine(FormattableString.Invariant(line));
}
