using System.Text;

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
