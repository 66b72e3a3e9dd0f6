namespace WozoSubsidies.EventStore.Tests;

public sealed class ReadTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task A_stream_can_be_read_up_to_a_version_and_as_it_stood_at_a_moment()
    {
        var store = db.Store();
        await store.AppendAsync(EventStoreDatabase.Append("s-time", 0, new NaamGewijzigd("een"), new NaamGewijzigd("twee")));
        var afterTwo = (await store.ReadStreamAsync("s-time"))[^1].RecordedAt;
        await Task.Delay(20);
        await store.AppendAsync(EventStoreDatabase.Append("s-time", 2, new NaamGewijzigd("drie")));

        Assert.Equal(["een"], (await store.ReadStreamAsync("s-time", toVersion: 1)).Select(e => ((NaamGewijzigd)e.Data).Naam));
        Assert.Equal(["een", "twee"], (await store.ReadStreamAsync("s-time", asOf: afterTwo)).Select(e => ((NaamGewijzigd)e.Data).Naam));
        Assert.Equal(3, (await store.ReadStreamAsync("s-time")).Count);
        Assert.Empty(await store.ReadStreamAsync("s-time", asOf: afterTwo.AddDays(-1)));
    }

    [Fact]
    public async Task The_global_log_is_read_in_pages_in_position_order()
    {
        var store = db.Store();
        for (var i = 0; i < 5; i++)
        {
            await store.AppendAsync(EventStoreDatabase.Append($"s-log-{i}", 0, new NaamGewijzigd($"{i}a"), new NaamGewijzigd($"{i}b")));
        }
        var seen = new List<RecordedEvent>();
        var position = 0L;
        // Other test classes share the cluster; a transaction open anywhere holds the committed horizon back
        // for a moment, so poll until the events are there rather than expecting them on the first read.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (seen.Count(e => e.StreamId.StartsWith("s-log-", StringComparison.Ordinal)) < 10)
        {
            Assert.True(DateTime.UtcNow < deadline, "the log did not deliver the events in time");
            var page = await store.ReadLogAsync(position, 3);
            Assert.True(page.Events.Count <= 3);
            seen.AddRange(page.Events);
            position = page.NextPosition;
            if (page.Events.Count == 0)
            {
                await Task.Delay(10);
            }
        }
        var mine = seen.Where(e => e.StreamId.StartsWith("s-log-", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, mine.Count);
        Assert.Equal(mine.Select(e => e.Position).Order(), mine.Select(e => e.Position));
        Assert.Equal(seen.Count, seen.Select(e => e.Position).Distinct().Count());
    }

    [Fact]
    public async Task A_v1_event_is_read_back_as_v2_through_its_upcaster()
    {
        var oldRegistry = EventStoreDatabase.Registry().Register<PersoonGeregistreerdV1>("persoon-geregistreerd.v1");
        await db.Store(oldRegistry).AppendAsync(EventStoreDatabase.Append("s-upcast", 0, new PersoonGeregistreerdV1("Anna de Vries")));

        var newRegistry = EventStoreDatabase.Registry()
            .Register<PersoonGeregistreerd>("persoon-geregistreerd.v2")
            .Upcast("persoon-geregistreerd.v1", "persoon-geregistreerd.v2", v1 =>
            {
                var naam = (string)v1["naam"]!;
                var split = naam.IndexOf(' ', StringComparison.Ordinal);
                return new System.Text.Json.Nodes.JsonObject
                {
                    ["voornaam"] = naam[..split],
                    ["achternaam"] = naam[(split + 1)..],
                };
            });
        await db.Store(newRegistry).AppendAsync(EventStoreDatabase.Append("s-upcast", 1, new PersoonGeregistreerd("Piet", "Jansen")));

        var events = await db.Store(newRegistry).ReadStreamAsync("s-upcast");
        Assert.Equal(new PersoonGeregistreerd("Anna", "de Vries"), events[0].Data);
        Assert.Equal("persoon-geregistreerd.v1", events[0].EventType); // what is stored never changes
        Assert.Equal(new PersoonGeregistreerd("Piet", "Jansen"), events[1].Data);
        Assert.Equal("persoon-geregistreerd.v2", events[1].EventType);

        // From the stored UTF-8 bytes (a projection's rebuild reads them so) the same, upcast or not.
        var raw = await db.Store(newRegistry).ReadStreamRawAsync("s-upcast");
        Assert.Equal(events.Select(e => e.Data),
            raw.Select(e => newRegistry.Deserialize(e.EventType, System.Text.Encoding.UTF8.GetBytes(e.Data))));
    }

    [Fact]
    public void Event_names_must_be_stable_and_versioned()
    {
        var registry = new EventTypeRegistry(EventStoreDatabase.JsonOptions);
        Assert.Throws<ArgumentException>(() => registry.Register<NaamGewijzigd>("NaamGewijzigd"));
        Assert.Throws<ArgumentException>(() => registry.Register<NaamGewijzigd>("naam-gewijzigd"));
        registry.Register<NaamGewijzigd>("naam-gewijzigd.v1");
        Assert.Throws<InvalidOperationException>(() => registry.Register<BedragGeboekt>("naam-gewijzigd.v1"));
        Assert.Throws<InvalidOperationException>(() => registry.NameOf(typeof(BedragGeboekt)));
    }
}
