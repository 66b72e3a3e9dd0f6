using System.Security.Cryptography;
using System.Text;
using Npgsql;
using WozoSubsidies.Api.Infrastructure.Database;
using WozoSubsidies.Api.Infrastructure.EventSourcing;
using WozoSubsidies.Domain.Catalogus;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Tijdvakken;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Api.Features.Regelingen;

/// <summary>Loads the default catalogue (Domain/Catalogus/catalogus.json) into an empty database on first start, unless
/// <c>Catalogus__Laden=false</c>. Each regeling with all its tijdvakken is one transaction through the same deciders
/// a beheerder's commands go through; tijdvakken whose dates have passed are opened and closed as they were.
/// Several nodes starting at once: the first wins each regeling's stream, the others see a conflict and skip it.</summary>
public sealed partial class CatalogusLader(
    NpgsqlDataSource db, PostgresEventStore store, TimeProvider time, IConfiguration configuration, ILogger<CatalogusLader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Catalogus:Laden", true) || !MigrationService.Completed)
        {
            return;
        }
        await using (var cmd = db.CreateCommand("select exists (select 1 from eventstore.streams where stream_type = 'regeling')"))
        {
            if (await cmd.ExecuteScalarAsync(cancellationToken) is true)
            {
                return;
            }
        }
        var catalogus = CatalogusLezer.Lees(ReadResource());
        var geladen = 0;
        foreach (var regeling in catalogus.Regelingen)
        {
            try
            {
                await LaadAsync(regeling, cancellationToken);
                geladen++;
            }
            catch (ConcurrencyException)
            {
                // Another node loaded it at the same moment.
            }
        }
        LogLoaded(logger, geladen);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A tijdvak's id from its regeling and name, so the same catalogue gives the same ids everywhere.</summary>
    public static Guid TijdvakId(string regelingCode, string naam)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"wozo-catalogus/{regelingCode}/{naam}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5-style name-based
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private async Task LaadAsync(CatalogusRegeling r, CancellationToken ct)
    {
        var nu = time.GetUtcNow();
        var vandaag = Amsterdam.Dag(nu);
        var door = new Actor("catalogus", "systeem");
        var meta = EventMetadata.System("catalogus-laden", $"catalogus-{nu:yyyyMMddHHmmss}");

        var regelingEvents = new List<RegelingEvent>();
        var regeling = RegelingState.Begin;
        void Regel(RegelingCommand c)
        {
            var events = Regeling.Decide(c, regeling);
            regelingEvents.AddRange(events);
            regeling = events.Aggregate(regeling, Regeling.Evolve);
        }

        Regel(new RegelingInstellen(r.Code, r.Naam, r.Uitvoerder, r.Verdeelmethode, r.ToegestaneAanvragerTypen, r.Herverdelingsbeleid,
            r.VierOgenDrempel, r.TotaalBudget, nu, door, r.BeslistermijnWeken));
        foreach (var v in r.Regels)
        {
            Regel(new RegelsVaststellen(r.Code, v.Versie, v.Ingangsdatum, v.Parameters, nu, door));
        }

        var appends = new List<StreamAppend>();
        var tijdvakStates = new List<(TijdvakState State, long Versie)>();
        foreach (var t in r.Tijdvakken)
        {
            var id = TijdvakId(r.Code, t.Naam);
            Regel(new TijdvakAanmelden(r.Code, id, t.Naam, t.Opent, t.Sluit, t.Budgetplafond, nu, door));
            var tijdvak = TijdvakState.Begin;
            var events = new List<TijdvakEvent>();
            void Tijd(TijdvakCommand c)
            {
                var e = Tijdvak.Decide(c, tijdvak);
                events.AddRange(e);
                tijdvak = e.Aggregate(tijdvak, Tijdvak.Evolve);
            }
            Tijd(new TijdvakPlannen(id, r.Code, t.Naam, t.Opent, t.Sluit, t.Budgetplafond, t.Verdeelmethode, t.Regels, t.Uitnodigingen, nu, door, t.HerverdelingOp));
            // A tijdvak without a plafond stays planned: it may not open before one is set (REGELINGEN.md).
            // A tijdvak of the past is opened and closed at its own moments, as it happened.
            if (t.Budgetplafond is not null && t.Opent <= vandaag)
            {
                Tijd(new TijdvakOpenen(id, Amsterdam.BeginVan(t.Opent), door));
                if (nu >= Amsterdam.EindeVan(t.Sluit))
                {
                    Tijd(new TijdvakSluiten(id, [], Amsterdam.EindeVan(t.Sluit), door));
                }
            }
            appends.Add(new StreamAppend(Streams.Tijdvak(id), "tijdvak", ExpectedVersion.NoStream,
                events.Select(e => EventToAppend.Create(e, meta)).ToList()));
            tijdvakStates.Add((tijdvak, events.Count));
        }
        appends.Add(new StreamAppend(Streams.Regeling(r.Code), "regeling", ExpectedVersion.NoStream,
            regelingEvents.Select(e => EventToAppend.Create(e, meta)).ToList()));

        await store.AppendAsync(appends, async (ctx, token) =>
        {
            await ReadModels.UpsertRegelingAsync(ctx.Connection, ctx.Transaction, regeling, regelingEvents.Count, token);
            foreach (var (state, versie) in tijdvakStates)
            {
                await ReadModels.UpsertTijdvakAsync(ctx.Connection, ctx.Transaction, state, versie, token);
            }
        }, ct);
    }

    private static string ReadResource()
    {
        using var stream = typeof(CatalogusLader).Assembly.GetManifestResourceStream("catalogus.json")
            ?? throw new InvalidOperationException("catalogus.json is not embedded in the API assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} regelingen from the default catalogue")]
    private static partial void LogLoaded(ILogger logger, int count);
}
