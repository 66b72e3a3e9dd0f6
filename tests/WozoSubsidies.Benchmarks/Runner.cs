using System.Diagnostics;
using System.Globalization;

namespace WozoSubsidies.Benchmarks;

/// <summary>What one measurement produced. Latencies are per operation (a row, an append call, a page).</summary>
public sealed record PhaseResult(
    string Name,
    int Workers,
    long Operations,
    long Events,
    double Seconds,
    IReadOnlyList<double> LatenciesMs,
    CpuUsage Cpu,
    long Errors = 0)
{
    public double EventsPerSecond => Events / Seconds;

    public double P50Ms => Percentile(0.50);

    public double P99Ms => Percentile(0.99);

    private double Percentile(double p) =>
        LatenciesMs.Count == 0 ? double.NaN : LatenciesMs[Math.Min(LatenciesMs.Count - 1, (int)Math.Ceiling(p * LatenciesMs.Count) - 1)];

    public string Describe()
    {
        var hasService = !double.IsNaN(Cpu.ServiceCores);
        var servicePerEvent = hasService ? string.Create(CultureInfo.InvariantCulture, $"service {ServiceMicrosPerEvent:N0} us; ") : "";
        var serviceCores = hasService ? string.Create(CultureInfo.InvariantCulture, $"service {Cpu.ServiceCores:N2}, ") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Name,-44} {Workers,2} x  {EventsPerSecond,10:N0} events/s  p50 {P50Ms,7:N2} ms  p99 {P99Ms,7:N2} ms  " +
            $"({Operations:N0} ops in {Seconds:N1} s, errors {Errors}; CPU per event: client {ClientMicrosPerEvent:N0} us, server {ServerMicrosPerEvent:N0} us; {servicePerEvent}" +
            $"cores busy: client {Cpu.ClientCores:N2}, server {Cpu.ServerCores:N2}, {serviceCores}anything else {Cpu.OtherCores:N2}, of {Environment.ProcessorCount})");
    }

    public double ClientMicrosPerEvent => Cpu.ClientCores * Cpu.WallSeconds * 1e6 / Events;

    public double ServerMicrosPerEvent => Cpu.ServerCores * Cpu.WallSeconds * 1e6 / Events;

    /// <summary>CPU of the service process under test (phase e), when there is one.</summary>
    public double ServiceMicrosPerEvent => Cpu.ServiceCores * Cpu.WallSeconds * 1e6 / Events;
}

/// <summary>Runs workers in a closed loop: a warm-up that is not counted, then a measured window. An operation
/// counts when it completes inside the window, so throughput is exactly completions per second of window.</summary>
public static class Runner
{
    public static async Task<PhaseResult> RunAsync(
        string name,
        int workers,
        int eventsPerOperation,
        TimeSpan warmup,
        TimeSpan duration,
        Func<int, Func<CancellationToken, Task>> createWorker,
        CancellationToken ct)
    {
        // Each worker gets its state (stream, version, event factory) before the clock starts.
        var operations = Enumerable.Range(0, workers).Select(createWorker).ToList();
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        // CPU is sampled exactly at the window's edges, so CPU per event divides like for like.
        var cpuTask = Task.Run(async () =>
        {
            await DelayUntilAsync(measureFrom, ct);
            var from = CpuSample.Take();
            await DelayUntilAsync(measureTo, ct);
            return CpuUsage.Between(from, CpuSample.Take());
        }, ct);

        var tasks = operations.Select(op => Task.Run(async () =>
        {
            var latencies = new List<long>(16_384);
            long errors = 0;
            while (!ct.IsCancellationRequested)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (t0 >= measureTo)
                {
                    break;
                }
                try
                {
                    await op(ct);
                }
                catch (Exception e) when (e is WozoSubsidies.EventStore.ConcurrencyException)
                {
                    errors++;
                    continue;
                }
                var t1 = Stopwatch.GetTimestamp();
                if (t1 >= measureFrom && t1 < measureTo)
                {
                    latencies.Add(t1 - t0);
                }
            }
            return (latencies, errors);
        }, ct)).ToList();

        var results = await Task.WhenAll(tasks);
        var cpu = await cpuTask;
        var all = results.SelectMany(r => r.latencies).Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToList();
        return new PhaseResult(name, workers, all.Count, all.Count * (long)eventsPerOperation, duration.TotalSeconds, all, cpu,
            results.Sum(r => r.errors));
    }

    private static async Task DelayUntilAsync(long timestamp, CancellationToken ct)
    {
        var remaining = (timestamp - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency;
        if (remaining > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(remaining), ct);
        }
    }
}

