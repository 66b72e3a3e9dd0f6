using WozoSubsidies.Domain.Aanvragen;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Tijdvakken;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Api.Infrastructure.EventSourcing;

/// <summary>The stream of each aggregate. The ids are part of the log's contract: auditors address streams by them.</summary>
public static class Streams
{
    public static string Regeling(string code) => $"regeling-{code}";
    public static string Tijdvak(Guid id) => $"tijdvak-{id:D}";
    public static string Aanvraag(Guid id) => $"aanvraag-{id:D}";
}

/// <summary>An aggregate's state as folded from its stream, with the version it was read at (for the expected version and the ETag).</summary>
public sealed record Loaded<TState>(string StreamId, TState State, long Version)
{
    public bool Exists => Version > 0;
}

/// <summary>Loads aggregates by folding their streams through the domain deciders, and turns decided events into appends.</summary>
public sealed class Aggregates(PostgresEventStore store)
{
    public Task<Loaded<RegelingState>> RegelingAsync(string code, CancellationToken ct, DateTimeOffset? asOf = null) =>
        LoadAsync(Regeling.Decider, Streams.Regeling(code), ct, null, asOf);

    public Task<Loaded<TijdvakState>> TijdvakAsync(Guid id, CancellationToken ct, DateTimeOffset? asOf = null) =>
        LoadAsync(Tijdvak.Decider, Streams.Tijdvak(id), ct, null, asOf);

    public Task<Loaded<AanvraagState>> AanvraagAsync(Guid id, CancellationToken ct, long? toVersion = null, DateTimeOffset? asOf = null) =>
        LoadAsync(Aanvraag.Decider, Streams.Aanvraag(id), ct, toVersion, asOf);

    public async Task<Loaded<TState>> LoadAsync<TCommand, TEvent, TState>(
        Decider<TCommand, TEvent, TState> decider, string streamId, CancellationToken ct, long? toVersion = null, DateTimeOffset? asOf = null)
    {
        var events = await store.ReadStreamAsync(streamId, toVersion, asOf, ct);
        var state = decider.Vouw(events.Select(e => (TEvent)e.Data));
        return new Loaded<TState>(streamId, state, events.Count == 0 ? 0 : events[^1].StreamVersion);
    }

    /// <summary>The append of <paramref name="events"/> decided on <paramref name="loaded"/>: expects the version it was read at.</summary>
    public static StreamAppend Append<TState, TEvent>(Loaded<TState> loaded, string streamType, IEnumerable<TEvent> events, EventMetadata metadata)
        where TEvent : notnull =>
        new(loaded.StreamId, streamType, ExpectedVersion.Of(loaded.Version),
            events.Select(e => EventToAppend.Create(e, metadata)).ToList());
}
