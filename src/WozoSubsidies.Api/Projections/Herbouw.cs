using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using WozoSubsidies.Api.Infrastructure.Problems;

namespace WozoSubsidies.Api.Projections;

/// <summary>The state of a rebuild. <c>Bezig</c> while it runs, <c>Klaar</c> once the rebuilt tables replaced the live
/// ones, <c>Mislukt</c> with the reason, <c>Afgebroken</c> when the node running it stopped; <c>NooitGestart</c>.</summary>
public enum HerbouwStatus
{
    NooitGestart,
    Bezig,
    Klaar,
    Mislukt,
    Afgebroken,
}

/// <summary>Progress of a rebuild of one read model.</summary>
/// <param name="EventsGedaan">Events applied to the rebuilt tables so far.</param>
/// <param name="EventsTotaal">Events to apply: the projection's events in the log when it started, raised when writes arrive meanwhile.</param>
/// <param name="EventsPerSeconde">The average rate since the start.</param>
/// <param name="GeschatteRestduurSeconden">Events still to do at that rate; null before the first batch and when done.</param>
public sealed record HerbouwVoortgang(
    string Naam,
    string Soort,
    HerbouwStatus Status,
    string? Node,
    DateTimeOffset? GestartOp,
    DateTimeOffset? BeeindigdOp,
    long EventsGedaan,
    long EventsTotaal,
    decimal EventsPerSeconde,
    decimal? GeschatteRestduurSeconden,
    string? Fout);

