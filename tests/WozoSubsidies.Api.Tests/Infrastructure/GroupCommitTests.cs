using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WozoSubsidies.Api.Infrastructure.EventSourcing;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Api.Tests.Infrastructure;

/// <summary>Group commit (many requests' units in one transaction) against real PostgreSQL, with real concurrency: every
/// unit keeps its own all-or-nothing outcome, whatever shares its batch.</summary>
public sealed class GroupCommitTests(ApiFixture db) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private sealed record Proef(int Nummer);

    private static readonly EventMetadata Meta = new("test", "systeem", "groep", null, "GroupCommitTests");

    private readonly PostgresEventStore _store = new(db.DataSource, new EventTypeRegistry(new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)).Register<Proef>("proef.v1"));

    public async Task InitializeAsync() =>
        await db.ExecuteAsync("create table if not exists public.groep_rijen (stream text primary key)");

    public Task DisposeAsync() => Task.CompletedTask;

    // One new stream with one event, and a read-model-like row written in the same transaction.
    private static (StreamAppend Append, NpgsqlBatchCommand Rij) Eenheid(string stream, int nummer, ExpectedVersion? verwacht = null, string? rij = null)
    {
        var cmd = new NpgsqlBatchCommand("insert into public.groep_rijen (stream) values ($1)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = rij ?? stream });
        return (new StreamAppend(stream, "proef", verwacht ?? ExpectedVersion.NoStream, [EventToAppend.Create(new Proef(nummer), Meta)]), cmd);
    }

    private async Task<long> AantalAsync(string sql, string prefix)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter { Value = prefix + "%" });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Two_hundred_concurrent_units_all_commit_each_with_only_its_own_events_and_share_transactions()
    {
        await using var groep = new GroupCommit(_store, NullLogger<GroupCommit>.Instance);
        var resultaten = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
        {
            var (append, rij) = Eenheid($"samen-{i:D3}", i);
            return groep.AppendAsync([append], [rij], CancellationToken.None);
        })));

        for (var i = 0; i < 200; i++)
        {
            var e = Assert.Single(resultaten[i].Events);
            Assert.Equal($"samen-{i:D3}", e.StreamId);
            Assert.Equal(1, e.StreamVersion);
        }
        Assert.Equal(200, await AantalAsync("select count(*) from eventstore.events where stream_id like $1", "samen-"));
        Assert.Equal(200, await AantalAsync("select count(*) from public.groep_rijen where stream like $1", "samen-"));
        // A position carries its transaction id (position >> 20): fewer transactions than units means units shared commits.
        var transacties = await AantalAsync("select count(distinct position >> 20) from eventstore.events where stream_id like $1", "samen-");
        Assert.True(transacties < 200, $"{transacties} transactions for 200 units: nothing was grouped");
    }

    [Fact]
    public async Task A_failing_unit_fails_alone_and_nothing_of_it_is_stored_while_the_rest_of_its_batch_commits()
    {
        // Ten units that must fail: five expect a stream that does not exist at version 3, five write a row that exists.
        await db.ExecuteAsync("insert into public.groep_rijen (stream) select 'bezet-' || g from generate_series(0, 4) g");
        await using var groep = new GroupCommit(_store, NullLogger<GroupCommit>.Instance);
        var taken = Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            var (append, rij) = i switch
            {
                < 5 => Eenheid($"fout-{i:D3}", i, ExpectedVersion.Of(3)),
                < 10 => Eenheid($"fout-{i:D3}", i, rij: $"bezet-{i - 5}"),
                _ => Eenheid($"goed-{i:D3}", i),
            };
            try
            {
                await groep.AppendAsync([append], [rij], CancellationToken.None);
                return (i, (Exception?)null);
            }
            catch (Exception e)
            {
                return (i, e);
            }
        })).ToList();
        var uitkomsten = await Task.WhenAll(taken);

        foreach (var (i, fout) in uitkomsten)
        {
            switch (i)
            {
                case < 5:
                    Assert.IsType<ConcurrencyException>(fout);
                    break;
                case < 10:
                    Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(fout).SqlState);
                    break;
                default:
                    Assert.Null(fout);
                    break;
            }
        }
        Assert.Equal(90, await AantalAsync("select count(*) from eventstore.events where stream_id like $1", "goed-"));
        Assert.Equal(90, await AantalAsync("select count(*) from public.groep_rijen where stream like $1", "goed-"));
        Assert.Equal(0, await AantalAsync("select count(*) from eventstore.events where stream_id like $1", "fout-"));
        Assert.Equal(0, await AantalAsync("select count(*) from public.groep_rijen where stream like $1", "fout-"));
    }

    [Fact]
    public async Task Units_on_the_same_stream_never_share_a_batch_so_exactly_one_of_two_creators_wins()
    {
        await using var groep = new GroupCommit(_store, NullLogger<GroupCommit>.Instance);
        for (var ronde = 0; ronde < 20; ronde++)
        {
            var stream = $"twee-{ronde:D2}";
            var uitkomsten = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
            {
                var (append, rij) = Eenheid(stream, i, rij: $"{stream}-{i}");
                try
                {
                    await groep.AppendAsync([append], [rij], CancellationToken.None);
                    return null;
                }
                catch (ConcurrencyException e)
                {
                    return e;
                }
            })));
            Assert.Single(uitkomsten, u => u is null);
            Assert.Single(uitkomsten, u => u is not null);
            Assert.Equal(1, await AantalAsync("select count(*) from eventstore.events where stream_id like $1", stream));
            Assert.Equal(1, await AantalAsync("select count(*) from public.groep_rijen where stream like $1", stream + "-%"));
        }
    }

    [Fact]
    public async Task Stopping_finishes_every_queued_unit_before_it_returns()
    {
        var groep = new GroupCommit(_store, NullLogger<GroupCommit>.Instance);
        var taken = Enumerable.Range(0, 150).Select(i =>
        {
            var (append, rij) = Eenheid($"stop-{i:D3}", i);
            return groep.AppendAsync([append], [rij], CancellationToken.None);
        }).ToList();
        await groep.DisposeAsync();

        Assert.All(taken, t => Assert.True(t.IsCompletedSuccessfully));
        Assert.Equal(150, await AantalAsync("select count(*) from eventstore.events where stream_id like $1", "stop-"));
    }

    [Fact]
    public async Task Row_wise_statements_of_several_units_are_joined_into_one_that_writes_every_row()
    {
        await db.ExecuteAsync("create table if not exists public.groep_bedragen (id uuid primary key, bedrag numeric, naam text)");
        const string Sql = "insert into public.groep_bedragen (id, bedrag, naam) select * from unnest($1::uuid[], $2::numeric[], $3::text[])";
        NpgsqlBatchCommand Rijen(params (Guid Id, decimal? Bedrag, string Naam)[] rijen)
        {
            var cmd = new NpgsqlBatchCommand(Sql);
            cmd.Parameters.Add(new NpgsqlParameter { Value = rijen.Select(r => r.Id).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rijen.Select(r => r.Bedrag).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Numeric });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rijen.Select(r => r.Naam).ToArray() });
            return cmd;
        }
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var ander = new NpgsqlBatchCommand("insert into public.groep_rijen (stream) values ('samengevoegd-ander')");

        var samen = SetBasedCommands.Merge([Rijen((a, 1.50m, "een")), ander, Rijen((b, null, "twee"), (c, 3m, "drie"))], new HashSet<string> { Sql });

        Assert.Equal(2, samen.Count);
        Assert.Same(ander, samen[1]);
        await using (var batch = new NpgsqlBatch(await db.DataSource.OpenConnectionAsync()))
        {
            batch.BatchCommands.Add(samen[0]);
            batch.BatchCommands.Add(samen[1]);
            await batch.ExecuteNonQueryAsync();
            await batch.Connection!.DisposeAsync();
        }
        Assert.Equal("1.50|een,|twee,3|drie", await db.ScalarAsync<string>(
            $"select string_agg(coalesce(bedrag::text, '') || '|' || naam, ',' order by naam = 'een' desc, naam = 'twee' desc) from public.groep_bedragen where id in ('{a}', '{b}', '{c}')"));
        Assert.Equal(1, await AantalAsync("select count(*) from public.groep_rijen where stream like $1", "samengevoegd-ander"));
    }
}
