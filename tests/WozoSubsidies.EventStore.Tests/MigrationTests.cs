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
}
