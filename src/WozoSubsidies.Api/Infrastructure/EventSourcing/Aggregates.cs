using Npgsql;
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

/// <summary>The latest folded state of the streams every request reads (regelingen, tijdvakken), per node. Events are
/// immutable and a stream's version only grows, so a cached state at version v plus the events after v is exactly the
/// current state: a load reads only what is new (usually nothing). States are immutable records, safe to share.
/// A database restored to an older point behind running nodes needs those nodes restarted.</summary>
public sealed class StateCache
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Version, object State)> _states = new(StringComparer.Ordinal);

    public bool TryGet<TState>(string streamId, out long version, out TState state)
    {
        if (_states.TryGetValue(streamId, out var entry) && entry.State is TState s)
        {
            (version, state) = (entry.Version, s);
            return true;
        }
        (version, state) = (0, default!);
        return false;
    }

    // Keep the newest: two requests may catch up concurrently.
    public void Set(string streamId, long version, object state) =>
        _states.AddOrUpdate(streamId, (version, state), (_, old) => version >= old.Version ? (version, state) : old);
}

/// <summary>Loads aggregates by folding their streams through the domain deciders, and turns decided events into appends.</summary>
public sealed class Aggregates(PostgresEventStore store, StateCache cache)
{
    public Task<Loaded<RegelingState>> RegelingAsync(string code, CancellationToken ct, DateTimeOffset? asOf = null) =>
        asOf is null ? CachedAsync(Regeling.Decider, Streams.Regeling(code), ct) : LoadAsync(Regeling.Decider, Streams.Regeling(code), ct, null, asOf);

    public Task<Loaded<TijdvakState>> TijdvakAsync(Guid id, CancellationToken ct, DateTimeOffset? asOf = null) =>
        asOf is null ? CachedAsync(Tijdvak.Decider, Streams.Tijdvak(id), ct) : LoadAsync(Tijdvak.Decider, Streams.Tijdvak(id), ct, null, asOf);

    /// <summary>A regeling and one of its tijdvakken, both caught up in one round trip (what submitting an aanvraag reads).</summary>
    public async Task<(Loaded<RegelingState> Regeling, Loaded<TijdvakState> Tijdvak)> RegelingEnTijdvakAsync(
        string code, Guid tijdvakId, CancellationToken ct)
    {
        var (regelingStream, tijdvakStream) = (Streams.Regeling(code), Streams.Tijdvak(tijdvakId));
        var (regelingVersie, regeling) = FromCache(Regeling.Decider, regelingStream);
        var (tijdvakVersie, tijdvak) = FromCache(Tijdvak.Decider, tijdvakStream);
        var newer = await store.ReadStreamsAfterAsync([(regelingStream, regelingVersie), (tijdvakStream, tijdvakVersie)], ct);
        return (CatchUp(Regeling.Decider, regelingStream, regelingVersie, regeling, newer.GetValueOrDefault(regelingStream, [])),
                CatchUp(Tijdvak.Decider, tijdvakStream, tijdvakVersie, tijdvak, newer.GetValueOrDefault(tijdvakStream, [])));
    }

    private async Task<Loaded<TState>> CachedAsync<TCommand, TEvent, TState>(
        Decider<TCommand, TEvent, TState> decider, string streamId, CancellationToken ct)
    {
        var (version, state) = FromCache(decider, streamId);
        return CatchUp(decider, streamId, version, state, await store.ReadStreamAfterAsync(streamId, version, ct));
    }

    private (long Version, TState State) FromCache<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> decider, string streamId) =>
        cache.TryGet<TState>(streamId, out var version, out var state) ? (version, state) : (0, decider.Begin);

    private Loaded<TState> CatchUp<TCommand, TEvent, TState>(
        Decider<TCommand, TEvent, TState> decider, string streamId, long version, TState state, IReadOnlyList<RecordedEvent> newer)
    {
        if (newer.Count > 0)
        {
            state = newer.Select(e => (TEvent)e.Data).Aggregate(state, decider.Evolve);
            version = newer[^1].StreamVersion;
        }
        if (version > 0)
        {
            cache.Set(streamId, version, state!);
        }
        return new Loaded<TState>(streamId, state, version);
    }

    public Task<Loaded<AanvraagState>> AanvraagAsync(Guid id, CancellationToken ct, long? toVersion = null, DateTimeOffset? asOf = null) =>
        LoadAsync(Aanvraag.Decider, Streams.Aanvraag(id), ct, toVersion, asOf);

    /// <summary>Many aanvragen at once, in one query: a day's settlement or a closing touches thousands of aanvraag streams,
    /// and one round trip per stream would dominate it (docs/benchmarks.md, allocation). Unknown ids give the empty state.</summary>
    public async Task<IReadOnlyDictionary<Guid, Loaded<AanvraagState>>> AanvragenAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var events = new Dictionary<string, List<AanvraagEvent>>(StringComparer.Ordinal);
        var versies = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var cmd = store.DataSource.CreateCommand(
            $"select {PostgresEventStore.Columns} " +
            "from eventstore.events where stream_id = any($1) order by stream_id, stream_version"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = ids.Select(Streams.Aanvraag).ToArray() });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var raw = new RawEvent(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetGuid(3), reader.GetString(4),
                    reader.GetString(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<byte[]>(8));
                if (!events.TryGetValue(raw.StreamId, out var lijst))
                {
                    events[raw.StreamId] = lijst = [];
                }
                lijst.Add((AanvraagEvent)store.ToRecorded(raw).Data);
                versies[raw.StreamId] = raw.StreamVersion;
            }
        }
        return ids.Distinct().ToDictionary(id => id, id =>
        {
            var streamId = Streams.Aanvraag(id);
            return events.TryGetValue(streamId, out var lijst)
                ? new Loaded<AanvraagState>(streamId, Aanvraag.Decider.Vouw(lijst), versies[streamId])
                : new Loaded<AanvraagState>(streamId, AanvraagState.Begin, 0);
        });
    }

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
