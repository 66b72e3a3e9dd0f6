using Npgsql;

namespace WozoSubsidies.EventStore.Tests;

public sealed class AppendTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task A_new_stream_starts_at_version_0_and_its_version_counts_its_events()
    {
        var store = db.Store();
        Assert.Equal(0, await store.GetVersionAsync("s-new"));

        var first = await store.AppendAsync(EventStoreDatabase.Append("s-new", 0, new BedragGeboekt("a", 10.25m), new NaamGewijzigd("x")));
        Assert.Equal([1L, 2L], first.Events.Select(e => e.StreamVersion));
        Assert.Equal(2, await store.GetVersionAsync("s-new"));

        await store.AppendAsync(EventStoreDatabase.Append("s-new", 2, new NaamGewijzigd("y")));
        var events = await store.ReadStreamAsync("s-new");
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.StreamVersion));
        Assert.Equal(new BedragGeboekt("a", 10.25m), events[0].Data);
        Assert.Equal(new NaamGewijzigd("y"), events[2].Data);
        Assert.Equal("bedrag-geboekt.v1", events[0].EventType);
    }

    [Fact]
    public async Task An_append_with_a_stale_expected_version_is_refused_and_stores_nothing()
    {
        var store = db.Store();
        await store.AppendAsync(EventStoreDatabase.Append("s-stale", 0, new NaamGewijzigd("a")));

        await Assert.ThrowsAsync<ConcurrencyException>(() => store.AppendAsync(EventStoreDatabase.Append("s-stale", 0, new NaamGewijzigd("b"))));
        await Assert.ThrowsAsync<ConcurrencyException>(() => store.AppendAsync(EventStoreDatabase.Append("s-stale", 2, new NaamGewijzigd("c"))));
        await Assert.ThrowsAsync<ConcurrencyException>(() => store.AppendAsync(EventStoreDatabase.Append("s-missing", 3, new NaamGewijzigd("d"))));

        Assert.Equal(1, await store.GetVersionAsync("s-stale"));
        Assert.Equal(0, await db.ScalarAsync<long>("select count(*) from eventstore.events where stream_id = 's-missing'"));
    }

    [Fact]
    public async Task Fifty_concurrent_appends_with_the_same_expected_version_have_exactly_one_winner()
    {
        var store = db.Store();
        await store.AppendAsync(EventStoreDatabase.Append("s-race", 0, new NaamGewijzigd("start")));

        using var go = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            go.Wait();
            try
            {
                await store.AppendAsync(EventStoreDatabase.Append("s-race", 1, new NaamGewijzigd($"writer-{i}")));
                return $"writer-{i}";
            }
            catch (ConcurrencyException)
            {
                return null;
            }
        })).ToList();
        go.Set();
        var outcomes = await Task.WhenAll(tasks);

        var winners = outcomes.Where(o => o is not null).ToList();
        Assert.Single(winners);
        var events = await store.ReadStreamAsync("s-race");
        Assert.Equal([1L, 2L], events.Select(e => e.StreamVersion));
        Assert.Equal(new NaamGewijzigd(winners[0]!), events[1].Data);
    }

    [Fact]
    public async Task Fifty_concurrent_writers_that_retry_on_conflict_lose_nothing_and_duplicate_no_version()
    {
        var store = db.Store();
        var tasks = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            var evt = EventToAppend.Create(new NaamGewijzigd($"writer-{i}"), EventStoreDatabase.Meta());
            while (true)
            {
                var version = await store.GetVersionAsync("s-retry");
                try
                {
                    await store.AppendAsync(new StreamAppend("s-retry", "test", ExpectedVersion.Of(version), [evt]));
                    return;
                }
                catch (ConcurrencyException)
                {
                    // re-read and try again: that is what a command handler does
                }
            }
        })).ToList();
        await Task.WhenAll(tasks);

        var events = await store.ReadStreamAsync("s-retry");
        Assert.Equal(Enumerable.Range(1, 50).Select(v => (long)v), events.Select(e => e.StreamVersion));
        Assert.Equal(50, events.Select(e => ((NaamGewijzigd)e.Data).Naam).Distinct().Count());
    }

    [Fact]
    public async Task Concurrent_creators_of_the_same_new_stream_have_exactly_one_winner()
    {
        var store = db.Store();
        var tasks = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            try
            {
                await store.AppendAsync(EventStoreDatabase.Append("s-create-race", 0, new NaamGewijzigd($"c{i}")));
                return true;
            }
            catch (ConcurrencyException)
            {
                return false;
            }
        }));
        var results = await Task.WhenAll(tasks);
        Assert.Equal(1, results.Count(r => r));
        Assert.Equal(1, await store.GetVersionAsync("s-create-race"));
    }

    [Fact]
    public async Task Appending_the_same_event_id_again_stores_it_once_and_reports_the_first_result()
    {
        var store = db.Store();
        var evt = EventToAppend.Create(new BedragGeboekt("eenmaal", 5m), EventStoreDatabase.Meta());
        var first = await store.AppendAsync(new StreamAppend("s-idem", "test", ExpectedVersion.NoStream, [evt]));
        await store.AppendAsync(EventStoreDatabase.Append("s-idem", 1, new NaamGewijzigd("daarna")));

        // A retry after a lost acknowledgement: the stream moved on, but the event is already there.
        var retry = await store.AppendAsync(new StreamAppend("s-idem", "test", ExpectedVersion.NoStream, [evt]));

        Assert.True(retry.AllDuplicates);
        Assert.Equal(first.Events[0].Position, retry.Events[0].Position);
        Assert.Equal(1, await db.ScalarAsync<long>($"select count(*) from eventstore.events where event_id = '{evt.EventId}'"));
        Assert.Equal(2, await store.GetVersionAsync("s-idem"));
    }

    [Fact]
    public async Task An_append_of_which_only_some_event_ids_are_stored_is_refused()
    {
        var store = db.Store();
        var stored = EventToAppend.Create(new NaamGewijzigd("a"), EventStoreDatabase.Meta());
        await store.AppendAsync(new StreamAppend("s-partial", "test", ExpectedVersion.NoStream, [stored]));

        var fresh = EventToAppend.Create(new NaamGewijzigd("b"), EventStoreDatabase.Meta());
        await Assert.ThrowsAsync<DuplicateEventException>(() =>
            store.AppendAsync(new StreamAppend("s-partial", "test", ExpectedVersion.Of(1), [stored, fresh])));
        Assert.Equal(1, await store.GetVersionAsync("s-partial"));
    }

    [Fact]
    public async Task A_multi_stream_append_with_inline_work_commits_all_or_nothing()
    {
        var store = db.Store();
        await db.ExecuteAsync("create table if not exists inline_model (id text primary key, n int)");
        await store.AppendAsync(EventStoreDatabase.Append("s-multi-b", 0, new NaamGewijzigd("b1")));

        async Task Inline(InlineContext ctx, CancellationToken ct)
        {
            await using var cmd = new NpgsqlCommand("insert into inline_model values ('row', @n)", ctx.Connection, ctx.Transaction);
            cmd.Parameters.AddWithValue("n", ctx.Result.Events.Count);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        // s-multi-b is at 1, not 0: the whole append, the other stream and the inline row roll back.
        await Assert.ThrowsAsync<ConcurrencyException>(() => store.AppendAsync(
            [EventStoreDatabase.Append("s-multi-a", 0, new NaamGewijzigd("a1")), EventStoreDatabase.Append("s-multi-b", 0, new NaamGewijzigd("b2"))],
            Inline));
        Assert.Equal(0, await store.GetVersionAsync("s-multi-a"));
        Assert.Equal(0, await db.ScalarAsync<long>("select count(*) from inline_model"));

        var ok = await store.AppendAsync(
            [EventStoreDatabase.Append("s-multi-a", 0, new NaamGewijzigd("a1")), EventStoreDatabase.Append("s-multi-b", 1, new NaamGewijzigd("b2"))],
            Inline);
        Assert.Equal(1, ok.VersionOf("s-multi-a"));
        Assert.Equal(2, ok.VersionOf("s-multi-b"));
        Assert.Equal(2, await db.ScalarAsync<int>("select n from inline_model where id = 'row'"));
    }

    [Fact]
    public async Task Every_event_carries_its_metadata_and_a_database_recorded_moment()
    {
        var store = db.Store();
        var meta = new EventMetadata("user-17", "behandelaar", "corr-1", "cause-9", "ToekennenAanvraag", "IWO/2");
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        await store.AppendAsync(new StreamAppend("s-meta", "test", ExpectedVersion.NoStream, [EventToAppend.Create(new NaamGewijzigd("m"), meta)]));

        var e = Assert.Single(await store.ReadStreamAsync("s-meta"));
        Assert.Equal(meta, e.Metadata);
        Assert.InRange(e.RecordedAt, before, DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Equal(32, e.Hash.Length);
    }
}

public sealed class EventIdRaceTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task Two_streams_racing_with_the_same_event_id_store_it_once_and_the_loser_gets_a_duplicate_error()
    {
        var store = db.Store();
        var evt = EventToAppend.Create(new NaamGewijzigd("eens"), EventStoreDatabase.Meta());
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            try
            {
                await store.AppendAsync(new StreamAppend($"race-id-{i}", "test", ExpectedVersion.NoStream, [evt]));
                return "ok";
            }
            catch (DuplicateEventException)
            {
                return "duplicate";
            }
        })));
        Assert.Equal(1, outcomes.Count(o => o == "ok"));
        Assert.Equal(9, outcomes.Count(o => o == "duplicate"));
        Assert.Equal(1, await db.ScalarAsync<long>($"select count(*) from eventstore.events where event_id = '{evt.EventId}'"));
    }
}
