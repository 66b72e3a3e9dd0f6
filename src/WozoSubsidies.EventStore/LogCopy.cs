using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Npgsql;

namespace WozoSubsidies.EventStore;

/// <summary>One stored event as a view on the copy buffer: valid only during the callback, so a whole log streams
/// through without an object, a string or a byte array per event. Text fields are UTF-8 as PostgreSQL sent them.</summary>
public readonly ref struct RawEventView
{
    public long Position { get; init; }
    public ReadOnlySpan<byte> StreamId { get; init; }
    public long StreamVersion { get; init; }
    public Guid EventId { get; init; }
    public ReadOnlySpan<byte> EventType { get; init; }

    /// <summary>PostgreSQL's canonical jsonb text (data_text = data::text, stored), which the hash covers.</summary>
    public ReadOnlySpan<byte> Data { get; init; }

    public ReadOnlySpan<byte> Metadata { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public ReadOnlySpan<byte> Hash { get; init; }
}

public delegate void RawEventViewHandler(in RawEventView e);

/// <summary>The committed log after a position, in commit-safe order, read with <c>COPY ... TO STDOUT (FORMAT binary)</c>
/// and parsed in place: the export path for a log of millions of events in constant memory. The same rows and
/// horizon as <see cref="PostgresEventStore.ReadLogRawAsync"/>.</summary>
public sealed class LogCopy(NpgsqlDataSource dataSource)
{
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    /// <param name="onEvent">Called for every event, synchronously, in order.</param>
    /// <param name="afterChunk">Called after each chunk of events (about <paramref name="chunkBytes"/> of input): the
    /// moment to flush what the callbacks wrote.</param>
    public async Task CopyAsync(long afterPosition, RawEventViewHandler onEvent, Func<CancellationToken, ValueTask> afterChunk,
        int chunkBytes = 1 << 20, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var sql = CopySql(string.Create(CultureInfo.InvariantCulture,
            $"position > {afterPosition} and position < (pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 20)"));
        await using var copy = await conn.BeginRawBinaryCopyAsync(sql, ct);
        var tuples = new TupleReader(chunkBytes);
        bool done;
        do
        {
            done = tuples.Advance(await copy.ReadAsync(tuples.FreeSpace(), ct), onEvent);
            await afterChunk(ct);
        }
        while (!done);
    }

    /// <summary>The same events as <see cref="CopyAsync"/>, read over <paramref name="connections"/> connections at once so
    /// that PostgreSQL's reading and this process's formatting run on as many cores: the log below one committed horizon (taken once, at the
    /// start) is cut into position ranges of <paramref name="chunkEvents"/> events; each connection reads every
    /// <paramref name="connections"/>-th range with a binary COPY on a thread of its own and formats it into a buffer of
    /// that chunk (<paramref name="formatterFor"/>), and <paramref name="write"/> gets the chunks' bytes strictly in
    /// position order. At most two chunks per connection are held, so memory stays flat whatever the log's size.</summary>
    /// <param name="formatterFor">Called once per chunk buffer: returns the handler that writes one event into it. A
    /// handler is only ever called from one thread at a time; different buffers' handlers run in parallel.</param>
    /// <param name="write">Called with every chunk's bytes, in order, one call at a time, on the caller's flow. The
    /// memory is valid until the returned task completes.</param>
    public async Task CopyParallelAsync(long afterPosition, Func<IBufferWriter<byte>, RawEventViewHandler> formatterFor,
        Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> write, int connections = 2, int chunkEvents = 2_500,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkEvents, 1);
        var ranges = await RangesAsync(afterPosition, chunkEvents, ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var slots = Enumerable.Range(0, 2 * connections).Select(_ => new ChunkSlot(formatterFor)).ToArray();
        ExceptionDispatchInfo? failure = null;
        void Read(int reader)
        {
            try
            {
                ReadChunks(reader, connections, ranges, slots, stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // Stopped by the writer (the export was cancelled) or by another reader's failure; whatever ending the
                // COPY midway threw is not news.
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                stop.Cancel(); // the writer and the other readers stop; the writer reports this exception
            }
        }
        var readers = Enumerable.Range(0, Math.Min(connections, ranges.Count))
            .Select(r => Task.Factory.StartNew(() => Read(r), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default)) // blocking reads on threads of their own, not the pool's
            .ToArray();
        try
        {
            for (var k = 0; k < ranges.Count; k++)
            {
                var slot = slots[k % slots.Length];
                await slot.Filled.WaitAsync(stop.Token);
                await write(slot.Buffer.WrittenMemory, stop.Token);
                slot.Free.Release();
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && Volatile.Read(ref failure) is not null)
        {
            // A reader failed and stopped the rest: its exception is the one to report (after the finally).
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(readers); // Read catches everything: the connections are back in the pool after this
            foreach (var slot in slots)
            {
                slot.Dispose();
            }
        }
        failure?.Throw();
    }

    /// <summary>The committed horizon, taken once, and every <paramref name="chunkEvents"/>-th position below it: the
    /// ranges (from, to] in order. Every position below the horizon belongs to a finished transaction, so later snapshots
    /// on other connections see exactly the same rows in these ranges.</summary>
    private async Task<List<(long From, long To)>> RangesAsync(long afterPosition, int chunkEvents, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var horizonCmd = new NpgsqlCommand("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 20", conn);
        var horizon = (long)(await horizonCmd.ExecuteScalarAsync(ct))!;
        var ranges = new List<(long From, long To)>();
        if (horizon - 1 <= afterPosition)
        {
            return ranges;
        }
        await using var cmd = new NpgsqlCommand(
            """
            select position from (
                select position, row_number() over (order by position) as n
                from eventstore.events where position > $1 and position < $2) t
            where n % $3 = 0 order by position
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterPosition });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = horizon });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = chunkEvents });
        var from = afterPosition;
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var to = reader.GetInt64(0);
                ranges.Add((from, to));
                from = to;
            }
        }
        if (from < horizon - 1)
        {
            ranges.Add((from, horizon - 1));
        }
        return ranges;
    }

    private void ReadChunks(int reader, int connections, List<(long From, long To)> ranges, ChunkSlot[] slots, CancellationToken ct)
    {
        using var conn = dataSource.OpenConnection();
        var tuples = new TupleReader(1 << 20);
        for (var k = reader; k < ranges.Count; k += connections)
        {
            var slot = slots[k % slots.Length];
            slot.Free.Wait(ct);
            slot.Buffer.ResetWrittenCount();
            var (from, to) = ranges[k];
            using (var copy = conn.BeginRawBinaryCopy(CopySql(string.Create(CultureInfo.InvariantCulture, $"position > {from} and position <= {to}"))))
            {
                tuples.Restart();
                while (!tuples.Advance(copy.Read(tuples.FreeSpace().Span), slot.Line))
                {
                    ct.ThrowIfCancellationRequested();
                }
            }
            slot.Filled.Release();
        }
    }

    private static string CopySql(string where) =>
        $"""
         copy (select {PostgresEventStore.Columns}
               from eventstore.events where {where} order by position) to stdout (format binary)
         """;

    /// <summary>One chunk's buffer and formatter; Free and Filled hand it between its reader and the writer.</summary>
    private sealed class ChunkSlot(Func<IBufferWriter<byte>, RawEventViewHandler> formatterFor) : IDisposable
    {
        public ArrayBufferWriter<byte> Buffer { get; } = new(1 << 20);

        public SemaphoreSlim Free { get; } = new(1);

        public SemaphoreSlim Filled { get; } = new(0);

        public RawEventViewHandler Line => _line ??= formatterFor(Buffer);

        private RawEventViewHandler? _line;

        public void Dispose()
        {
            Free.Dispose();
            Filled.Dispose();
        }
    }

    /// <summary>A binary COPY stream parsed in place: a buffer that keeps an incomplete tuple at its front and grows for a
    /// tuple longer than itself.</summary>
    private sealed class TupleReader(int size)
    {
        private byte[] _buffer = new byte[Math.Max(size, 1 << 16)];
        private int _filled;
        private int _start;
        private bool _header = true;

        public void Restart() => (_filled, _start, _header) = (0, 0, true);

        public Memory<byte> FreeSpace()
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _filled - _start);
                _filled -= _start;
                _start = 0;
            }
            else if (_filled == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            return _buffer.AsMemory(_filled);
        }

        /// <summary>Takes <paramref name="read"/> more bytes, calls <paramref name="onEvent"/> for every complete tuple;
        /// true when the trailer was reached.</summary>
        public bool Advance(int read, RawEventViewHandler onEvent)
        {
            if (read == 0)
            {
                throw new InvalidOperationException("The COPY stream ended without its trailer.");
            }
            _filled += read;
            if (_header)
            {
                if (_filled < 19)
                {
                    return false;
                }
                if (!_buffer.AsSpan(0, 11).SequenceEqual(Signature))
                {
                    throw new InvalidOperationException("Not a binary COPY stream.");
                }
                var extension = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(15));
                if (_filled < 19 + extension)
                {
                    return false;
                }
                _start = 19 + extension;
                _header = false;
            }
            var (consumed, done) = Parse(_buffer.AsSpan(_start, _filled - _start), onEvent);
            _start += consumed;
            return done;
        }
    }

    /// <summary>Parses every complete tuple in <paramref name="span"/>; returns the bytes consumed and whether the trailer was reached.</summary>
    private static (int Consumed, bool Done) Parse(ReadOnlySpan<byte> span, RawEventViewHandler onEvent)
    {
        var offset = 0;
        Span<Range> f = stackalloc Range[9];
        while (span.Length - offset >= 2)
        {
            var fields = BinaryPrimitives.ReadInt16BigEndian(span[offset..]);
            if (fields == -1)
            {
                return (offset + 2, true);
            }
            if (fields != 9)
            {
                throw new InvalidOperationException($"A COPY tuple with {fields} fields; 9 expected.");
            }
            var p = offset + 2;
            var complete = true;
            for (var i = 0; i < 9; i++)
            {
                if (span.Length - p < 4)
                {
                    complete = false;
                    break;
                }
                var length = BinaryPrimitives.ReadInt32BigEndian(span[p..]);
                p += 4;
                if (length < 0)
                {
                    throw new InvalidOperationException("A NULL in a NOT NULL column of eventstore.events.");
                }
                if (span.Length - p < length)
                {
                    complete = false;
                    break;
                }
                f[i] = p..(p + length);
                p += length;
            }
            if (!complete)
            {
                break;
            }
            onEvent(new RawEventView
            {
                Position = BinaryPrimitives.ReadInt64BigEndian(span[f[0]]),
                StreamId = span[f[1]],
                StreamVersion = BinaryPrimitives.ReadInt64BigEndian(span[f[2]]),
                EventId = new Guid(span[f[3]], bigEndian: true),
                EventType = span[f[4]],
                Data = span[f[5]],
                Metadata = span[f[6]],
                RecordedAt = new DateTimeOffset(PostgresEpochTicks + (BinaryPrimitives.ReadInt64BigEndian(span[f[7]]) * 10), TimeSpan.Zero),
                Hash = span[f[8]],
            });
            offset = p;
        }
        return (offset, false);
    }
}
