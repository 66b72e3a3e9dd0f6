using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WozoSubsidies.Api.Projections;
using WozoSubsidies.Api.Tests.Rapportages;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Api.Tests.Projections;

/// <summary>The projection framework on a real PostgreSQL, with two "nodes" (each its own connection pool and runner) on
/// one database: one runs the projection, the other takes over when the first dies, and together they apply every event
/// of the log exactly once. The projection under test records each position it is given; a table without a unique key,
/// so a double application would show as a duplicate rather than fail.</summary>
public sealed class ProjectionDaemonTests(ApiFixture db) : IClassFixture<ApiFixture>
{
    private static readonly ProjectieOpties Opties = new() { Interval = TimeSpan.FromMilliseconds(20), BatchGrootte = 25 };

    private PostgresEventStore Store() => TellerLog.Store(db.DataSource);

    private async Task<string> NieuweTellingAsync()
    {
        var naam = $"telling_{Guid.NewGuid():N}"[..20];
        await db.ExecuteAsync($"create table api.{naam} (positie bigint not null)");
        return naam;
    }

    private static Task SchrijfAsync(PostgresEventStore store, int schrijvers, int elk) => TellerLog.SchrijfAsync(store, schrijvers, elk);

    /// <summary>Every event of the log applied exactly once, and the checkpoint at the end of the log.</summary>
    private async Task AllesPreciesEenKeerAsync(string naam)
    {
        var totaal = await db.ScalarAsync<long>("select count(*) from eventstore.events");
        await Probe.UntilAsync(async () => await db.ScalarAsync<long>($"select count(*) from api.{naam}") >= totaal,
            "the projection has applied every event");
        Assert.Equal(totaal, await db.ScalarAsync<long>($"select count(*) from api.{naam}"));
        Assert.Equal(totaal, await db.ScalarAsync<long>($"select count(distinct positie) from api.{naam}"));
        Assert.Equal(0, await db.ScalarAsync<long>($"select count(*) from eventstore.events e where not exists (select 1 from api.{naam} t where t.positie = e.position)"));
        Assert.Equal(await db.ScalarAsync<long>("select max(position) from eventstore.events"),
            await db.ScalarAsync<long>($"select positie from api.projectie_posities where naam = '{naam}'"));
    }

    [Fact]
    public async Task Als_de_node_met_de_projectie_sterft_neemt_de_andere_het_over_vanaf_het_checkpoint_zonder_gaten_of_dubbeltellingen()
    {
        var naam = await NieuweTellingAsync();
        await using var nodeA = NpgsqlDataSource.Create(db.ConnectionString);
        await using var nodeB = NpgsqlDataSource.Create(db.ConnectionString);
        var a = new ProjectionRunner(nodeA, () => new Telling(naam), Opties, NullLogger<ProjectionRunner>.Instance);
        var b = new ProjectionRunner(nodeB, () => new Telling(naam), Opties, NullLogger<ProjectionRunner>.Instance);
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var runA = a.RunAsync(stopA.Token);
        var runB = b.RunAsync(stopB.Token);

        var schrijven = SchrijfAsync(Store(), schrijvers: 4, elk: 150);
        await Probe.UntilAsync(async () => (a.Actief || b.Actief) && await db.ScalarAsync<long>($"select count(*) from api.{naam}") > 50,
            "one node runs the projection");
        Assert.False(a.Actief && b.Actief);
        var (houder, ander, stopHouder, runHouder) = a.Actief ? (a, b, stopA, runA) : (b, a, stopB, runB);

        // The node dies: its sessions end (and the lock with them) and it does nothing more.
        await db.ExecuteAsync($"select pg_terminate_backend({houder.LockBackend})");
        await stopHouder.CancelAsync();
        await runHouder;
        await Probe.UntilAsync(() => Task.FromResult(ander.Actief), "the other node takes the projection over");
        await schrijven;

        await AllesPreciesEenKeerAsync(naam);
        Assert.False(houder.Actief);
        await stopB.CancelAsync();
        await stopA.CancelAsync();
        await Task.WhenAll(runA, runB);
    }

    [Fact]
    public async Task Een_node_die_zijn_lock_verliest_zonder_het_te_merken_telt_niets_dubbel()
    {
        var naam = await NieuweTellingAsync();
        await using var nodeA = NpgsqlDataSource.Create(db.ConnectionString);
        await using var nodeB = NpgsqlDataSource.Create(db.ConnectionString);
        var runners = new[]
        {
            new ProjectionRunner(nodeA, () => new Telling(naam), Opties, NullLogger<ProjectionRunner>.Instance),
            new ProjectionRunner(nodeB, () => new Telling(naam), Opties, NullLogger<ProjectionRunner>.Instance),
        };
        using var stop = new CancellationTokenSource();
        var runs = runners.Select(r => r.RunAsync(stop.Token)).ToList();

        var schrijven = SchrijfAsync(Store(), schrijvers: 3, elk: 120);
        // Three times the lock's session is ended under a running node while writes go on; both nodes keep running.
        for (var keer = 0; keer < 3; keer++)
        {
            int? backend = null;
            await Probe.UntilAsync(() => Task.FromResult((backend = runners.FirstOrDefault(r => r.Actief)?.LockBackend) is not null), "a node holds the lock");
            await db.ExecuteAsync($"select pg_terminate_backend({backend})");
            await Probe.UntilAsync(() => Task.FromResult(runners.All(r => r.LockBackend != backend)), "the lock's session is gone");
        }
        await schrijven;

        await AllesPreciesEenKeerAsync(naam);
        await stop.CancelAsync();
        await Task.WhenAll(runs);
    }

    [Fact]
    public async Task Een_event_waarvan_de_transactie_later_commit_dan_latere_posities_wordt_niet_overgeslagen()
    {
        var naam = await NieuweTellingAsync();
        var store = Store();
        await using var node = NpgsqlDataSource.Create(db.ConnectionString);
        var runner = new ProjectionRunner(node, () => new Telling(naam), Opties, NullLogger<ProjectionRunner>.Instance);
        using var stop = new CancellationTokenSource();
        var run = runner.RunAsync(stop.Token);

        // A transaction takes its position first and commits last.
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var laat = await store.AppendAsync(conn, tx, [new StreamAppend($"teller-{Guid.NewGuid():N}", "teller", ExpectedVersion.NoStream,
            [TellerLog.Event(0, "laat")])]);
        await SchrijfAsync(store, schrijvers: 2, elk: 20);
        await Probe.UntilAsync(() => Task.FromResult(runner.Actief), "the node runs the projection");
        await tx.CommitAsync();

        await AllesPreciesEenKeerAsync(naam);
        Assert.Equal(1, await db.ScalarAsync<long>($"select count(*) from api.{naam} where positie = {laat.Events[0].Position}"));
        await stop.CancelAsync();
        await run;
    }
}
