using System.Buffers.Binary;
using System.Globalization;
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

    /// <summary>PostgreSQL's canonical jsonb text (data::text), which the hash covers.</summary>
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
        var sql = string.Create(CultureInfo.InvariantCulture,
            $"""
             copy (select position, stream_id, stream_version, event_id, event_type, data::text, metadata::text, recorded_at, hash
                   from eventstore.events
                   where position > {afterPosition} and position < (pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 20)
                   order by position) to stdout (format binary)
             """);
        await using var copy = await conn.BeginRawBinaryCopyAsync(sql, ct);
        var buffer = new byte[Math.Max(chunkBytes, 1 << 16)];
        int filled = 0, start = 0;
        var header = true;
        while (true)
        {
            if (start > 0)
            {
                // Keep the incomplete tail at the front; a tuple longer than the buffer grows it.
                Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                filled -= start;
                start = 0;
            }
            else if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            var read = await copy.ReadAsync(buffer.AsMemory(filled), ct);
            if (read == 0)
            {
                throw new InvalidOperationException("The COPY stream ended without its trailer.");
            }
            filled += read;
            if (header)
            {
                if (filled < 19)
                {
                    continue;
                }
                if (!buffer.AsSpan(0, 11).SequenceEqual(Signature))
                {
                    throw new InvalidOperationException("Not a binary COPY stream.");
                }
                var extension = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(15));
                if (filled < 19 + extension)
                {
                    continue;
                }
                start = 19 + extension;
                header = false;
            }
            var (consumed, done) = Parse(buffer.AsSpan(start, filled - start), onEvent);
            start += consumed;
            await afterChunk(ct);
            if (done)
            {
                return;
            }
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
