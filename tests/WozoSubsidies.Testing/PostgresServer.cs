using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Testing;

/// <summary>The PostgreSQL server for one test process: the one named by <c>WOZO_TEST_POSTGRES</c>, or else a
/// throwaway cluster started once by deploy/postgres.sh (the same script developers use) and stopped when the
/// process ends. Every test class gets its own database, copied from a migrated template.</summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "WOZO_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> AdminConnectionString = new(StartAsync);
    private static readonly Dictionary<string, Task<string>> Templates = [];
    private static readonly Lock TemplatesLock = new();
    // CREATE DATABASE ... TEMPLATE fails when another session copies the same template at that instant.
    private static readonly SemaphoreSlim CreateDatabaseGate = new(1, 1);
    private static readonly string RunId = $"{Environment.ProcessId}_{Guid.NewGuid():N}"[..20];
    private static string? _clusterDir;

    public static Task<string> GetAdminConnectionStringAsync() => AdminConnectionString.Value;

    /// <summary>Creates a fresh, migrated database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(IReadOnlyList<MigrationSet> migrations)
    {
        var admin = await GetAdminConnectionStringAsync();
        var key = string.Join(",", migrations.Select(m => m.Module));
        Task<string> template;
        lock (TemplatesLock)
        {
            if (!Templates.TryGetValue(key, out template!))
            {
                template = CreateTemplateAsync(admin, migrations, $"wozo_tpl_{Templates.Count}_{RunId}");
                Templates[key] = template;
            }
        }
        var templateName = await template;
        var name = $"wozo_t_{Guid.NewGuid():N}";
        await CreateDatabaseGate.WaitAsync();
        try
        {
            await ExecuteAsync(admin, $"create database {name} template {templateName}");
        }
        finally
        {
            CreateDatabaseGate.Release();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(await GetAdminConnectionStringAsync(), $"drop database if exists {name} with (force)");
    }

    private static async Task<string> CreateTemplateAsync(string admin, IReadOnlyList<MigrationSet> migrations, string name)
    {
        await ExecuteAsync(admin, $"create database {name}");
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
        await using (var dataSource = NpgsqlDataSource.Create(cs))
        {
            await Migrator.ApplyAsync(dataSource, migrations);
        }
        return name;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new NpgsqlConnectionStringBuilder(configured) { Database = "postgres" }.ConnectionString;
        }

        RemoveAbandonedClusters();
        var port = FreePort();
        _clusterDir = Path.Combine(Path.GetTempPath(), $"wozo-test-pg-{Environment.ProcessId}-{port}");
        var output = await RunScriptAsync("start", "--dir", _clusterDir, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopCluster(_clusterDir);
        var cs = output.Trim().Split('\n')[^1];
        return new NpgsqlConnectionStringBuilder(cs) { Database = "postgres", MaxPoolSize = 200, Timeout = 30, CommandTimeout = 120 }.ConnectionString;
    }

    private static void StopCluster(string dir)
    {
        try
        {
            RunScriptAsync("stop", "--dir", dir).GetAwaiter().GetResult();
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Best effort at process exit; RemoveAbandonedClusters cleans up next time.
        }
    }

    // A test process killed before its exit handler ran leaves its cluster behind; its pid no longer exists.
    private static void RemoveAbandonedClusters()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), "wozo-test-pg-*"))
        {
            var parts = Path.GetFileName(dir).Split('-');
            if (parts.Length == 5 && int.TryParse(parts[3], out var pid) && !ProcessExists(pid))
            {
                StopCluster(dir);
            }
        }
    }

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> RunScriptAsync(params string[] args)
    {
        var script = Path.Combine(RepositoryRoot(), "deploy", "postgres.sh");
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start bash.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"deploy/postgres.sh {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}");
        }
        return await stdout;
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WozoSubsidies.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("WozoSubsidies.sln not found above " + AppContext.BaseDirectory);
    }
}
