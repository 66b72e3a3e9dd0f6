using System.Collections.Concurrent;

namespace WozoSubsidies.EventStore.Tests;

/// <summary>The global log must never let a reader skip an event whose transaction commits late
/// (ARCHITECTURE.md: "a lower position can commit after a higher one").</summary>
public sealed class CommitOrderTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task A_transaction_that_took_a_lower_position_but_commits_later_is_not_skipped_by_a_log_reader()
    {
        var store = db.Store();
        var checkpoint = await CaughtUpPositionAsync(store);

        // A appends first (the lower position) and stays open; B appends later and commits at once.
        await using var connA = await db.DataSource.OpenConnectionAsync();
        await using var txA = await connA.BeginTransactionAsync();
        var a = await store.AppendAsync(connA, txA, [EventStoreDatabase.Append("late-a", 0, new NaamGewijzigd("A"))]);
        var b = await store.AppendAsync(EventStoreDatabase.Append("late-b", 0, new NaamGewijzigd("B")));
        Assert.True(a.Events[0].Position < b.Events[0].Position);

        // A reader polling now may not move its checkpoint past A's position.
        var early = await store.ReadLogAsync(checkpoint, 1000);
        Assert.DoesNotContain(early.Events, e => e.StreamId == "late-b");
        Assert.True(early.NextPosition < a.Events[0].Position);
        checkpoint = early.NextPosition;

        await txA.CommitAsync();

        var later = await ReadUntilAsync(store, checkpoint, events => events.Any(e => e.StreamId == "late-b"));
        var order = later.Where(e => e.StreamId is "late-a" or "late-b").Select(e => e.StreamId).ToList();
        Assert.Equal(["late-a", "late-b"], order);
    }

    [Fact]
    public async Task A_reader_polling_during_many_writers_with_random_commit_delays_sees_every_event_exactly_once()
    {
        var store = db.Store();
        var checkpoint = await CaughtUpPositionAsync(store);
        const int writers = 16, perWriter = 15;
        var written = new ConcurrentBag<Guid>();
        var seen = new List<Guid>();

        // The reader polls until it has seen every event. An empty page proves nothing: an open transaction anywhere
        // in the cluster (other test processes share it) holds the committed horizon back for a while, by design.
        var reader = Task.Run(async () =>
        {
            var position = checkpoint;
            var lastPosition = checkpoint;
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (seen.Count < writers * perWriter && DateTime.UtcNow < deadline)
            {
                var page = await store.ReadLogAsync(position, 200);
                foreach (var e in page.Events.Where(e => e.StreamId.StartsWith("stress-", StringComparison.Ordinal)))
                {
                    Assert.True(e.Position > lastPosition, "the log went backwards");
                    lastPosition = e.Position;
                    seen.Add(e.EventId);
                }
                position = page.NextPosition;
                if (page.Events.Count == 0)
                {
                    await Task.Delay(2);
                }
            }
        });

        var random = new Random(20261122);
        var delays = Enumerable.Range(0, writers * perWriter).Select(_ => random.Next(0, 25)).ToArray();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                await using var conn = await db.DataSource.OpenConnectionAsync();
                await using var tx = await conn.BeginTransactionAsync();
                var evt = EventToAppend.Create(new NaamGewijzigd($"{w}-{i}"), EventStoreDatabase.Meta());
                await store.AppendAsync(conn, tx, [new StreamAppend($"stress-{w}", "test", ExpectedVersion.Of(i), [evt])]);
                await Task.Delay(delays[(w * perWriter) + i]); // commit late, after others took higher positions
                await tx.CommitAsync();
                written.Add(evt.EventId);
            }
        })));
        await reader;

        Assert.Equal(writers * perWriter, seen.Count);
        Assert.Equal(written.Order(), seen.Order());
    }

    private static async Task<long> CaughtUpPositionAsync(PostgresEventStore store)
    {
        var position = 0L;
        while (true)
        {
            var page = await store.ReadLogAsync(position, 1000);
            if (page.Events.Count == 0)
            {
                return position;
            }
            position = page.NextPosition;
        }
    }

    // Other test classes share the cluster, and an open transaction anywhere holds the horizon back for a moment:
    // poll, never sleep a fixed time.
    private static async Task<List<RecordedEvent>> ReadUntilAsync(PostgresEventStore store, long from, Func<List<RecordedEvent>, bool> enough)
    {
        var all = new List<RecordedEvent>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!enough(all))
        {
            Assert.True(DateTime.UtcNow < deadline, "the log did not deliver the events in time");
            var page = await store.ReadLogAsync(from, 1000);
            all.AddRange(page.Events);
            from = page.NextPosition;
            if (page.Events.Count == 0)
            {
                await Task.Delay(10);
            }
        }
        return all;
    }
}
