using System.Diagnostics;
using System.Globalization;
using Npgsql;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Benchmarks;

/// <summary>The server and the fresh database the benchmark runs in. The database is always new
/// (<c>wozo_bench_&lt;random&gt;</c>), migrated with the event store's scripts, and dropped at the end, so a
/// configured server keeps nothing. Without a configured server a throwaway cluster is started with the same
/// script developers use (deploy/postgres.sh), as the test fixture (tests/WozoSubsidies.Testing/PostgresServer.cs) does.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    public const string ClusterDir = "/tmp/wozo-bench-pg";
    public const int ClusterPort = 55499;

    private readonly string _adminConnectionString;
    private readonly bool _stopClusterAtEnd;

    private BenchDatabase(string adminConnectionString, string connectionString, string name, bool stopClusterAtEnd, string serverOrigin)
    {
        _adminConnectionString = adminConnectionString;
        ConnectionString = connectionString;
        Name = name;
        _stopClusterAtEnd = stopClusterAtEnd;
        ServerOrigin = serverOrigin;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }

    public string Name { get; }

    public string ServerOrigin { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<BenchDatabase> CreateAsync(BenchmarkOptions options, CancellationToken ct)
    {
        string admin;
        var stopAtEnd = false;
        string origin;
        if (options.Connection is { } configured)
        {
            admin = configured;
            origin = "configured (--connection or " + BenchmarkOptions.EnvironmentVariable + ")";
        }
        else
        {
            var wasRunning = await RunScriptAsync(["status", "--dir", ClusterDir], null, ct) == 0;
            var output = new List<string>();
            if (await RunScriptAsync(["start", "--dir", ClusterDir, "--port", ClusterPort.ToString(CultureInfo.InvariantCulture)], output, ct) != 0)
            {
                throw new InvalidOperationException("deploy/postgres.sh start failed:\n" + string.Join('\n', output));
            }
            admin = output.Last(l => l.StartsWith("Host=", StringComparison.Ordinal));
            stopAtEnd = !wasRunning && !options.KeepCluster;
            origin = $"throwaway cluster via deploy/postgres.sh in {ClusterDir}, port {ClusterPort}" + (wasRunning ? " (already running)" : "");
        }

        var adminBuilder = new NpgsqlConnectionStringBuilder(admin) { Pooling = false };
        var name = "wozo_bench_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(adminBuilder.ConnectionString, $"create database {name}", ct);

        var builder = new NpgsqlConnectionStringBuilder(admin)
        {
            Database = name,
            ApplicationName = "wozo-benchmarks",
            Pooling = true,
            // As the service configures its data source (Infrastructure/Database/DatabaseSetup.cs); --npgsql may override.
            NoResetOnClose = true,
        };
        if (!string.IsNullOrWhiteSpace(options.NpgsqlOptions))
        {
            foreach (var (key, value) in new NpgsqlConnectionStringBuilder(options.NpgsqlOptions))
            {
                builder[key] = value;
            }
        }
        var db = new BenchDatabase(adminBuilder.ConnectionString, builder.ConnectionString, name, stopAtEnd, origin);
        await Migrator.ApplyAsync(db.DataSource, [MigrationSet.EventStore], ct: ct);
        return db;
    }

    public async Task<T> ScalarAsync<T>(string sql, CancellationToken ct = default)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        var value = await cmd.ExecuteScalarAsync(ct);
        return (T)Convert.ChangeType(value!, typeof(T), CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql, CancellationToken ct = default)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        try
        {
            await ExecuteAsync(_adminConnectionString, $"drop database if exists {Name} with (force)", CancellationToken.None);
            Console.Error.WriteLine($"dropped database {Name}");
        }
        catch (NpgsqlException e)
        {
            Console.Error.WriteLine($"could not drop database {Name}: {e.Message}");
        }
        if (_stopClusterAtEnd)
        {
            await RunScriptAsync(["stop", "--dir", ClusterDir], null, CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<int> RunScriptAsync(string[] args, List<string>? stdoutLines, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(RepositoryRoot(), "deploy", "postgres.sh"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start bash");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        stdoutLines?.AddRange((await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        stdoutLines?.AddRange((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return process.ExitCode;
    }

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WozoSubsidies.sln")))
            {
                dir = dir.Parent;
            }
            if (dir is not null)
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("WozoSubsidies.sln not found above " + AppContext.BaseDirectory);
    }
}
