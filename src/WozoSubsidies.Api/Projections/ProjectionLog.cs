using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace WozoSubsidies.Api.Projections;

/// <summary>Reads the global log for projections, in commit-safe order (the rule of PostgresEventStore.ReadLogRawAsync:
/// only positions below <c>xmin(current snapshot) &lt;&lt; 20</c>, 0001_events.sql), fetching only the event types and the
/// part of the data a projection needs.</summary>
public static class ProjectionLog
{
    public const string CommittedHorizon = "(pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 20)";

    /// <summary>Up to <paramref name="limit"/> events after <paramref name="after"/>. <paramref name="upTo"/> bounds the
    /// positions (inclusive). <paramref name="ignoreHorizon"/> reads everything committed now: only for a reader that
    /// holds the locks that keep every later writer of its tables waiting (the final catch-up of a rebuild).</summary>
    public static async Task<List<ProjectionEvent>> ReadAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, IProjection projection, long after, int limit, CancellationToken ct,
        long? upTo = null, bool ignoreHorizon = false)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
             select position, stream_id, stream_version, event_type, {projection.DataExpression} from eventstore.events
             where position > $1 {(ignoreHorizon ? "" : $"and position < {CommittedHorizon}")}
               and ($2::bigint is null or position <= $2) and ($3::text[] is null or event_type = any($3))
             order by position
             limit $4
             """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = after });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)upTo ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter
        {
            Value = (object?)projection.EventTypes?.ToArray() ?? DBNull.Value,
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
        });
        cmd.Parameters.Add(new NpgsqlParameter { Value = limit });
        var list = new List<ProjectionEvent>(Math.Min(limit, 10_000));
        await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            var e = new ProjectionEvent(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetFieldValue<byte[]>(4));
            var voorgelezen = projection.Voorlezen(e);
            list.Add(voorgelezen is null ? e : e with { Voorgelezen = voorgelezen });
        }
        return list;
    }

    /// <summary>Pages of up to <paramref name="limit"/> events after <paramref name="after"/>, in log order, until the
    /// first empty page; every page read as <see cref="ReadAsync"/> does (commit-safe horizon per read). The next page is
    /// read on a connection of its own while the caller works on the one it was given, so the server reads and the client
    /// folds and writes at the same time; never more than that one page ahead, so memory stays at two pages. A failed
    /// read throws from the enumeration; when the caller stops (done, failed or cancelled) the read in flight is
    /// cancelled and awaited before the connection goes back to the pool.</summary>
    public static async IAsyncEnumerable<List<ProjectionEvent>> PagesAsync(
        NpgsqlDataSource dataSource, IProjection projection, long after, int limit, [EnumeratorCancellation] CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var next = ReadAsync(conn, null, projection, after, limit, stop.Token);
        try
        {
            while (true)
            {
                var page = await next;
                if (page.Count == 0)
                {
                    yield break;
                }
                next = ReadAsync(conn, null, projection, page[^1].Position, limit, stop.Token);
                yield return page;
            }
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await next;
            }
            catch (Exception)
            {
                // The read that was stopped, or the failure already thrown to the caller: not to replace the caller's own.
            }
        }
    }

    /// <summary>The committed end of the log: the highest position a commit-safe reader can read now (0 when empty).</summary>
    public static async Task<long> EindeAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select coalesce(max(position), 0) from eventstore.events where position < {CommittedHorizon}", conn);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>How many events of the projection's types lie after <paramref name="after"/> up to the committed end.</summary>
    public static async Task<long> AantalNaAsync(NpgsqlConnection conn, IProjection projection, long after, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select count(*) from eventstore.events where position > $1 and position < {CommittedHorizon} and ($2::text[] is null or event_type = any($2))",
            conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = after });
        cmd.Parameters.Add(new NpgsqlParameter
        {
            Value = (object?)projection.EventTypes?.ToArray() ?? DBNull.Value,
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
        });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}

/// <summary>The checkpoints in <c>api.projectie_posities</c>.</summary>
public static class ProjectionPosities
{
    public static async Task<long> LeesAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string naam, CancellationToken ct, bool forUpdate = false)
    {
        await using (var ensure = new NpgsqlCommand("insert into api.projectie_posities (naam) values ($1) on conflict do nothing", conn, tx))
        {
            ensure.Parameters.Add(new NpgsqlParameter { Value = naam });
            await ensure.ExecuteNonQueryAsync(ct);
        }
        await using var cmd = new NpgsqlCommand(
            $"select positie from api.projectie_posities where naam = $1{(forUpdate ? " for update" : "")}", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = naam });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public static async Task ZetAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string naam, long positie, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("update api.projectie_posities set positie = $2, bijgewerkt_op = now() where naam = $1", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = naam });
        cmd.Parameters.Add(new NpgsqlParameter { Value = positie });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
