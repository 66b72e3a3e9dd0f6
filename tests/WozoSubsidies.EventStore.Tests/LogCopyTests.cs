using System.Buffers;
using System.Text;
using Npgsql;

namespace WozoSubsidies.EventStore.Tests;

public sealed class LogCopyTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task The_binary_copy_of_the_log_gives_every_event_exactly_as_the_row_reader_does_also_events_larger_than_its_buffer()
    {
        var store = db.Store();
        var events = Enumerable.Range(0, 30)
            .Select(i => (object)new NaamGewijzigd(i % 10 == 3 ? new string('é', 100_000) + i : $"naam {i} — café €"))
            .ToArray();
        await store.AppendAsync(EventStoreDatabase.Append("s-copy", 0, events[..15]));
        await store.AppendAsync(EventStoreDatabase.Append("s-copy-2", 0, events[15..]));

        // Other test classes share the cluster; an open transaction anywhere holds the committed horizon back for a moment.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<RawEvent> rows;
        while ((rows = await ReadRowsAsync(store)).Count < events.Length)
        {
            Assert.True(DateTime.UtcNow < deadline, "the log did not deliver the events in time");
            await Task.Delay(10);
        }

        var copied = new List<RawEvent>();
        var chunks = 0;
        await new LogCopy(db.DataSource).CopyAsync(0, (in RawEventView e) => copied.Add(new RawEvent(
                e.Position, Encoding.UTF8.GetString(e.StreamId), e.StreamVersion, e.EventId, Encoding.UTF8.GetString(e.EventType),
                Encoding.UTF8.GetString(e.Data), Encoding.UTF8.GetString(e.Metadata), e.RecordedAt, e.Hash.ToArray())),
            _ =>
            {
                chunks++;
                return ValueTask.CompletedTask;
            },
            chunkBytes: 0); // the smallest buffer (64 KB): the 200 KB events make it grow

        Assert.Equal(rows.Count, copied.Count);
        foreach (var (row, copy) in rows.Zip(copied))
        {
            Assert.Equal(row with { Hash = [] }, copy with { Hash = [] });
            Assert.Equal(row.Hash, copy.Hash);
            Assert.Equal(row.Hash, EventHashing.Next(row.StreamVersion == 1 ? null : rows.Single(r => r.StreamId == row.StreamId && r.StreamVersion == row.StreamVersion - 1).Hash, copy));
        }
        Assert.True(chunks > 1);
    }

    [Fact]
    public async Task The_parallel_copy_gives_the_single_stream_copy_byte_for_byte_in_order_over_many_chunks_while_appends_run()
    {
        var store = db.Store();
        for (var s = 0; s < 6; s++)
        {
            await store.AppendAsync(EventStoreDatabase.Append($"s-par-{s}", 0,
                Enumerable.Range(0, 500).Select(i => (object)new BedragGeboekt($"boeking {s}/{i} — €", 10.5m + i)).ToArray()));
        }
        // Below the committed horizon first (an open transaction of another test class can hold it back), so the copy
        // has its 30 chunks of them whatever else runs.
        await BelowHorizonAsync("^s-par-[0-9]+$", 3_000);
        var before = await SingleStreamAsync();

        // Writers keep appending (single events and batches) all through the parallel copy.
        using var stopAppending = new CancellationTokenSource();
        var appended = 0;
        var appender = Task.Run(async () =>
        {
            for (var n = 0; !stopAppending.IsCancellationRequested; n++)
            {
                await store.AppendAsync(EventStoreDatabase.Append($"s-par-live-{n}", 0,
                    Enumerable.Range(0, 1 + (n % 3 * 20)).Select(i => (object)new NaamGewijzigd($"live {n}/{i}")).ToArray()));
                Interlocked.Increment(ref appended);
            }
        });
        await WaitUntilAsync(() => Volatile.Read(ref appended) > 0);
        var parallel = new List<byte[]>();
        var chunks = 0;
        await new LogCopy(db.DataSource).CopyParallelAsync(0, Lines, (chunk, _) =>
        {
            chunks++;
            parallel.AddRange(Split(chunk.ToArray()));
            return ValueTask.CompletedTask;
        }, connections: 3, chunkEvents: 97);
        var appendedDuring = Volatile.Read(ref appended);
        await stopAppending.CancelAsync();
        await appender;
        // The events appended after the copy's horizon reach a later read once no open transaction anywhere in the
        // cluster (other test classes) holds the horizon back.
        List<byte[]> after = [];
        await WaitUntilAsync(async () => (after = await SingleStreamAsync()).Count > parallel.Count || appendedDuring == Volatile.Read(ref appended));

        Assert.True(chunks > 30, $"{chunks} chunks");
        Assert.True(parallel.Count >= before.Count, "every event committed before the export is in it");
        for (var i = 0; i < parallel.Count; i++)
        {
            Assert.Equal(after[i], parallel[i]); // same bytes, same order: a prefix of the log in commit-safe order
        }
    }

    [Fact]
    public async Task A_parallel_copy_that_is_cancelled_or_fails_midway_stops_its_copies_and_gives_its_connections_back()
    {
        var store = db.Store();
        await store.AppendAsync(EventStoreDatabase.Append("s-par-stop", 0,
            Enumerable.Range(0, 2_000).Select(i => (object)new NaamGewijzigd(new string('x', 500) + i)).ToArray()));
        // Below the committed horizon first (an open transaction of another test class holds it back a moment), so the
        // copy has its 40 chunks to be cancelled in.
        await BelowHorizonAsync("^s-par-stop$", 2_000);
        await using var pool = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(db.ConnectionString) { MaxPoolSize = 2, Timeout = 5 }.ConnectionString);
        var copy = new LogCopy(pool);

        // The client goes away after the first chunk.
        using var gone = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => copy.CopyParallelAsync(0, Lines, async (_, _) =>
        {
            await gone.CancelAsync();
        }, connections: 2, chunkEvents: 50, ct: gone.Token));
        await AssertReleasedAsync(pool);

        // A reader fails (here: its formatter): that exception comes out, not a cancellation.
        var failing = await Assert.ThrowsAsync<InvalidOperationException>(() => copy.CopyParallelAsync(0, output =>
        {
            var n = 0;
            return (in RawEventView e) =>
            {
                if (++n == 70)
                {
                    throw new InvalidOperationException("formatter broke");
                }
                output.Write(e.Data);
            };
        }, (_, _) => ValueTask.CompletedTask, connections: 2, chunkEvents: 50));
        Assert.Equal("formatter broke", failing.Message);
        await AssertReleasedAsync(pool);
    }

    /// <summary>No COPY of the log is left running on the server, and the pool (2 connections) hands out both again.</summary>
    private async Task AssertReleasedAsync(NpgsqlDataSource pool)
    {
        await WaitUntilAsync(async () => await db.ScalarAsync<long>(
            "select count(*) from pg_stat_activity where datname = current_database() and state = 'active' and query like 'copy (select position%'") == 0);
        await using var a = await pool.OpenConnectionAsync();
        await using var b = await pool.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("select 1", b);
        Assert.Equal(1, await cmd.ExecuteScalarAsync());
    }

    /// <summary>Each event as one line of every field (enough to tell any two apart), written like the export writes.</summary>
    private static RawEventViewHandler Lines(IBufferWriter<byte> output) => (in RawEventView e) =>
    {
        output.Write(Encoding.UTF8.GetBytes($"{e.Position}|{e.StreamVersion}|{e.EventId}|{e.RecordedAt:O}|{Convert.ToHexString(e.Hash)}|"));
        output.Write(e.StreamId);
        output.Write(e.EventType);
        output.Write(e.Data);
        output.Write(e.Metadata);
        output.Write("\n"u8);
    };

    private static IEnumerable<byte[]> Split(byte[] bytes)
    {
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                yield return bytes[start..i];
                start = i + 1;
            }
        }
    }

    private async Task<List<byte[]>> SingleStreamAsync()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var line = Lines(buffer);
        await new LogCopy(db.DataSource).CopyAsync(0, line, _ => ValueTask.CompletedTask);
        return Split(buffer.WrittenSpan.ToArray()).ToList();
    }

    /// <summary>Waits until all <paramref name="events"/> events of the streams matching <paramref name="streamPattern"/> lie
    /// below the committed horizon: an open transaction of another test class can hold it back a moment.</summary>
    private Task BelowHorizonAsync(string streamPattern, long events) => WaitUntilAsync(async () => await db.ScalarAsync<long>(
        $"select count(*) from eventstore.events where stream_id ~ '{streamPattern}' and position < (pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 20)") == events);

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(20);
        }
    }

    private static async Task<List<RawEvent>> ReadRowsAsync(PostgresEventStore store)
    {
        var rows = new List<RawEvent>();
        await foreach (var e in store.ReadLogRawAsync(0))
        {
            rows.Add(e);
        }
        return rows;
    }
}
