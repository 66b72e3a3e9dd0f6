using Microsoft.Extensions.Options;
using Npgsql;

namespace WozoSubsidies.Api.Projections;

/// <summary>Settings of the async projections (configuration section <c>Projecties</c>).</summary>
public sealed class ProjectieOpties
{
    /// <summary>Whether this node runs the daemon at all (every node may; one runs each projection at a time).</summary>
    public bool Daemon { get; set; } = true;

    /// <summary>How long a caught-up projection waits before it looks at the log again, and how often a standby node
    /// tries to take a projection over.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Events per batch: per batch one transaction with the rows and the checkpoint.</summary>
    public int BatchGrootte { get; set; } = 5_000;
}

/// <summary>Runs every async projection of the catalogue, each on exactly one node at a time.</summary>
public sealed class ProjectionDaemon(
    NpgsqlDataSource dataSource, ProjectionCatalogus catalogus, IServiceProvider services, IOptions<ProjectieOpties> opties,
    ILogger<ProjectionRunner> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        opties.Value.Daemon
            ? Task.WhenAll(catalogus.Alle.Where(r => r.Soort == ProjectionSoort.Async)
                .Select(r => new ProjectionRunner(dataSource, () => r.Maak(services), opties.Value, logger).RunAsync(stoppingToken)))
            : Task.CompletedTask;
}

/// <summary>One async projection on one node. It runs only while it holds the projection's session advisory lock, on a
/// connection of its own: when the node dies, PostgreSQL ends that session and releases the lock, and a standby node's
/// runner takes over from the checkpoint. Each batch is one transaction that checks the checkpoint is still where this
/// runner left it (row lock + compare), applies the events and moves the checkpoint: a runner that lost its lock
/// without noticing, or a rebuild that swapped the tables, makes it start again from the stored position; it can never
/// apply an event twice or skip one.</summary>
public sealed partial class ProjectionRunner(NpgsqlDataSource dataSource, Func<IProjection> maak, ProjectieOpties opties, ILogger<ProjectionRunner> logger)
{
    /// <summary>The first key of the projections' advisory locks ("WPRJ"); the second is hashtext(naam).</summary>
    public const int LockKlasse = 0x5750524A;

    private readonly IProjection _projection = maak();

    public string Naam => _projection.Naam;

    /// <summary>True while this runner holds the lock (for tests and the logs).</summary>
    public bool Actief { get; private set; }

    /// <summary>The backend of the lock's connection while it is held (a test ends it to simulate a node's death).</summary>
    public int? LockBackend { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var lockConn = await dataSource.OpenConnectionAsync(ct);
                if (!await TryLockAsync(lockConn, ct))
                {
                    await Task.Delay(opties.Interval, ct);
                    continue;
                }
                try
                {
                    Actief = true;
                    LockBackend = lockConn.ProcessID;
                    LogTakenOver(logger, Naam, Environment.MachineName);
                    await ApplyWhileHeldAsync(lockConn, ct);
                }
                finally
                {
                    Actief = false;
                    LockBackend = null;
                    await UnlockAsync(lockConn);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The database went away, the lock's session was ended, or an event could not be applied: start over
                // (the checkpoint says where), after a pause so a persistent fault does not spin. Never let it end the
                // host: the API keeps serving, and the report shows the projection's lag.
                LogFault(logger, e, Naam);
                try
                {
                    await Task.Delay(opties.Interval * 4, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<bool> TryLockAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select pg_try_advisory_lock($1, hashtext($2))", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = LockKlasse });
        cmd.Parameters.Add(new NpgsqlParameter { Value = Naam });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    // Pooled connections keep their session (No Reset On Close): the lock must be given back explicitly.
    private async Task UnlockAsync(NpgsqlConnection conn)
    {
        try
        {
            if (conn.FullState == System.Data.ConnectionState.Open)
            {
                await using var cmd = new NpgsqlCommand("select pg_advisory_unlock($1, hashtext($2))", conn);
                cmd.Parameters.Add(new NpgsqlParameter { Value = LockKlasse });
                cmd.Parameters.Add(new NpgsqlParameter { Value = Naam });
                await cmd.ExecuteScalarAsync();
            }
        }
        catch (NpgsqlException)
        {
            // A broken connection is discarded by the pool, and its session's locks went with it.
        }
    }

    private async Task ApplyWhileHeldAsync(NpgsqlConnection lockConn, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var positie = await ProjectionPosities.LeesAsync(conn, null, Naam, ct);
        while (!ct.IsCancellationRequested)
        {
            // Still the holder? A lock connection that died means another node may be running this projection now.
            await using (var ping = new NpgsqlCommand("select 1", lockConn))
            {
                await ping.ExecuteScalarAsync(ct);
            }
            var events = await ProjectionLog.ReadAsync(conn, null, _projection, positie, opties.BatchGrootte, ct);
            if (events.Count == 0)
            {
                await Task.Delay(opties.Interval, ct);
                positie = await ProjectionPosities.LeesAsync(conn, null, Naam, ct);
                continue;
            }
            await using var tx = await conn.BeginTransactionAsync(ct);
            var opgeslagen = await ProjectionPosities.LeesAsync(conn, tx, Naam, ct, forUpdate: true);
            if (opgeslagen != positie)
            {
                await tx.RollbackAsync(ct);
                positie = opgeslagen;
                continue;
            }
            await _projection.ApplyAsync(events, "api", conn, tx, ct);
            await ProjectionPosities.ZetAsync(conn, tx, Naam, events[^1].Position, ct);
            await tx.CommitAsync(ct);
            positie = events[^1].Position;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection {Naam} runs on node {Node}")]
    private static partial void LogTakenOver(ILogger logger, string naam, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection {Naam} stopped on a fault; it starts again from its checkpoint")]
    private static partial void LogFault(ILogger logger, Exception e, string naam);
}
