using Npgsql;

namespace WozoSubsidies.EventStore.Tests;

/// <summary>The append's fast path (0003_append_fast_path.sql, and appends without inline work sent as one implicit
/// transaction): the same answers as before, also once PostgreSQL has switched the function to generic plans.</summary>
public sealed class FastPathTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task A_retried_batch_is_stored_once_and_answers_with_the_first_positions_even_after_many_appends()
    {
        var store = db.Store();
        // More than five executions on the pooled connections: the function's statements run on generic plans from here.
        for (var v = 0; v < 12; v++)
        {
            await store.AppendAsync(EventStoreDatabase.Append("fp-warm", v, new NaamGewijzigd($"w{v}")));
        }
        var batch = Enumerable.Range(0, 5).Select(i => EventToAppend.Create(new BedragGeboekt($"b{i}", i), EventStoreDatabase.Meta())).ToList();
        var first = await store.AppendAsync(new StreamAppend("fp-retry", "test", ExpectedVersion.NoStream, batch));
        await store.AppendAsync(EventStoreDatabase.Append("fp-retry", 5, new NaamGewijzigd("daarna")));

        var retry = await store.AppendAsync(new StreamAppend("fp-retry", "test", ExpectedVersion.NoStream, batch));

        Assert.True(retry.AllDuplicates);
        Assert.Equal(first.Events.Select(e => (e.EventId, e.StreamVersion, e.Position)), retry.Events.Select(e => (e.EventId, e.StreamVersion, e.Position)));
        Assert.Equal(6, await store.GetVersionAsync("fp-retry"));
        Assert.Equal(6, await db.ScalarAsync<long>("select count(*) from eventstore.events where stream_id = 'fp-retry'"));
    }

    [Fact]
    public async Task A_new_batch_that_repeats_a_stored_id_after_its_first_event_is_refused_and_stores_nothing()
    {
        var store = db.Store();
        var stored = EventToAppend.Create(new NaamGewijzigd("al opgeslagen"), EventStoreDatabase.Meta());
        await store.AppendAsync(new StreamAppend("fp-repeat", "test", ExpectedVersion.NoStream, [stored]));

        var fresh = EventToAppend.Create(new NaamGewijzigd("nieuw"), EventStoreDatabase.Meta());
        await Assert.ThrowsAsync<DuplicateEventException>(() =>
            store.AppendAsync(new StreamAppend("fp-repeat", "test", ExpectedVersion.Of(1), [fresh, stored])));
        await Assert.ThrowsAsync<DuplicateEventException>(() =>
            store.AppendAsync(new StreamAppend("fp-repeat-other", "test", ExpectedVersion.NoStream, [fresh, stored])));

        Assert.Equal(1, await store.GetVersionAsync("fp-repeat"));
        Assert.Equal(0, await store.GetVersionAsync("fp-repeat-other"));
        Assert.Equal(0, await db.ScalarAsync<long>($"select count(*) from eventstore.events where event_id = '{fresh.EventId}'"));
    }

    [Fact]
    public async Task A_retry_of_events_stored_in_another_stream_is_refused()
    {
        var store = db.Store();
        var evt = EventToAppend.Create(new NaamGewijzigd("elders"), EventStoreDatabase.Meta());
        await store.AppendAsync(new StreamAppend("fp-home", "test", ExpectedVersion.NoStream, [evt]));

        await Assert.ThrowsAsync<DuplicateEventException>(() =>
            store.AppendAsync(new StreamAppend("fp-away", "test", ExpectedVersion.Any, [evt])));
        Assert.Equal(0, await store.GetVersionAsync("fp-away"));
    }

    [Fact]
    public async Task A_multi_stream_append_without_inline_work_is_still_all_or_nothing()
    {
        var store = db.Store();
        await store.AppendAsync(EventStoreDatabase.Append("fp-multi-b", 0, new NaamGewijzigd("b1")));

        // fp-multi-b is at 1, not 0: fp-multi-a (appended first, streams go in order) must not keep its event.
        await Assert.ThrowsAsync<ConcurrencyException>(() => store.AppendAsync(
            [EventStoreDatabase.Append("fp-multi-a", 0, new NaamGewijzigd("a1")), EventStoreDatabase.Append("fp-multi-b", 0, new NaamGewijzigd("b2"))],
            null));
        Assert.Equal(0, await store.GetVersionAsync("fp-multi-a"));
        Assert.Equal(0, await db.ScalarAsync<long>("select count(*) from eventstore.streams where stream_id = 'fp-multi-a'"));

        var ok = await store.AppendAsync(
            [EventStoreDatabase.Append("fp-multi-a", 0, new NaamGewijzigd("a1")), EventStoreDatabase.Append("fp-multi-b", 1, new NaamGewijzigd("b2"))],
            null);
        Assert.Equal(1, ok.VersionOf("fp-multi-a"));
        Assert.Equal(2, ok.VersionOf("fp-multi-b"));
        // One transaction: consecutive positions in the transaction's range.
        Assert.Equal(1, ok.Events.Max(e => e.Position) - ok.Events.Min(e => e.Position));
    }

    [Fact]
    public async Task The_chain_the_fast_path_writes_is_the_one_eventstore_event_content_defines()
    {
        var store = db.Store();
        await store.AppendAsync(EventStoreDatabase.Append("fp-chain", 0,
            new BedragGeboekt("één € ünïcode", 12.34m), new NaamGewijzigd("twee"), new BedragGeboekt("drie", 0.01m)));
        await store.AppendAsync(EventStoreDatabase.Append("fp-chain", 3, new NaamGewijzigd("vier")));

        // Recomputed in SQL with 0001's definition, independent of the C# verifier.
        var mismatches = await db.ScalarAsync<long>(
            """
            with recursive chain as (
                select e.stream_version, e.hash,
                       sha256(eventstore.event_content(e.stream_id, e.stream_version, e.position, e.event_id, e.event_type,
                                                       e.data, e.metadata, e.recorded_at)) as computed
                from eventstore.events e where e.stream_id = 'fp-chain' and e.stream_version = 1
                union all
                select e.stream_version, e.hash,
                       sha256(c.computed || eventstore.event_content(e.stream_id, e.stream_version, e.position, e.event_id, e.event_type,
                                                                     e.data, e.metadata, e.recorded_at))
                from chain c join eventstore.events e on e.stream_id = 'fp-chain' and e.stream_version = c.stream_version + 1
            )
            select count(*) filter (where hash <> computed) + (4 - count(*)) from chain
            """);
        Assert.Equal(0, mismatches);
        Assert.Equal(4, (await store.VerifyAsync("fp-chain")).EventsChecked);
        Assert.True((await store.VerifyAsync("fp-chain")).Ok);
        Assert.Equal(1, await db.ScalarAsync<long>(
            "select count(*) from eventstore.streams s join eventstore.events e on e.stream_id = s.stream_id and e.stream_version = s.version and e.hash = s.last_hash where s.stream_id = 'fp-chain'"));
    }

    [Fact]
    public async Task Commands_sent_with_the_append_commit_with_its_events_or_not_at_all()
    {
        var store = db.Store();
        await db.ExecuteAsync("create table if not exists fp_model (id text primary key, versie bigint not null)");
        static NpgsqlBatchCommand Row(string id, long versie) =>
            new("insert into fp_model values ($1, $2) on conflict (id) do update set versie = excluded.versie")
            {
                Parameters = { new NpgsqlParameter { Value = id }, new NpgsqlParameter { Value = versie } },
            };

        var ok = await store.AppendWithCommandsAsync([EventStoreDatabase.Append("fp-cmd", 0, new NaamGewijzigd("a"))], [Row("fp-cmd", 1)]);
        Assert.Equal(1, ok.VersionOf("fp-cmd"));
        Assert.Equal(1, await db.ScalarAsync<long>("select versie from fp_model where id = 'fp-cmd'"));

        // A stale expected version: the row is not written either.
        await Assert.ThrowsAsync<ConcurrencyException>(() =>
            store.AppendWithCommandsAsync([EventStoreDatabase.Append("fp-cmd", 0, new NaamGewijzigd("b"))], [Row("fp-cmd", 99)]));
        Assert.Equal(1, await db.ScalarAsync<long>("select versie from fp_model where id = 'fp-cmd'"));

        // A failing command: the events are not stored.
        await Assert.ThrowsAsync<PostgresException>(() => store.AppendWithCommandsAsync(
            [EventStoreDatabase.Append("fp-cmd", 1, new NaamGewijzigd("c"))],
            [new NpgsqlBatchCommand("insert into fp_model values (null, 0)")]));
        Assert.Equal(1, await store.GetVersionAsync("fp-cmd"));
    }

    [Fact]
    public async Task Several_streams_are_caught_up_in_one_read_each_after_its_own_version()
    {
        var store = db.Store();
        await store.AppendAsync(EventStoreDatabase.Append("fp-read-a", 0, new NaamGewijzigd("a1"), new NaamGewijzigd("a2"), new NaamGewijzigd("a3")));
        await store.AppendAsync(EventStoreDatabase.Append("fp-read-b", 0, new NaamGewijzigd("b1"), new NaamGewijzigd("b2")));

        var newer = await store.ReadStreamsAfterAsync([("fp-read-a", 1), ("fp-read-b", 2), ("fp-read-missing", 0)]);

        Assert.Equal([2L, 3L], newer["fp-read-a"].Select(e => e.StreamVersion));
        Assert.Equal(new NaamGewijzigd("a3"), newer["fp-read-a"][1].Data);
        Assert.False(newer.ContainsKey("fp-read-b"));
        Assert.False(newer.ContainsKey("fp-read-missing"));
    }

    [Fact]
    public async Task A_large_event_body_is_stored_with_lz4_and_reads_back_with_its_hash_chain_whole()
    {
        // 0005_lz4.sql: a body PostgreSQL compresses (here ~6 kB of text) is compressed with lz4; reading and verifying
        // see the same text the hash was computed over.
        var store = db.Store();
        var omschrijving = string.Concat(Enumerable.Range(0, 400).Select(i => $"regel {i}; "));
        await store.AppendAsync(EventStoreDatabase.Append("lz4-groot", 0, new BedragGeboekt(omschrijving, 12.34m)));

        Assert.Equal("lz4", await db.ScalarAsync<string>(
            "select pg_column_compression(data) from eventstore.events where stream_id = 'lz4-groot'"));
        var gelezen = Assert.Single(await store.ReadStreamAsync("lz4-groot"));
        Assert.Equal(new BedragGeboekt(omschrijving, 12.34m), gelezen.Data);
        Assert.True((await store.VerifyAsync("lz4-groot")).Ok);
    }
}