/// <summary>CPU used during a window, in cores (CPU seconds per second): by this process, by the PostgreSQL server
/// when it runs on this machine (the postmaster and all its children, from /proc), and by the whole machine (from
/// /proc/stat). On a small machine client and server compete for the same cores, and wall-clock figures move with
/// whatever else runs; CPU per event does not, so it is what profiling goes by.</summary>
public sealed record CpuUsage(double ClientCores, double ServerCores, double MachineCores, double WallSeconds, double ServiceCores = double.NaN)
{
    /// <summary>What the rest of the machine used meanwhile (other processes; the server too when it is not local).
    /// Well above zero means the figures were taken on a busy machine.</summary>
    public double OtherCores => Math.Max(0, MachineCores - ClientCores - (double.IsNaN(ServerCores) ? 0 : ServerCores)
                                            - (double.IsNaN(ServiceCores) ? 0 : ServiceCores));

    public static CpuUsage Between(CpuSample from, CpuSample to)
    {
        var wall = (to.Timestamp - from.Timestamp) / (double)Stopwatch.Frequency;
        if (wall <= 0)
        {
            return new CpuUsage(double.NaN, double.NaN, double.NaN, 0);
        }
        var client = (to.Process - from.Process).TotalSeconds / wall;
        // USER_HZ is 100 on Linux.
        var server = from.ServerTicks is { } s0 && to.ServerTicks is { } s1 ? (s1 - s0) / 100.0 / wall : double.NaN;
        var machine = from.MachineBusyTicks is { } b0 && to.MachineBusyTicks is { } b1 ? (b1 - b0) / 100.0 / wall : double.NaN;
        var service = from.ServiceTicks is { } v0 && to.ServiceTicks is { } v1 ? (v1 - v0) / 100.0 / wall : double.NaN;
        return new CpuUsage(client, server, machine, wall, service);
    }
}

public sealed record CpuSample(long Timestamp, TimeSpan Process, long? ServerTicks, long? MachineBusyTicks, long? ServiceTicks = null)
{
    /// <summary>The service under test when it runs as its own process (phase e); its CPU is counted apart.</summary>
    public static int? ServiceProcessId { get; set; }

    /// <summary>The postmaster's process id when PostgreSQL runs on this machine and /proc shows it; else null.</summary>
    public static int? PostmasterPid { get; set; }

    public static CpuSample Take()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return new CpuSample(Stopwatch.GetTimestamp(), self.TotalProcessorTime, ServerBusy(), MachineBusy(),
            ServiceProcessId is { } service ? ReadStat(service)?.Ticks : null);
    }

    /// <summary>The parent of a backend is the postmaster, if the backend is a local process named postgres.</summary>
    public static int? FindPostmaster(int backendPid)
    {
        var stat = ReadStat(backendPid);
        return stat is { Comm: "postgres" } ? stat.Value.ParentPid : null;
    }

    // First line of /proc/stat: cpu user nice system idle iowait irq softirq steal ...; busy = user+nice+system+irq+softirq.
    private static long? MachineBusy()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            return fields[0] + fields[1] + fields[2] + fields[5] + fields[6];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    // utime + stime of the postmaster and every process whose parent it is (backends, WAL writer, checkpointer, ...).
    private static long? ServerBusy()
    {
        if (PostmasterPid is not { } postmaster)
        {
            return null;
        }
        long total = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ReadStat(pid) is { } stat
                && (pid == postmaster || stat.ParentPid == postmaster))
            {
                // The postmaster's own figure includes its reaped children (cutime, cstime), so a backend that
                // exits inside the window still counts.
                total += stat.Ticks + (pid == postmaster ? stat.ChildTicks : 0);
            }
        }
        return total;
    }

    private static (string Comm, int ParentPid, long Ticks, long ChildTicks)? ReadStat(int pid)
    {
        try
        {
            // /proc/PID/stat: pid (comm) state ppid ... fields 14-17 utime, stime, cutime, cstime; comm may hold spaces, so split after ')'.
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var open = text.IndexOf('(', StringComparison.Ordinal);
            var close = text.LastIndexOf(')');
            var rest = text[(close + 2)..].Split(' ');
            return (text[(open + 1)..close], int.Parse(rest[1], CultureInfo.InvariantCulture),
                long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture),
                long.Parse(rest[13], CultureInfo.InvariantCulture) + long.Parse(rest[14], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
