using Npgsql;
using WozoSubsidies.Testing;

namespace WozoSubsidies.EventStore.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Eight_nodes_starting_at_once_apply_each_migration_exactly_once()
    {
        var cs = await PostgresServer.CreateDatabaseAsync([]);
        try
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                await using var dataSource = NpgsqlDataSource.Create(cs);
                return await Migrator.ApplyAsync(dataSource, [MigrationSet.EventStore]);
            })));

            Assert.Equal(1, results.Count(r => r.Count > 0));
            await using var ds = NpgsqlDataSource.Create(cs);
            await using var cmd = ds.CreateCommand("select count(*) from public.schema_migrations where module = 'eventstore'");
            Assert.Equal((long)MigrationSet.EventStore.Load().Count, (long)(await cmd.ExecuteScalarAsync())!);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(cs);
        }
    }

    [Fact]
    public async Task A_migration_changed_after_it_was_applied_stops_the_start()
    {
        var cs = await PostgresServer.CreateDatabaseAsync([MigrationSet.EventStore]);
        try
        {
            await using var ds = NpgsqlDataSource.Create(cs);
            await using (var cmd = ds.CreateCommand("update public.schema_migrations set checksum = 'edited' where module = 'eventstore' and version = 1"))
            {
                await cmd.ExecuteNonQueryAsync();
            }
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator.ApplyAsync(ds, [MigrationSet.EventStore]));
            Assert.Contains("0001_events.sql", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(cs);
        }
    }

    [Fact]
    public async Task Events_stored_before_0006_get_their_canonical_text_and_read_and_verify_as_before()
    {
        var cs = await PostgresServer.CreateDatabaseAsync([]);
        try
        {
            await using var ds = NpgsqlDataSource.Create(cs);
            await Migrator.ApplyAsync(ds, [MigrationSet.EventStore], untilVersion: 5);
            var store = new PostgresEventStore(ds, EventStoreDatabase.Registry());
            for (var s = 0; s < 3; s++)
            {
                await store.AppendAsync(EventStoreDatabase.Append($"m6-{s}", 0,
                    new BedragGeboekt("één \"aanhalingsteken\"", 100.10m), new NaamGewijzigd("twee")));
            }
            var before = await TextsAsync(ds); // the store's readers need 0006: read the bodies as they were rendered

            await Migrator.ApplyAsync(ds, [MigrationSet.EventStore]);

            var after = await store.ReadStreamRawAsync("m6-1");
            Assert.Equal(before, after.Select(e => (e.Data, e.Metadata)));
            Assert.Contains("100.10", after[0].Data, StringComparison.Ordinal);
            Assert.Equal(0L, await ScalarAsync(ds, "select count(*) from eventstore.events where data_text is distinct from data::text or metadata_text is distinct from metadata::text"));
            Assert.Equal(6L, await ScalarAsync(ds, "select count(*) from eventstore.events where data_text is not null and metadata_text is not null"));
            Assert.True((await store.VerifyAsync()).Ok);

            // Appends after the migration fill the text too, and the text is never written on its own: it follows data.
            await store.AppendAsync(EventStoreDatabase.Append("m6-1", 2, new BedragGeboekt("drie", 3m)));
            Assert.Equal(0L, await ScalarAsync(ds, "select count(*) from eventstore.events where data_text is distinct from data::text"));
            var refused = await Assert.ThrowsAsync<PostgresException>(() =>
                ScalarAsync(ds, "update eventstore.events set data_text = '{}' where stream_id = 'm6-0'"));
            Assert.Equal("428C9", refused.SqlState); // generated_always: "can only be updated to DEFAULT"
            await ScalarAsync(ds, "update eventstore.events set data = jsonb_set(data, '{bedrag}', '9') where stream_id = 'm6-0' and stream_version = 1");
            Assert.Contains("\"bedrag\": 9", (await store.ReadStreamRawAsync("m6-0"))[0].Data, StringComparison.Ordinal);
            Assert.Equal(1, (await store.VerifyAsync("m6-0")).FirstDeviation!.StreamVersion);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(cs);
        }
    }

    private static async Task<List<(string Data, string Metadata)>> TextsAsync(NpgsqlDataSource ds)
    {
        var texts = new List<(string, string)>();
        await using var cmd = ds.CreateCommand("select data::text, metadata::text from eventstore.events where stream_id = 'm6-1' order by stream_version");
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            texts.Add((reader.GetString(0), reader.GetString(1)));
        }
        return texts;
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource ds, string sql)
    {
        await using var cmd = ds.CreateCommand(sql);
        return await cmd.ExecuteScalarAsync() is long n ? n : 0;
    }
}
