using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace WozoSubsidies.EventStore;

/// <summary>What inline work (a read model updated in the append transaction) gets: the open connection and
/// transaction, and what was appended.</summary>
public sealed record InlineContext(NpgsqlConnection Connection, NpgsqlTransaction Transaction, AppendResult Result);

/// <summary>The event store on PostgreSQL (schema in Migrations/0001_events.sql). Knows nothing of subsidies.</summary>
public sealed class PostgresEventStore(NpgsqlDataSource dataSource, EventTypeRegistry registry)
{
    /// <summary>The columns of a stored event, in the order <see cref="ReadRaw"/> reads them. The bodies come as their
    /// stored canonical text (migration 0006), which is what the hash covers: no jsonb is rendered on a read.</summary>
    public const string Columns = "position, stream_id, stream_version, event_id, event_type, data_text, metadata_text, recorded_at, hash";

    // Only positions below this are read from the global log: every transaction that could still commit has
    // an id >= xmin of the current snapshot, and so positions >= xmin << 20 (see 0001_events.sql).
    private const string CommittedHorizon = "(pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 20)";

    public EventTypeRegistry Registry => registry;

    public NpgsqlDataSource DataSource => dataSource;

    public Task<AppendResult> AppendAsync(StreamAppend append, CancellationToken ct = default) =>
        AppendAsync([append], null, ct);

    /// <summary>Appends to one or more streams, each with its expected version, and runs <paramref name="inline"/>
    /// in the same transaction: all of it commits, or none of it.</summary>
    /// <exception cref="ConcurrencyException">a stream was not at its expected version.</exception>
    public async Task<AppendResult> AppendAsync(
        IReadOnlyList<StreamAppend> appends, Func<InlineContext, CancellationToken, Task>? inline, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (inline is null)
        {
            // Without inline work the append is one batch, and a batch sent without a transaction ends in one Sync, so
            // PostgreSQL runs it as one implicit transaction: all of it commits or none of it, in one round trip
            // instead of two (BEGIN + batch, then COMMIT).
            return await AppendCoreAsync(conn, null, appends, ct);
        }
        await using var tx = await conn.BeginTransactionAsync(ct);
        var result = await AppendCoreAsync(conn, tx, appends, ct);
        await inline(new InlineContext(conn, tx, result), ct);
        try
        {
            await tx.CommitAsync(ct);
        }
        catch (PostgresException e) when (IsConflict(e))
        {
            throw new ConcurrencyException($"The append conflicted with another transaction: {e.MessageText}", e);
        }
        return result;
    }

    /// <summary>Appends and runs <paramref name="inline"/> (statements that need nothing the append returns, such as
    /// read-model upserts whose version is known beforehand) after it in the same batch, sent without a transaction:
    /// PostgreSQL runs it as one implicit transaction, so all of it commits or none of it, in one round trip.</summary>
    /// <exception cref="ConcurrencyException">a stream was not at its expected version.</exception>
    public Task<AppendResult> AppendWithCommandsAsync(
        IReadOnlyList<StreamAppend> appends, IReadOnlyList<NpgsqlBatchCommand> inline, CancellationToken ct = default) =>
        AppendWithCommandsAsync(appends, inline, BulkThreshold, ct);

    /// <summary>The same, going to eventstore.append_many from <paramref name="bulkFrom"/> streams on. A group commit of
    /// many requests' units asks for it from 2: one set-based call cost PostgreSQL about 480 us per stream against 655 us
    /// per eventstore.append call (docs/benchmarks.md, phase e).</summary>
    public async Task<AppendResult> AppendWithCommandsAsync(
        IReadOnlyList<StreamAppend> appends, IReadOnlyList<NpgsqlBatchCommand> inline, int bulkFrom, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await AppendCoreAsync(conn, null, appends, ct, inline, bulkFrom);
    }