/// <summary>Rebuilds any read model from the log while the live one keeps serving: the projection is applied from
/// position 0 into copies of its tables in schema <c>projecties_herbouw</c>, batch by batch; when it has caught up, one
/// transaction catches up the last events and moves the copies into <c>api</c> in place of the live tables.
/// <list type="bullet">
/// <item>Async model: that transaction locks the projection's checkpoint row (the daemon's batches wait), catches the copy
/// up to the live checkpoint and swaps; the daemon continues from there in the new tables.</item>
/// <item>Inline model: that transaction takes ACCESS EXCLUSIVE locks on the live tables, in the order the append writes them,
/// so every append that wrote them has committed and every later one waits; it then reads every committed event after its
/// position (no commit horizon is needed: an append still in progress writes its own rows after the swap, from its
/// aggregate's whole state, into the new tables) and swaps. No concurrent append is lost.</item>
/// </list>
/// One rebuild per read model at a time across all nodes (a session advisory lock; another request gets 409).</summary>
public sealed partial class HerbouwService(
    NpgsqlDataSource dataSource, ProjectionCatalogus catalogus, IServiceProvider services, IOptions<ProjectieOpties> opties,
    TimeProvider time, IHostApplicationLifetime lifetime, ILogger<HerbouwService> logger)
{
    public const int LockKlasse = 0x57484257; // "WHBW"
    public const string Schaduw = "projecties_herbouw";

    private readonly Dictionary<string, Task> _lopend = [];

    /// <summary>Starts a rebuild and returns its progress; 404 for an unknown name, 409 when one already runs.</summary>
    public async Task<HerbouwVoortgang> StartAsync(string naam, CancellationToken ct)
    {
        var registratie = catalogus.Zoek(naam) ?? throw OnbekendeProjectie(naam);
        var lockConn = await dataSource.OpenConnectionAsync(ct);
        try
        {
            if (!await AdvisoryAsync(lockConn, "pg_try_advisory_lock", naam, ct))
            {
                throw new ApiProblem(409, "herbouw-loopt", $"Leesmodel '{naam}' wordt al herbouwd; volg de voortgang met GET op dit pad.");
            }
            var projection = registratie.Maak(services);
            long totaal;
            await using (var conn = await dataSource.OpenConnectionAsync(ct))
            {
                totaal = await ProjectionLog.AantalNaAsync(conn, projection, 0, ct);
            }
            await using (var cmd = dataSource.CreateCommand(
                """
                insert into api.projectie_herbouw (naam, status, node, gestart_op, beeindigd_op, events_gedaan, events_totaal, fout)
                values ($1, 'Bezig', $2, $3, null, 0, $4, null)
                on conflict (naam) do update set status = 'Bezig', node = $2, gestart_op = $3, beeindigd_op = null,
                    events_gedaan = 0, events_totaal = $4, fout = null
                """))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = naam });
                cmd.Parameters.Add(new NpgsqlParameter { Value = Environment.MachineName });
                cmd.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow().ToUniversalTime() });
                cmd.Parameters.Add(new NpgsqlParameter { Value = totaal });
                await cmd.ExecuteNonQueryAsync(ct);
            }
            LogGestart(logger, naam, totaal);
            var run = Task.Run(() => RunAsync(registratie, projection, lockConn, totaal, lifetime.ApplicationStopping), CancellationToken.None);
            lock (_lopend)
            {
                _lopend[naam] = run;
            }
            return await LeesAsync(naam, ct);
        }
        catch
        {
            await lockConn.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits for the rebuilds this node runs (tests, shutdown).</summary>
    public Task WachtAsync()
    {
        lock (_lopend)
        {
            return Task.WhenAll(_lopend.Values);
        }
    }

    public async Task<HerbouwVoortgang> LeesAsync(string naam, CancellationToken ct)
    {
        var registratie = catalogus.Zoek(naam) ?? throw OnbekendeProjectie(naam);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var soort = registratie.Soort.ToString();
        if (await RijAsync(conn, naam, ct) is not { } rij)
        {
            return new HerbouwVoortgang(naam, soort, HerbouwStatus.NooitGestart, null, null, null, 0, 0, 0, null, null);
        }
        if (rij.Status == HerbouwStatus.Bezig && await AdvisoryAsync(conn, "pg_try_advisory_lock", naam, ct))
        {
            // Nobody holds the rebuild's lock. Either the node that ran it stopped before it finished, or the rebuild
            // ended between the read above and the lock (it records its end before it lets go): read again under the lock.
            rij = await RijAsync(conn, naam, ct) ?? rij;
            await AdvisoryAsync(conn, "pg_advisory_unlock", naam, ct);
            if (rij.Status == HerbouwStatus.Bezig)
            {
                rij = rij with { Status = HerbouwStatus.Afgebroken };
            }
        }
        var (status, node, gestart, einde, gedaan, totaal, fout) = rij;
        var seconden = Math.Max(((einde ?? time.GetUtcNow()) - gestart).TotalSeconds, 0.001);
        var rate = gedaan / seconden;
        double? rest = status == HerbouwStatus.Bezig && rate > 0 ? Math.Max(totaal - gedaan, 0) / rate : null;
        return new HerbouwVoortgang(naam, soort, status, node, gestart, einde, gedaan, totaal, Math.Round((decimal)rate, 1),
            rest is null ? null : Math.Round((decimal)rest.Value, 1), fout);
    }

    private sealed record HerbouwRij(HerbouwStatus Status, string Node, DateTimeOffset Gestart, DateTimeOffset? Einde, long Gedaan, long Totaal, string? Fout);

    private static async Task<HerbouwRij?> RijAsync(NpgsqlConnection conn, string naam, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "select status, node, gestart_op, beeindigd_op, events_gedaan, events_totaal, fout from api.projectie_herbouw where naam = $1", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = naam });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        return new HerbouwRij(Enum.Parse<HerbouwStatus>(reader.GetString(0)), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt64(4), reader.GetInt64(5),
            reader.IsDBNull(6) ? null : reader.GetString(6));
    }

    private static ApiProblem OnbekendeProjectie(string naam) => ApiProblem.NietGevonden($"Leesmodel '{naam}'");

    private static async Task<bool> AdvisoryAsync(NpgsqlConnection conn, string functie, string naam, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select {functie}($1, hashtext($2))", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = LockKlasse });
        cmd.Parameters.Add(new NpgsqlParameter { Value = naam });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private async Task RunAsync(ProjectionRegistratie registratie, IProjection projection, NpgsqlConnection lockConn, long totaal, CancellationToken ct)
    {
        var naam = registratie.Naam;
        var gedaan = 0L;
        var klok = Stopwatch.StartNew();
        var gelogd = TimeSpan.Zero;
        try
        {
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            await using (var schaduw = new NpgsqlBatch(conn))
            {
                foreach (var tabel in projection.Tabellen)
                {
                    schaduw.BatchCommands.Add(new NpgsqlBatchCommand($"drop table if exists {Schaduw}.{tabel}"));
                    // Unlogged while they are filled: the copies are disposable until the swap (a crash empties them, and
                    // a rebuild that stops starts again from zero), so the bulk of the writes need no WAL at all.
                    schaduw.BatchCommands.Add(new NpgsqlBatchCommand($"create unlogged table {Schaduw}.{tabel} (like api.{tabel} including all)"));
                }
                await schaduw.ExecuteNonQueryAsync(ct);
            }
            var uitgesteldeIndexen = await IndexenUitstellenAsync(conn, projection, ct);
            projection.BeginLeeg();

            // From zero to the committed end of the log, batch by batch, each batch committed on its own with its
            // progress, while the next page is read (PagesAsync). Until the swap the copies are disposable (a rebuild
            // that stops is started again from zero, and drops them first), so these commits need not wait for the
            // WAL flush; the swap's transaction does.
            var positie = 0L;
            await foreach (var events in ProjectionLog.PagesAsync(dataSource, projection, positie, opties.Value.BatchGrootte, ct))
            {
                await using (var tx = await conn.BeginTransactionAsync(ct))
                {
                    await projection.ApplyAsync(events, Schaduw, conn, tx, ct);
                    await VoortgangAsync(conn, tx, naam, gedaan + events.Count, Math.Max(totaal, gedaan + events.Count), ct);
                    await tx.CommitAsync(ct);
                }
                positie = events[^1].Position;
                gedaan += events.Count;
                totaal = Math.Max(totaal, gedaan);
                if (klok.Elapsed - gelogd > TimeSpan.FromSeconds(2))
                {
                    gelogd = klok.Elapsed;
                    LogVoortgang(logger, naam, gedaan, totaal, gedaan / klok.Elapsed.TotalSeconds);
                }
            }

            // Logged again before the swap (one sequential write of each table into the WAL), outside the locks of the live
            // tables, so the swapped-in tables are as durable and replicated as the ones they replace.
            await using (var logged = new NpgsqlBatch(conn))
            {
                foreach (var tabel in projection.Tabellen)
                {
                    logged.BatchCommands.Add(new NpgsqlBatchCommand($"alter table {Schaduw}.{tabel} set logged"));
                }
                await logged.ExecuteNonQueryAsync(ct);
            }
            // The indexes that no write needed, built once over the full tables (after set logged, which would
            // otherwise build them a second time), still outside the live tables' locks.
            foreach (var definitie in uitgesteldeIndexen)
            {
                await using var index = new NpgsqlCommand(definitie, conn);
                await index.ExecuteNonQueryAsync(ct);
            }

            // Catch up the last events and swap, in one transaction.
            await using (var tx = await conn.BeginTransactionAsync(ct))
            {
                long? tot = null;
                if (registratie.Soort == ProjectionSoort.Async)
                {
                    tot = await ProjectionPosities.LeesAsync(conn, tx, naam, ct, forUpdate: true);
                }
                else
                {
                    await LockAsync(conn, tx, projection, ct);
                }
                while (true)
                {
                    // Async: every position up to the live checkpoint was below the daemon's horizon, so committed.
                    var events = await ProjectionLog.ReadAsync(conn, tx, projection, positie, opties.Value.BatchGrootte, ct, tot, ignoreHorizon: true);
                    if (events.Count == 0)
                    {
                        break;
                    }
                    await projection.ApplyAsync(events, Schaduw, conn, tx, ct);
                    positie = events[^1].Position;
                    gedaan += events.Count;
                }
                if (registratie.Soort == ProjectionSoort.Async)
                {
                    await LockAsync(conn, tx, projection, ct);
                    await ProjectionPosities.ZetAsync(conn, tx, naam, Math.Max(positie, tot ?? 0), ct);
                }
                await using (var swap = new NpgsqlBatch(conn, tx))
                {
                    foreach (var tabel in projection.Tabellen)
                    {
                        swap.BatchCommands.Add(new NpgsqlBatchCommand($"drop table api.{tabel}"));
                        swap.BatchCommands.Add(new NpgsqlBatchCommand($"alter table {Schaduw}.{tabel} set schema api"));
                    }
                    await swap.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
            }
            await AfrondenAsync(naam, HerbouwStatus.Klaar, gedaan, Math.Max(totaal, gedaan), null);
            LogKlaar(logger, naam, gedaan, klok.Elapsed.TotalSeconds, gedaan / klok.Elapsed.TotalSeconds);
        }
        catch (Exception e)
        {
            // Whatever went wrong, the live read model is untouched (the swap is one transaction) and the status says why.
            LogMislukt(logger, e, naam);
            await AfrondenAsync(naam, e is OperationCanceledException ? HerbouwStatus.Afgebroken : HerbouwStatus.Mislukt, gedaan, totaal, e.Message);
        }
        finally
        {
            try
            {
                await AdvisoryAsync(lockConn, "pg_advisory_unlock", naam, CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // The session is gone, and its lock with it.
            }
            await lockConn.DisposeAsync();
        }
    }

    /// <summary>Drops the copies' indexes that no upsert needs (not unique, so no ON CONFLICT names them) and returns their
    /// definitions: maintaining a secondary index row by row through the whole rebuild cost the server more than building
    /// it once at the end from the full table (a sort), about 2.4 us against 0.6 us per row (docs/benchmarks.md, phase g).</summary>
    private static async Task<List<string>> IndexenUitstellenAsync(NpgsqlConnection conn, IProjection projection, CancellationToken ct)
    {
        var definities = new List<(string Naam, string Definitie)>();
        await using (var cmd = new NpgsqlCommand(
            """
            select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            from pg_index i join pg_class t on t.oid = i.indrelid
            where t.relnamespace = $1::regnamespace and t.relname = any($2) and not i.indisunique
            order by 1
            """, conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = Schaduw });
            cmd.Parameters.Add(new NpgsqlParameter { Value = projection.Tabellen.ToArray() });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                definities.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (indexNaam, _) in definities)
        {
            await using var drop = new NpgsqlCommand($"drop index {indexNaam}", conn);
            await drop.ExecuteNonQueryAsync(ct);
        }
        return [.. definities.Select(d => d.Definitie)];
    }

    // In the order the live writers take them, so the swap cannot deadlock with an append.
    private static async Task LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IProjection projection, CancellationToken ct)
    {
        foreach (var tabel in projection.Tabellen)
        {
            await using var cmd = new NpgsqlCommand($"lock table api.{tabel} in access exclusive mode", conn, tx);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    // In the batch's transaction, so the progress says what the copies hold; with that transaction's commit made
    // asynchronous (the setting counts at commit, so it may come last).
    private static async Task VoortgangAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string naam, long gedaan, long totaal, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn, tx);
        var cmd = new NpgsqlBatchCommand("update api.projectie_herbouw set events_gedaan = $2, events_totaal = $3 where naam = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = naam });
        cmd.Parameters.Add(new NpgsqlParameter { Value = gedaan });
        cmd.Parameters.Add(new NpgsqlParameter { Value = totaal });
        batch.BatchCommands.Add(cmd);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("set local synchronous_commit = off"));
        await batch.ExecuteNonQueryAsync(ct);
    }

    private async Task AfrondenAsync(string naam, HerbouwStatus status, long gedaan, long totaal, string? fout)
    {
        try
        {
            await using var cmd = dataSource.CreateCommand(
                "update api.projectie_herbouw set status = $2, beeindigd_op = $3, events_gedaan = $4, events_totaal = $5, fout = $6 where naam = $1");
            cmd.Parameters.Add(new NpgsqlParameter { Value = naam });
            cmd.Parameters.Add(new NpgsqlParameter { Value = status.ToString() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow().ToUniversalTime() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = gedaan });
            cmd.Parameters.Add(new NpgsqlParameter { Value = totaal });
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)fout ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await cmd.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException e)
        {
            LogMislukt(logger, e, naam);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuild of {Naam} started: {Totaal} events")]
    private static partial void LogGestart(ILogger logger, string naam, long totaal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuild of {Naam}: {Gedaan} of {Totaal} events, {Rate:F0} events/s")]
    private static partial void LogVoortgang(ILogger logger, string naam, long gedaan, long totaal, double rate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuild of {Naam} done: {Gedaan} events in {Seconden:F1} s ({Rate:F0} events/s); the rebuilt tables replaced the live ones")]
    private static partial void LogKlaar(ILogger logger, string naam, long gedaan, double seconden, double rate);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rebuild of {Naam} failed; the live read model is unchanged")]
    private static partial void LogMislukt(ILogger logger, Exception e, string naam);
}
