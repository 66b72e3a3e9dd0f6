namespace WozoSubsidies.EventStore.Tests;

public sealed class VerificationTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    private async Task<PostgresEventStore> SeedAsync(string prefix)
    {
        var store = db.Store();
        for (var s = 0; s < 3; s++)
        {
            await store.AppendAsync(EventStoreDatabase.Append($"{prefix}-{s}", 0,
                new BedragGeboekt("een", 100m), new BedragGeboekt("twee", 200.50m)));
            await store.AppendAsync(EventStoreDatabase.Append($"{prefix}-{s}", 2,
                new BedragGeboekt("drie", 300m), new NaamGewijzigd("vier"), new NaamGewijzigd("vijf")));
        }
        return store;
    }

    [Fact]
    public async Task Untouched_streams_verify_and_every_event_is_counted()
    {
        var store = await SeedAsync("v-ok");
        var result = await store.VerifyAsync("v-ok-1");
        Assert.True(result.Ok, result.FirstDeviation?.Reason);
        Assert.Equal(5, result.EventsChecked);

        var all = await store.VerifyAsync();
        Assert.True(all.Ok, all.FirstDeviation?.Reason);
        Assert.True(all.EventsChecked >= 15);
    }

    [Fact]
    public async Task A_row_changed_behind_the_stores_back_is_found_at_exactly_that_event()
    {
        var store = await SeedAsync("v-tamper");
        var position = await db.ScalarAsync<long>(
            "select position from eventstore.events where stream_id = 'v-tamper-1' and stream_version = 3");
        await db.ExecuteAsync(
            "update eventstore.events set data = jsonb_set(data, '{bedrag}', '3000') where stream_id = 'v-tamper-1' and stream_version = 3");

        var result = await store.VerifyAsync("v-tamper-1");

        Assert.False(result.Ok);
        Assert.Equal("v-tamper-1", result.FirstDeviation!.StreamId);
        Assert.Equal(3, result.FirstDeviation.StreamVersion);
        Assert.Equal(position, result.FirstDeviation.Position);
        Assert.True((await store.VerifyAsync("v-tamper-0")).Ok);
    }

    [Fact]
    public async Task A_changed_moment_or_actor_is_found_too()
    {
        var store = await SeedAsync("v-meta");
        await db.ExecuteAsync(
            "update eventstore.events set recorded_at = recorded_at - interval '1 day' where stream_id = 'v-meta-0' and stream_version = 2");
        await db.ExecuteAsync(
            "update eventstore.events set metadata = jsonb_set(metadata, '{actorId}', '\"iemand-anders\"') where stream_id = 'v-meta-2' and stream_version = 4");

        var first = await store.VerifyAsync("v-meta-0");
        Assert.Equal(2, first.FirstDeviation!.StreamVersion);
        var second = await store.VerifyAsync("v-meta-2");
        Assert.Equal(4, second.FirstDeviation!.StreamVersion);
    }

    [Fact]
    public async Task A_removed_event_is_found_in_the_middle_and_at_the_end_of_a_stream()
    {
        var store = await SeedAsync("v-gone");
        await db.ExecuteAsync("delete from eventstore.events where stream_id = 'v-gone-0' and stream_version = 2");
        await db.ExecuteAsync("delete from eventstore.events where stream_id = 'v-gone-2' and stream_version = 5");

        var middle = await store.VerifyAsync("v-gone-0");
        Assert.Equal(3, middle.FirstDeviation!.StreamVersion);
        Assert.Contains("missing", middle.FirstDeviation.Reason, StringComparison.Ordinal);

        var end = await store.VerifyAsync("v-gone-2");
        Assert.False(end.Ok);
        Assert.Equal(5, end.FirstDeviation!.StreamVersion);
    }
}

/// <summary>Its own database: the whole log is verified, so no other test's tampering may be in it.</summary>
public sealed class WholeLogVerificationTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task Verifying_the_whole_log_names_the_earliest_changed_event_and_counts_the_broken_streams()
    {
        var store = db.Store();
        foreach (var stream in new[] { "w-a", "w-b", "w-c" })
        {
            await store.AppendAsync(EventStoreDatabase.Append(stream, 0, new BedragGeboekt("een", 1m), new BedragGeboekt("twee", 2m)));
        }
        Assert.True((await store.VerifyAsync()).Ok);

        // w-c's second event was written after w-a's, so w-a's is the earliest deviation.
        await db.ExecuteAsync("update eventstore.events set data = '{\"omschrijving\":\"x\",\"bedrag\":9}' where stream_id in ('w-a', 'w-c') and stream_version = 2");
        var expected = await db.ScalarAsync<long>("select position from eventstore.events where stream_id = 'w-a' and stream_version = 2");

        var result = await store.VerifyAsync();
        Assert.False(result.Ok);
        Assert.Equal(expected, result.FirstDeviation!.Position);
        Assert.Equal(2, result.StreamsWithDeviation);
        Assert.Equal(6, result.EventsChecked);
    }
}