    /// <summary>Appends within the caller's transaction (the caller commits).</summary>
    public Task<AppendResult> AppendAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<StreamAppend> appends, CancellationToken ct = default) =>
        AppendCoreAsync(conn, tx, appends, ct);

    private async Task<AppendResult> AppendCoreAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyList<StreamAppend> appends, CancellationToken ct,
        IReadOnlyList<NpgsqlBatchCommand>? inline = null, int bulkFrom = BulkThreshold)
    {
        if (appends.Count == 0 && (inline is null || inline.Count == 0))
        {
            return new AppendResult([]);
        }
        // One stream once per append, in a fixed order, so two multi-stream appends cannot deadlock.
        var ordered = appends.OrderBy(a => a.StreamId, StringComparer.Ordinal).ToList();
        if (ordered.Select(a => a.StreamId).Distinct(StringComparer.Ordinal).Count() != ordered.Count)
        {
            throw new ArgumentException("Each stream may appear only once in an append.", nameof(appends));
        }

        var bulk = ordered.Count(a => a.Events.Count > 0) >= Math.Max(bulkFrom, 2);
        await using var batch = new NpgsqlBatch(conn, tx);
        if (bulk)
        {
            batch.BatchCommands.Add(AppendManyCommand(ordered.Where(a => a.Events.Count > 0).ToList()));
        }
        else
        {
            foreach (var append in ordered)
            {
                batch.BatchCommands.Add(AppendCommand(append));
            }
        }
        foreach (var cmd in inline ?? [])
        {
            batch.BatchCommands.Add(cmd);
        }

        var stored = new List<AppendedEvent>();
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            if (bulk)
            {
                // One result for all streams, in no particular order: put it in the order the per-stream path answers.
                while (await reader.ReadAsync(ct))
                {
                    stored.Add(new AppendedEvent(
                        reader.GetGuid(1), reader.GetString(0), reader.GetInt64(2), reader.GetInt64(3),
                        reader.GetFieldValue<DateTimeOffset>(4), reader.GetBoolean(5)));
                }
                stored.Sort((a, b) => string.CompareOrdinal(a.StreamId, b.StreamId) is var c and not 0 ? c : a.StreamVersion.CompareTo(b.StreamVersion));
                // The inline commands' results are not read, but their errors must surface.
                while (await reader.NextResultAsync(ct))
                {
                }
                return new AppendResult(stored);
            }
            var i = 0;
            // One result per append in order; the inline commands' results after them are not read.
            do
            {
                if (i >= ordered.Count)
                {
                    continue;
                }
                var streamId = ordered[i].StreamId;
                while (await reader.ReadAsync(ct))
                {
                    stored.Add(new AppendedEvent(
                        reader.GetGuid(0), streamId, reader.GetInt64(1), reader.GetInt64(2),
                        reader.GetFieldValue<DateTimeOffset>(3), reader.GetBoolean(4)));
                }
                i++;
            }
            while (await reader.NextResultAsync(ct));
        }
        catch (PostgresException e) when (IsConflict(e))
        {
            throw new ConcurrencyException(e.MessageText, e);
        }
        // WZ002 from the function's check, or the unique index: two appends racing with the same event id, or a new
        // batch repeating an older id after its first event (0003 recognises a retry by its first id only).
        catch (PostgresException e) when (e.SqlState == "WZ002"
            || (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "events_event_id_unique"))
        {
            throw new DuplicateEventException(e.MessageText, e);
        }
        return new AppendResult(stored);
    }

    // From this many streams with events on, an append goes to eventstore.append_many (0004_append_many.sql) in one
    // statement instead of one eventstore.append call per stream (~0.9 ms of PostgreSQL CPU each): closing a tijdvak
    // appends to thousands of streams. Below it, the per-stream path, unchanged.
    internal const int BulkThreshold = 32;

    private NpgsqlBatchCommand AppendCommand(StreamAppend append)
    {
        var cmd = new NpgsqlBatchCommand(
            "select event_id, stream_version, \"position\", recorded_at, duplicate from eventstore.append($1, $2, $3, $4, $5, $6, $7)");
        var events = append.Events;
        cmd.Parameters.Add(new NpgsqlParameter { Value = append.StreamId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = append.StreamType });
        cmd.Parameters.Add(new NpgsqlParameter { Value = append.ExpectedVersion.Value });
        AddEventParameters(cmd, events);
        return cmd;
    }

    // The streams in ordinal order, each with events; the events flattened in that order (what append_many expects).
    private NpgsqlBatchCommand AppendManyCommand(IReadOnlyList<StreamAppend> ordered)
    {
        var cmd = new NpgsqlBatchCommand(
            "select out_stream_id, out_event_id, out_stream_version, out_position, out_recorded_at, out_duplicate "
            + "from eventstore.append_many($1, $2, $3, $4, $5, $6, $7, $8)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = ordered.Select(a => a.StreamId).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = ordered.Select(a => a.StreamType).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = ordered.Select(a => a.ExpectedVersion.Value).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = ordered.SelectMany(a => a.Events.Select(_ => a.StreamId)).ToArray() });
        AddEventParameters(cmd, ordered.SelectMany(a => a.Events).ToList());
        return cmd;
    }

    private void AddEventParameters(NpgsqlBatchCommand cmd, IReadOnlyList<EventToAppend> events)
    {
        cmd.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.EventId).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => registry.NameOf(e.Data.GetType())).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter
        {
            Value = events.Select(e => registry.Serialize(e.Data)).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
        });
        cmd.Parameters.Add(new NpgsqlParameter
        {
            Value = events.Select(e => JsonSerializer.Serialize(e.Metadata, registry.SerializerOptions)).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
        });
    }

    // WZ001: expected version not met (0001_events.sql). 23505 on the events table: two writers raced past the
    // check (cannot happen under the row lock, but a unique violation must never surface as anything else).
    // 40001/40P01: serialization failure or deadlock, both safe to retry.
    private static bool IsConflict(PostgresException e) =>
        e.SqlState is "WZ001" or "40001" or "40P01"
        || (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName is "events_stream_version_unique" or "streams_pkey");

    /// <summary>The stream's version: the number of events in it, 0 when it does not exist.</summary>
    public async Task<long> GetVersionAsync(string streamId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("select version from eventstore.streams where stream_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = streamId });
        return await cmd.ExecuteScalarAsync(ct) is long v ? v : 0;
    }

    /// <summary>Reads a stream in order: whole, up to and including a version, or as it stood at a moment.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(
        string streamId, long? toVersion = null, DateTimeOffset? asOf = null, CancellationToken ct = default)
    {
        var raw = await ReadStreamRawAsync(streamId, toVersion, asOf, ct);
        return raw.Select(ToRecorded).ToList();
    }

    public async Task<IReadOnlyList<RawEvent>> ReadStreamRawAsync(
        string streamId, long? toVersion = null, DateTimeOffset? asOf = null, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
             select {Columns} from eventstore.events
             where stream_id = $1 and ($2::bigint is null or stream_version <= $2) and ($3::timestamptz is null or recorded_at <= $3)
             order by stream_version
             """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = streamId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)toVersion ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)asOf?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var list = new List<RawEvent>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(ReadRaw(reader));
        }
        return list;
    }

    /// <summary>The events of a stream after <paramref name="afterVersion"/>, in order: how a cached state catches up.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAfterAsync(string streamId, long afterVersion, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"select {Columns} from eventstore.events where stream_id = $1 and stream_version > $2 order by stream_version");
        cmd.Parameters.Add(new NpgsqlParameter { Value = streamId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = afterVersion });
        var list = new List<RecordedEvent>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(ToRecorded(ReadRaw(reader)));
        }
        return list;
    }

    /// <summary>The events of several streams, each after its own version, in one round trip: how a request that needs
    /// several cached states catches them up at once. Streams with nothing newer are absent from the answer.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<RecordedEvent>>> ReadStreamsAfterAsync(
        IReadOnlyList<(string StreamId, long AfterVersion)> streams, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
             select {Columns} from unnest($1::text[], $2::bigint[]) as s(id, after_version)
             join eventstore.events e on e.stream_id = s.id and e.stream_version > s.after_version
             order by e.stream_id, e.stream_version
             """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = streams.Select(s => s.StreamId).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = streams.Select(s => s.AfterVersion).ToArray() });
        var result = new Dictionary<string, IReadOnlyList<RecordedEvent>>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var e = ToRecorded(ReadRaw(reader));
            if (!result.TryGetValue(e.StreamId, out var list))
            {
                list = new List<RecordedEvent>();
                result[e.StreamId] = list;
            }
            ((List<RecordedEvent>)list).Add(e);
        }
        return result;
    }

    /// <summary>A page of the global log after <paramref name="afterPosition"/>, in commit-safe order: an event
    /// whose transaction commits later than a higher position's is never skipped (it is simply not returned until
    /// every transaction that could precede it has finished).</summary>
    public async Task<LogPage> ReadLogAsync(long afterPosition, int limit, CancellationToken ct = default)
    {
        var events = new List<RecordedEvent>(Math.Min(limit, 10_000));
        await foreach (var e in ReadLogRawAsync(afterPosition, limit, ct))
        {
            events.Add(ToRecorded(e));
        }
        return new LogPage(events, events.Count > 0 ? events[^1].Position : afterPosition);
    }

    /// <summary>Streams the committed log after <paramref name="afterPosition"/> in constant memory.</summary>
    public async IAsyncEnumerable<RawEvent> ReadLogRawAsync(
        long afterPosition, int? limit = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"""
             select {Columns} from eventstore.events
             where position > $1 and position < {CommittedHorizon}
             order by position
             limit $2
             """, conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = afterPosition });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)limit ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            yield return ReadRaw(reader);
        }
    }

    /// <summary>Recomputes every stream's hash chain and names the first event (lowest position) that does not match.</summary>
    public async Task<VerificationResult> VerifyAsync(string? streamId = null, CancellationToken ct = default)
    {
        var heads = new Dictionary<string, (long, byte[]?)>(StringComparer.Ordinal);
        await using (var cmd = dataSource.CreateCommand(
            "select stream_id, version, last_hash from eventstore.streams where $1::text is null or stream_id = $1"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)streamId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                heads[reader.GetString(0)] = (reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2));
            }
        }

        var verifier = new ChainVerifier(heads);
        await using (var cmd = dataSource.CreateCommand(
            $"select {Columns} from eventstore.events where $1::text is null or stream_id = $1 order by stream_id, stream_version"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)streamId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
            while (await reader.ReadAsync(ct))
            {
                verifier.Add(ReadRaw(reader));
            }
        }
        return verifier.Finish();
    }

    public RecordedEvent ToRecorded(RawEvent e) => new(
        e.Position, e.StreamId, e.StreamVersion, e.EventId, e.EventType,
        registry.Deserialize(e.EventType, e.Data),
        JsonSerializer.Deserialize<EventMetadata>(e.Metadata, registry.SerializerOptions)
            ?? throw new InvalidOperationException($"Event {e.EventId} has no metadata."),
        e.RecordedAt, e.Hash);

    private static RawEvent ReadRaw(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetInt64(2),
        reader.GetGuid(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6),
        reader.GetFieldValue<DateTimeOffset>(7),
        reader.GetFieldValue<byte[]>(8));
}
