using WozoSubsidies.Api.Projections;
using WozoSubsidies.Api.Tests.Rapportages;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Api.Tests.Projections;

/// <summary>A rebuild reads the next page while it applies the current one (ProjectionLog.PagesAsync). Over many more
/// pages than it reads ahead, with writes going on and a transaction that took its position early and commits late, it
/// still applies every event once, in log order, up to the checkpoint it hands the daemon; a read or a write that fails
/// halfway ends it as Mislukt with the database's reason, the live table untouched and the rebuild's lock free again.
/// The projection under test records each position it is given, in a table whose identity column keeps the order.</summary>
public sealed class HerbouwPipelineTests(ApiFixture db) : IClassFixture<ApiFixture>
{
    private const int Pagina = 7;

    private PostgresEventStore Store() => TellerLog.Store(db.DataSource);

    private async Task<string> NieuweTabelAsync(string extra = "")
    {
        var naam = $"volgorde_{Guid.NewGuid():N}"[..20];
        await db.ExecuteAsync($"create table api.{naam} (volgnummer bigint generated always as identity, positie bigint not null{extra})");
        return naam;
    }

    private static Task SchrijfAsync(PostgresEventStore store, int schrijvers, int elk) => TellerLog.SchrijfAsync(store, schrijvers, elk);

    private HerbouwService Herbouw(IProjection projection) => LosseHerbouw.Maak(db.DataSource, projection, Pagina);

    /// <summary>Starts a rebuild and polls until it is no longer running (a rebuild that hangs fails the probe).</summary>
    private static async Task<HerbouwVoortgang> HerbouwAsync(HerbouwService herbouw, string naam)
    {
        await herbouw.StartAsync(naam, CancellationToken.None);
        HerbouwVoortgang stand = null!;
        await Probe.UntilAsync(async () => (stand = await herbouw.LeesAsync(naam, CancellationToken.None)).Status != HerbouwStatus.Bezig,
            $"the rebuild of {naam} has ended");
        await herbouw.WachtAsync();
        return stand;
    }

    private async Task<long> PositieOpDeHelftAsync() =>
        await db.ScalarAsync<long>("select position from eventstore.events order by position offset (select count(*) / 2 from eventstore.events) limit 1");

    [Fact]
    public async Task Een_herbouw_over_veel_meer_paginas_dan_hij_vooruitleest_past_elk_event_een_keer_toe_in_volgorde_ook_onder_schrijvers()
    {
        var store = Store();
        await SchrijfAsync(store, schrijvers: 2, elk: 100);
        var naam = await NieuweTabelAsync();

        // A transaction takes its position now and commits only after the rebuild: nothing after it may be applied yet.
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var laat = await store.AppendAsync(conn, tx, [new StreamAppend($"teller-{Guid.NewGuid():N}", "teller", ExpectedVersion.NoStream,
            [TellerLog.Event(0, "laat")])]);
        var schrijven = SchrijfAsync(store, schrijvers: 2, elk: 40);

        var stand = await HerbouwAsync(Herbouw(new Telling(naam)), naam);
        await schrijven;
        await tx.CommitAsync();

        Assert.Equal(HerbouwStatus.Klaar, stand.Status);
        var checkpoint = await db.ScalarAsync<long>($"select positie from api.projectie_posities where naam = '{naam}'");
        Assert.True(checkpoint < laat.Events[0].Position, "the rebuild stopped before the event whose transaction had not committed");
        var toegepast = await db.ScalarAsync<long[]>($"select coalesce(array_agg(positie order by volgnummer), '{{}}') from api.{naam}");
        var log = await db.ScalarAsync<long[]>($"select array_agg(position order by position) from eventstore.events where position <= {checkpoint}");
        Assert.True(log.Length > 20 * Pagina, $"the log up to the checkpoint spans many pages ({log.Length} events)");
        Assert.Equal(log, toegepast);
        Assert.Equal(log.Length, stand.EventsGedaan);
    }

    public static TheoryData<string, string> Fouten => new()
    {
        // The server fails to read one event halfway through the log.
        { "lezen", "division by zero" },
        // The server refuses to write one event's row halfway through the log.
        { "schrijven", "niet_deze_positie" },
    };

    [Theory]
    [MemberData(nameof(Fouten))]
    public async Task Een_fout_halverwege_de_herbouw_eindigt_in_Mislukt_met_de_reden_en_laat_het_live_leesmodel_staan(string waar, string reden)
    {
        await SchrijfAsync(Store(), schrijvers: 2, elk: 100);
        var kapot = await PositieOpDeHelftAsync();
        var naam = await NieuweTabelAsync(waar == "schrijven" ? $", constraint niet_deze_positie check (positie <> {kapot})" : "");
        await db.ExecuteAsync($"insert into api.{naam} (positie) values (-1)");
        // Volatile (random()), so the server evaluates it only for the rows a page returns, not for every row it sorts.
        var projection = waar == "lezen"
            ? new Telling(naam, $"(case when position = {kapot} then 1 / (random() * 0)::int else 0 end)::text")
            : new Telling(naam);

        var stand = await HerbouwAsync(Herbouw(projection), naam);

        Assert.Equal(HerbouwStatus.Mislukt, stand.Status);
        Assert.Contains(reden, stand.Fout, StringComparison.Ordinal);
        Assert.InRange(stand.EventsGedaan, 1, stand.EventsTotaal - 1);
        Assert.Equal(new[] { -1L }, await db.ScalarAsync<long[]>($"select array_agg(positie) from api.{naam}"));

        // The lock is free again: the next rebuild (of a projection that reads and writes every event) runs and swaps.
        if (waar == "schrijven")
        {
            await db.ExecuteAsync($"alter table api.{naam} drop constraint niet_deze_positie");
        }
        Assert.Equal(HerbouwStatus.Klaar, (await HerbouwAsync(Herbouw(new Telling(naam)), naam)).Status);
        Assert.Equal(1, await db.ScalarAsync<long>($"select count(*) from api.{naam} where positie = {kapot}"));
    }
}
