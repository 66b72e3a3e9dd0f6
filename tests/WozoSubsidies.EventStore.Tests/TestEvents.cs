using System.Text.Json;
using WozoSubsidies.EventStore;
using WozoSubsidies.Testing;

namespace WozoSubsidies.EventStore.Tests;

public sealed record BedragGeboekt(string Omschrijving, decimal Bedrag);

public sealed record NaamGewijzigd(string Naam);

/// <summary>Version 1 of an event that later split its name into two fields.</summary>
public sealed record PersoonGeregistreerdV1(string Naam);

public sealed record PersoonGeregistreerd(string Voornaam, string Achternaam);

public sealed class EventStoreDatabase : DatabaseFixture
{
    protected override IReadOnlyList<MigrationSet> Migrations => [MigrationSet.EventStore];

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    public PostgresEventStore Store(EventTypeRegistry? registry = null) => new(DataSource, registry ?? Registry());

    public static EventTypeRegistry Registry() => new EventTypeRegistry(JsonOptions)
        .Register<BedragGeboekt>("bedrag-geboekt.v1")
        .Register<NaamGewijzigd>("naam-gewijzigd.v1");

    public static EventMetadata Meta(string actor = "tester") =>
        new(actor, "behandelaar", "corr-" + Guid.NewGuid().ToString("N")[..8], null, "test");

    public static StreamAppend Append(string stream, long expected, params object[] events) =>
        new(stream, "test", ExpectedVersion.Of(expected), events.Select(e => EventToAppend.Create(e, Meta())).ToList());
}
