using Npgsql;
using WozoSubsidies.Api.Infrastructure.EventSourcing;
using WozoSubsidies.Domain;
using WozoSubsidies.Domain.Aanvragen;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Tijdvakken;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Api.Projections;

/// <summary>The inline read models (0002_leesmodellen.sql) as projections, for a rebuild only: live, they are written in
/// the append transaction (Wijziging.OpslaanAsync). A rebuild folds each stream through the domain's decider, in log
/// order, and writes the row of every stream a batch touched with the same upsert the append uses, so a rebuilt row is
/// the row the append wrote.</summary>
public abstract class InlineProjection<TEvent, TState>(EventTypeRegistry registry, Decider<object, TEvent, TState> decider) : IProjection
    where TEvent : class
{
    private readonly Dictionary<string, (TState State, long Versie)> _streams = new(StringComparer.Ordinal);

    public abstract string Naam { get; }

    public abstract IReadOnlyList<string> Tabellen { get; }

    public virtual IReadOnlyCollection<string>? EventTypes { get; } = NamenVan<TEvent>();

    public string DataExpression => "data_text";

    protected static string[] NamenVan<T>() =>
        [.. DomeinEvents.Alle.Where(e => typeof(T).IsAssignableFrom(e.Type)).Select(e => e.Naam)];

    public async Task ApplyAsync(IReadOnlyList<ProjectionEvent> batch, string schema, NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in batch)
        {
            var data = registry.Deserialize(e.EventType, e.Data);
            if (data is TEvent ev)
            {
                var state = _streams.TryGetValue(e.StreamId, out var s) ? s.State : decider.Begin;
                _streams[e.StreamId] = (decider.Evolve(state, ev), e.StreamVersion);
                touched.Add(e.StreamId);
            }
            else
            {
                Zie(data);
            }
        }
        foreach (var stream in touched)
        {
            var (state, versie) = _streams[stream];
            await SchrijfAsync(conn, tx, state, versie, schema, ct);
        }
    }

    /// <summary>An event of another aggregate this model reads (the aanvragen list needs each regeling's uitvoerder).</summary>
    protected virtual void Zie(object data)
    {
    }

    protected abstract Task SchrijfAsync(NpgsqlConnection conn, NpgsqlTransaction tx, TState state, long versie, string schema, CancellationToken ct);
}

/// <summary>Adapts a typed decider to the untyped one the base folds with (only Evolve and Begin are used).</summary>
internal static class Vouwers
{
    public static Decider<object, TEvent, TState> Van<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> d) =>
        new((_, _) => throw new NotSupportedException("A projection only folds."), d.Evolve, d.Begin);
}

public sealed class RegelingenProjection(EventTypeRegistry registry)
    : InlineProjection<RegelingEvent, RegelingState>(registry, Vouwers.Van(Regeling.Decider))
{
    public const string Name = "regelingen";

    public override string Naam => Name;

    public override IReadOnlyList<string> Tabellen { get; } = ["regelingen"];

    protected override Task SchrijfAsync(NpgsqlConnection conn, NpgsqlTransaction tx, RegelingState state, long versie, string schema, CancellationToken ct) =>
        ReadModels.UpsertRegelingAsync(conn, tx, state, versie, ct, schema);
}

public sealed class TijdvakkenProjection(EventTypeRegistry registry)
    : InlineProjection<TijdvakEvent, TijdvakState>(registry, Vouwers.Van(Tijdvak.Decider))
{
    public const string Name = "tijdvakken";

    public override string Naam => Name;

    public override IReadOnlyList<string> Tabellen { get; } = ["tijdvakken"];

    protected override Task SchrijfAsync(NpgsqlConnection conn, NpgsqlTransaction tx, TijdvakState state, long versie, string schema, CancellationToken ct) =>
        ReadModels.UpsertTijdvakAsync(conn, tx, state, versie, ct, schema);
}

/// <summary>The aanvragen list with besluiten and bezwaren (written together by AanvraagReadModel, in this table order).</summary>
public sealed class AanvragenProjection(EventTypeRegistry registry)
    : InlineProjection<AanvraagEvent, AanvraagState>(registry, Vouwers.Van(Aanvraag.Decider))
{
    public const string Name = "aanvragen";
    private readonly Dictionary<string, string> _uitvoerders = new(StringComparer.Ordinal);

    public override string Naam => Name;

    public override IReadOnlyList<string> Tabellen { get; } = ["aanvragen", "besluiten", "bezwaren"];

    public override IReadOnlyCollection<string>? EventTypes { get; } = [.. NamenVan<AanvraagEvent>(), .. NamenVan<RegelingIngesteld>()];

    protected override void Zie(object data)
    {
        if (data is RegelingIngesteld r)
        {
            _uitvoerders[r.Code] = ReadModels.UitvoerderNaam(r.Uitvoerder);
        }
    }

    protected override Task SchrijfAsync(NpgsqlConnection conn, NpgsqlTransaction tx, AanvraagState state, long versie, string schema, CancellationToken ct) =>
        AanvraagReadModel.UpsertAsync(conn, tx, state, _uitvoerders.GetValueOrDefault(state.RegelingCode, ""), versie, ct, schema);
}
