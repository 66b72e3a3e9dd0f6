using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace WozoSubsidies.EventStore;

/// <summary>A set of versioned SQL scripts embedded in an assembly, named <c>NNNN_name.sql</c>.</summary>
public sealed record MigrationSet(string Module, Assembly Assembly, string ResourceFolder = "Migrations")
{
    public IReadOnlyList<Migration> Load()
    {
        var prefix = $".{ResourceFolder}.";
        return Assembly.GetManifestResourceNames()
            .Where(n => n.Contains(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[(n.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..];
                var underscore = file.IndexOf('_', StringComparison.Ordinal);
                if (underscore <= 0 || !int.TryParse(file[..underscore], out var version))
                {
                    throw new InvalidOperationException($"Migration '{file}' in {Module} is not named NNNN_name.sql.");
                }
                using var stream = Assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream, Encoding.UTF8);
                return new Migration(Module, version, file, reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)
            .ToList();
    }

    public static MigrationSet EventStore { get; } = new("eventstore", typeof(MigrationSet).Assembly);
}

public sealed record Migration(string Module, int Version, string Name, string Sql)
{
    public string Checksum => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}

/// <summary>Applies migration sets at start. Safe when several nodes start at once: a session-level
/// advisory lock serialises them, and each node applies only what is not yet recorded.</summary>
public static class Migrator
{
    // An arbitrary constant, the same on every node: "wozo" in ASCII.
    private const long LockKey = 0x776F7A6F;

    /// <param name="untilVersion">Apply only scripts up to this version (a staged upgrade, or a test of a script over
    /// rows stored before it); null applies all.</param>
    public static async Task<IReadOnlyList<Migration>> ApplyAsync(
        NpgsqlDataSource dataSource, IEnumerable<MigrationSet> sets, int? untilVersion = null, CancellationToken ct = default)
    {
        var applied = new List<Migration>();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand("select pg_advisory_lock(@k)", conn))
        {
            lockCmd.Parameters.AddWithValue("k", LockKey);
            await lockCmd.ExecuteNonQueryAsync(ct);
        }
        try
        {
            await using (var create = new NpgsqlCommand(
                """
                create table if not exists public.schema_migrations (
                    module text not null, version int not null, name text not null, checksum text not null,
                    applied_at timestamptz not null default now(), primary key (module, version))
                """, conn))
            {
                await create.ExecuteNonQueryAsync(ct);
            }

            foreach (var set in sets)
            {
                var done = new Dictionary<int, (string Name, string Checksum)>();
                await using (var query = new NpgsqlCommand(
                    "select version, name, checksum from public.schema_migrations where module = @m", conn))
                {
                    query.Parameters.AddWithValue("m", set.Module);
                    await using var reader = await query.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        done[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
                    }
                }

                foreach (var migration in set.Load().Where(m => untilVersion is null || m.Version <= untilVersion))
                {
                    if (done.TryGetValue(migration.Version, out var existing))
                    {
                        // A landed script is never edited (ARCHITECTURE.md); a changed one means two databases
                        // could hold different schemas under the same version.
                        if (existing.Checksum != migration.Checksum)
                        {
                            throw new InvalidOperationException(
                                $"Migration {set.Module}/{migration.Name} was changed after it was applied (checksum differs). Add a new script instead.");
                        }
                        continue;
                    }

                    await using var tx = await conn.BeginTransactionAsync(ct);
                    await using (var run = new NpgsqlCommand(migration.Sql, conn, tx))
                    {
                        await run.ExecuteNonQueryAsync(ct);
                    }
                    await using (var record = new NpgsqlCommand(
                        "insert into public.schema_migrations (module, version, name, checksum) values (@m, @v, @n, @c)", conn, tx))
                    {
                        record.Parameters.AddWithValue("m", set.Module);
                        record.Parameters.AddWithValue("v", migration.Version);
                        record.Parameters.AddWithValue("n", migration.Name);
                        record.Parameters.AddWithValue("c", migration.Checksum);
                        await record.ExecuteNonQueryAsync(ct);
                    }
                    await tx.CommitAsync(ct);
                    applied.Add(migration);
                }
            }
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(@k)", conn);
            unlock.Parameters.AddWithValue("k", LockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
        return applied;
    }
}
