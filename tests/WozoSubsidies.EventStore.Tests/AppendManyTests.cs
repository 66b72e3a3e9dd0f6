namespace WozoSubsidies.EventStore.Tests;

/// <summary>Appends to many streams at once (0004_append_many.sql, used from <see cref="PostgresEventStore.BulkThreshold"/>
/// streams on): the same answers as one eventstore.append per stream.</summary>
public sealed class AppendManyTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    private const int Streams = 40;

    private static List<StreamAppend> Batch(string prefix, Func<int, long> expected, int eventsPerStream = 1) =>
        Enumerable.Range(0, Streams).Select(i => new StreamAppend(
            $"{prefix}-{i:D3}", "test", new ExpectedVersion(expected(i)),
            Enumerable.Range(0, eventsPerStream)
                .Select(k => EventToAppend.Create(new BedragGeboekt($"{prefix} {i}.{k}", i + k / 100m), EventStoreDatabase.Meta()))
                .ToList())).ToList();

    [Fact]
    public async Task A_stale_version_on_one_stream_fails_the_whole_bulk_append_and_stores_nothing()
    {
        var store = db.Store();
        await store.AppendAsync(EventStoreDatabase.Append("am-stale-017", 0, new NaamGewijzigd("al")));

        // Every stream new (expected 0), but am-stale-017 already has an event.
        var ex = await Assert.ThrowsAsync<ConcurrencyException>(() => store.AppendAsync(Batch("am-stale", _ => 0), null));

        Assert.Contains("am-stale-017", ex.Message);
        Assert.Equal(1, await db.ScalarAsync<long>("select count(*) from eventstore.events where stream_id like 'am-stale-%'"));
        Assert.Equal(1, await db.ScalarAsync<long>("select count(*) from eventstore.streams where stream_id like 'am-stale-%'"));
        Assert.Equal(1, await store.GetVersionAsync("am-stale-017"));
    }

    [Fact]
    public async Task A_retried_bulk_append_is_recognised_and_answers_with_the_stored_positions()
    {
        var store = db.Store();
        var batch = Batch("am-retry", _ => 0, eventsPerStream: 2);
        var first = await store.AppendAsync(batch, null);
        // The streams move on before the retry arrives (a lost acknowledgement).
        await store.AppendAsync(EventStoreDatabase.Append("am-retry-005", 2, new NaamGewijzigd("daarna")));

        var retry = await store.AppendAsync(batch, null);

        Assert.True(retry.AllDuplicates);
        Assert.Equal(first.Events.Select(e => (e.StreamId, e.EventId, e.StreamVersion, e.Position, e.RecordedAt)),
            retry.Events.Select(e => (e.StreamId, e.EventId, e.StreamVersion, e.Position, e.RecordedAt)));
        Assert.Equal(Streams * 2 + 1, await db.ScalarAsync<long>("select count(*) from eventstore.events where stream_id like 'am-retry-%'"));
        Assert.Equal(3, await store.GetVersionAsync("am-retry-005"));
    }

    [Fact]
    public async Task Streams_already_stored_answer_as_duplicates_while_the_other_streams_of_the_batch_are_appended()
    {
        var store = db.Store();
        var batch = Batch("am-mixed", _ => 0);
        var first = await store.AppendAsync(batch, null);
        var more = batch.Concat(Enumerable.Range(0, 3).Select(i => EventStoreDatabase.Append($"am-mixed-new-{i}", 0, new NaamGewijzigd("nieuw")))).ToList();

        var result = await store.AppendAsync(more, null);

        // As with one append per stream: the retried streams answer with what was stored, the new ones are appended.
        Assert.Equal(first.Events.Select(e => (e.EventId, e.Position)),
            result.Events.Where(e => e.Duplicate).Select(e => (e.EventId, e.Position)));
        Assert.Equal(["am-mixed-new-0", "am-mixed-new-1", "am-mixed-new-2"], result.Events.Where(e => !e.Duplicate).Select(e => e.StreamId));
        Assert.Equal(Streams + 3, await db.ScalarAsync<long>("select count(*) from eventstore.events where stream_id like 'am-mixed-%'"));
        Assert.True((await store.VerifyAsync("am-mixed-new-2")).Ok);
    }

    [Fact]
    public async Task A_bulk_append_whose_event_ids_are_partly_stored_is_refused_and_stores_nothing()
    {
        var store = db.Store();
        var stored = EventToAppend.Create(new NaamGewijzigd("al opgeslagen"), EventStoreDatabase.Meta());
        await store.AppendAsync(new StreamAppend("am-partial-003", "test", ExpectedVersion.NoStream, [stored]));

        // Stream 003's first id is new, its second is stored: not a retry, and the whole batch is refused.
        var batch = Batch("am-partial", i => i == 3 ? 1 : 0);
        batch[3] = batch[3] with { Events = [batch[3].Events[0], stored] };
        await Assert.ThrowsAsync<DuplicateEventException>(() => store.AppendAsync(batch, null));

        // A batch whose stream 010 re-sends the stored event as its own: stored in another stream.
        var elsewhere = Batch("am-partial", i => i == 3 ? 1 : 0);
        elsewhere[10] = elsewhere[10] with { Events = [stored] };
        await Assert.ThrowsAsync<DuplicateEventException>(() => store.AppendAsync(elsewhere, null));

        Assert.Equal(1, await db.ScalarAsync<long>("select count(*) from eventstore.events where stream_id like 'am-partial-%'"));
        Assert.Equal(0, await store.GetVersionAsync("am-partial-010"));
    }

    [Fact]
    public async Task The_chains_a_bulk_append_writes_are_the_ones_eventstore_event_content_defines()
    {
        var store = db.Store();
        // Half the streams exist already (their chains continue), half are new; three events each, with non-ASCII text.
        for (var i = 0; i < Streams; i += 2)
        {
            await store.AppendAsync(EventStoreDatabase.Append($"am-chain-{i:D3}", 0, new NaamGewijzigd("één € ü")));
        }
        var result = await store.AppendAsync(Batch("am-chain", i => i % 2 == 0 ? 1 : 0, eventsPerStream: 3), null);
        Assert.Equal(Streams * 3, result.Events.Count);
        Assert.Equal(4, result.VersionOf("am-chain-000"));
        Assert.Equal(3, result.VersionOf("am-chain-001"));

        // Recomputed in SQL with 0001's definition, independent of the C# verifier.
        var mismatches = await db.ScalarAsync<long>(
            """
            with recursive chain as (
                select e.stream_id, e.stream_version, e.hash,
                       sha256(eventstore.event_content(e.stream_id, e.stream_version, e.position, e.event_id, e.event_type,
                                                       e.data, e.metadata, e.recorded_at)) as computed
                from eventstore.events e where e.stream_id like 'am-chain-%' and e.stream_version = 1
                union all
                select e.stream_id, e.stream_version, e.hash,
                       sha256(c.computed || eventstore.event_content(e.stream_id, e.stream_version, e.position, e.event_id, e.event_type,
                                                                     e.data, e.metadata, e.recorded_at))
                from chain c join eventstore.events e on e.stream_id = c.stream_id and e.stream_version = c.stream_version + 1
            )
            select count(*) filter (where hash <> computed) + (140 - count(*)) from chain
            """);
        Assert.Equal(0, mismatches);
        Assert.Equal(Streams, await db.ScalarAsync<long>(
            "select count(*) from eventstore.streams s join eventstore.events e on e.stream_id = s.stream_id and e.stream_version = s.version and e.hash = s.last_hash where s.stream_id like 'am-chain-%'"));
        for (var i = 0; i < Streams; i++)
        {
            Assert.True((await store.VerifyAsync($"am-chain-{i:D3}")).Ok);
        }
    }

    [Fact]
    public async Task Positions_continue_the_transactions_range_after_earlier_appends_in_it()
    {
        var store = db.Store();
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var single = await store.AppendAsync(conn, tx, [EventStoreDatabase.Append("am-pos-single", 0, new NaamGewijzigd("eerst"))]);
        var bulk = await store.AppendAsync(conn, tx, Batch("am-pos", _ => 0, eventsPerStream: 2));
        var after = await store.AppendAsync(conn, tx, [EventStoreDatabase.Append("am-pos-after", 0, new NaamGewijzigd("daarna"))]);

        // Before the commit a log reader sees none of it (positions are in the open transaction's range).
        var log = await store.ReadLogAsync(single.Events[0].Position - 1, 1000);
        Assert.DoesNotContain(log.Events, e => e.StreamId.StartsWith("am-pos", StringComparison.Ordinal));
        await tx.CommitAsync();

        var positions = single.Events.Concat(bulk.Events).Concat(after.Events).Select(e => e.Position).ToList();
        Assert.Equal(positions.Count, positions.Distinct().Count());
        Assert.Single(positions.Select(p => p >> 20).Distinct());
        // Streams in ordinal order, events in order, right after the single append, with the next one after them.
        Assert.Equal(Enumerable.Range(1, Streams * 2).Select(k => single.Events[0].Position + k), bulk.Events.Select(e => e.Position));
        Assert.Equal(single.Events[0].Position + Streams * 2 + 1, after.Events[0].Position);
        Assert.Single(bulk.Events.Select(e => e.RecordedAt).Distinct());
        Assert.True(bulk.Events[0].RecordedAt >= single.Events[0].RecordedAt);
    }

    [Fact]
    public async Task Concurrent_bulk_and_single_appends_on_overlapping_streams_neither_deadlock_nor_lose_events()
    {
        var store = db.Store();
        // Some streams exist, the others are created by whichever append comes first.
        for (var i = 0; i < Streams; i += 3)
        {
            await store.AppendAsync(EventStoreDatabase.Append($"am-race-{i:D3}", 0, new NaamGewijzigd("start")));
        }
        const int bulkWriters = 4;
        const int rounds = 3;
        var starts = (Streams + 2) / 3;
        var singleEvents = 0;
        using var start = new SemaphoreSlim(0);
        var bulk = Enumerable.Range(0, bulkWriters).Select(w => Task.Run(async () =>
        {
            await start.WaitAsync();
            for (var r = 0; r < rounds; r++)
            {
                // Overlapping but different sets: writer w takes streams w .. w + 35.
                var appends = Enumerable.Range(w, Streams - bulkWriters).Select(i => new StreamAppend(
                    $"am-race-{i:D3}", "test", ExpectedVersion.Any,
                    [EventToAppend.Create(new BedragGeboekt($"bulk {w}.{r}", i), EventStoreDatabase.Meta())])).ToList();
                await store.AppendAsync(appends, null);
            }
        })).ToList();
        var single = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            await start.WaitAsync();
            for (var r = 0; r < rounds * 4; r++)
            {
                // Multi-stream appends below the threshold, over streams from both ends, and single-stream ones.
                var ids = r % 2 == 0 ? new[] { Streams - 1 - (r + w) % Streams, (r * 7 + w) % Streams } : [(r * 5 + w * 3) % Streams];
                var appends = ids.Distinct().Select(i => new StreamAppend(
                    $"am-race-{i:D3}", "test", ExpectedVersion.Any,
                    [EventToAppend.Create(new NaamGewijzigd($"single {w}.{r}"), EventStoreDatabase.Meta())])).ToList();
                await store.AppendAsync(appends, null);
                Interlocked.Add(ref singleEvents, appends.Count);
            }
        })).ToList();
        start.Release(bulkWriters + 4);

        // Any failure (a deadlock surfaces as a ConcurrencyException) fails the test.
        await Task.WhenAll(bulk.Concat(single));

        Assert.Equal(starts + bulkWriters * rounds * (Streams - bulkWriters) + singleEvents,
            await db.ScalarAsync<long>("select count(*) from eventstore.events where stream_id like 'am-race-%'"));
        Assert.Equal(bulkWriters * rounds * (Streams - bulkWriters),
            await db.ScalarAsync<long>("select count(*) from eventstore.events where stream_id like 'am-race-%' and data->>'omschrijving' like 'bulk %'"));
        // Every stream's version is its number of events, versions have no gaps, and the chains verify.
        Assert.Equal(0, await db.ScalarAsync<long>(
            """
            select count(*) from eventstore.streams s
            where s.stream_id like 'am-race-%'
              and (s.version <> (select count(*) from eventstore.events e where e.stream_id = s.stream_id)
                   or s.version <> (select max(e.stream_version) from eventstore.events e where e.stream_id = s.stream_id))
            """));
        Assert.True((await store.VerifyAsync()).Ok);
    }
}
