using System.Globalization;

namespace WozoSubsidies.Benchmarks;

/// <summary>Command-line options. Everything has a default, so a bare <c>dotnet run</c> measures the full set.</summary>
public sealed record BenchmarkOptions
{
    public const string EnvironmentVariable = "WOZO_BENCH_POSTGRES";

    /// <summary>A server to use (a fresh database is created on it and dropped afterwards). Null: a throwaway local cluster.</summary>
    public string? Connection { get; init; }

    /// <summary>Extra Npgsql connection-string keywords for the benchmark database, e.g. <c>Max Auto Prepare=20</c>.</summary>
    public string? NpgsqlOptions { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    public bool Quick { get; init; }

    /// <summary>Concurrent writers for (c). Two by default: the machine this was tuned on has two cores.</summary>
    public int BatchWriters { get; init; } = 2;

    public int BatchSize { get; init; } = 1_000;

    public int PageSize { get; init; } = 5_000;

    /// <summary>Rebuilds in (g), one after the other on the same log; the last is reported (the machine's own variation
    /// between rebuilds is of the order of 10 %, and the earlier ones show it).</summary>
    public int RebuildPasses { get; init; } = 1;

    /// <summary>Exports in (h), one after the other from the same API process; the last is held against the target.</summary>
    public int ExportPasses { get; init; } = 3;

    /// <summary>The log is topped up with batched appends to at least this many events before (d) is measured.</summary>
    public long MinimumLogEvents { get; init; } = 250_000;

    /// <summary>Leave the throwaway cluster running afterwards (it is stopped when this run started it).</summary>
    public bool KeepCluster { get; init; }

    /// <summary>Phases to run (a, b, c, d); all by default. The final table needs all four.</summary>
    public string Only { get; init; } = "abcd";

    /// <summary>Aanvragen in (f); default 10,000 (1,000 with --quick).</summary>
    public int? AllocationSize { get; init; }

    public bool Runs(char phase) => Only.Contains(phase, StringComparison.Ordinal);

    public static string Usage =>
        """
        WozoSubsidies event store benchmark

          dotnet run -c Release --project tests/WozoSubsidies.Benchmarks -- [options]

          --connection CS       PostgreSQL to use (or env WOZO_BENCH_POSTGRES). A fresh database wozo_bench_<random>
                                is created on it and dropped at the end. Without it a throwaway cluster is started
                                with deploy/postgres.sh in /tmp/wozo-bench-pg on port 55499.
          --npgsql "K=V;..."    extra Npgsql keywords for the benchmark database (e.g. "Max Auto Prepare=20")
          --duration SECONDS    measured time per phase (default 10)
          --warmup SECONDS      warm-up per phase, not measured (default 3)
          --quick               smoke test: 2 s phases, 1 s warm-up, a 30,000-event log for (d)
          --batch-writers N     concurrent writers in (c) (default 2)
          --batch-size N        events per call in (c) (default 1000)
          --page-size N         events per page in (d) and per rebuild batch in (g) (default 5000)
          --log-events N        minimum log size before (d) (default 250000)
          --rebuild-passes N    rebuilds in (g), one after the other; each is printed, the last reported (default 1)
          --export-passes N     exports in (h) from one API process (at least 2); the last is held against the target (default 3)
          --keep-cluster        leave the throwaway cluster running
          --only PHASES         run only some phases, e.g. "ab" or "d" (for profiling; no final table)
                                phase e: the whole API as its own process, 32 clients on POST /api/aanvragen,
                                beside a raw-INSERT baseline at 32 connections; run it with --only e
                                phase f: 10,000 aanvragen submitted through the API, then one closing that allocates
                                them (lottery, wachtlijst) and closes the tijdvak, timed beside a raw INSERT of
                                10,000 rows in one transaction (1,000 with --quick); run it with --only f
                                phase g: rebuilding the benutting read model over a log of 1,000,000 events, beside
                                a raw read of the same log; run it with --only g
                                phase h: the NDJSON audit export of >= 1,000,000 events from the API process, beside
                                a raw COPY of the same rows; run it with --only h
          --allocation-size N   aanvragen in (f) (default 10000)
          --help
        """;

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions { Connection = Environment.GetEnvironmentVariable(EnvironmentVariable) };
        var quick = args.Contains("--quick");
        if (quick)
        {
            options = options with
            {
                Quick = true,
                Duration = TimeSpan.FromSeconds(2),
                Warmup = TimeSpan.FromSeconds(1),
                MinimumLogEvents = 30_000,
            };
        }
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--quick" => options,
                "--connection" => options with { Connection = Value() },
                "--npgsql" => options with { NpgsqlOptions = Value() },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--batch-writers" => options with { BatchWriters = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--batch-size" => options with { BatchSize = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--page-size" => options with { PageSize = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--export-passes" => options with { ExportPasses = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--rebuild-passes" => options with { RebuildPasses = Math.Max(1, int.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--log-events" => options with { MinimumLogEvents = long.Parse(Value(), CultureInfo.InvariantCulture) },
                "--keep-cluster" => options with { KeepCluster = true },
                "--allocation-size" => options with { AllocationSize = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--only" => options with { Only = Value().Replace(",", "", StringComparison.Ordinal).ToLowerInvariant() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }
        if (string.IsNullOrWhiteSpace(options.Connection))
        {
            options = options with { Connection = null };
        }
        return options;
    }
}
