using Npgsql;

namespace WozoSubsidies.Api.Projections;

/// <summary>An event as a projection reads it: where it is in the log, its stream and type, and its data as the JSON
/// the projection asked for (<see cref="IProjection.DataExpression"/>), as the UTF-8 bytes PostgreSQL sent: JSON is parsed
/// from UTF-8 anyway, so a string would only be decoded and encoded again (twice the size, a million times in a rebuild).</summary>
public sealed record ProjectionEvent(long Position, string StreamId, long StreamVersion, string EventType, byte[] Data)
{
    /// <summary>What <see cref="IProjection.Voorlezen"/> made of this event when it was read, if anything.</summary>
    public object? Voorgelezen { get; init; }
}

/// <summary>A read model folded from the log. It owns its tables (in schema <c>api</c>) and writes only those, into the
/// schema it is given: <c>api</c> when it runs live, <c>projecties_herbouw</c> while it is rebuilt (ARCHITECTURE.md:
/// "each owns its tables and is rebuildable from the log"). An instance may keep state between batches of one run
/// (the inline models fold streams in memory during a rebuild); a new run gets a new instance.</summary>
public interface IProjection
{
    /// <summary>The name in the API (<c>/api/audit/projecties/{naam}/herbouw</c>) and in <c>api.projectie_posities</c>.</summary>
    string Naam { get; }

    /// <summary>The tables it owns, in the order the live writers lock them (a rebuild locks them in this order too).</summary>
    IReadOnlyList<string> Tabellen { get; }

    /// <summary>The event types it reads; null for all. Others are not fetched at all.</summary>
    IReadOnlyCollection<string>? EventTypes { get; }

    /// <summary>The SQL expression (over <c>eventstore.events</c>) that gives <see cref="ProjectionEvent.Data"/>: <c>data_text</c> (the stored canonical text),
    /// or less, so that a projection needing three fields does not pay for transferring and parsing whole events. Of type
    /// <c>text</c> (cast a json or jsonb expression with <c>::text</c>): its bytes are handed over as PostgreSQL sends them.</summary>
    string DataExpression { get; }

    /// <summary>Work on one event that needs no database (parsing its fields), done as it is read: during a rebuild that
    /// is while the previous batch is written (ProjectionLog.PagesAsync), so it leaves the critical path. ApplyAsync finds
    /// the result in <see cref="ProjectionEvent.Voorgelezen"/>. It must not depend on earlier events.</summary>
    object? Voorlezen(ProjectionEvent e) => null;

    /// <summary>Called by a rebuild before its first batch: the tables it will write start empty, and until the swap no one
    /// but this instance writes them, so a row this instance has not written yet is not there and can be inserted
    /// without an upsert's conflict check.</summary>
    void BeginLeeg()
    {
    }

    /// <summary>Applies a batch (in log order) to the tables in <paramref name="schema"/>, in the caller's transaction,
    /// which also moves the projection's position: all of it commits, or none of it.</summary>
    Task ApplyAsync(IReadOnlyList<ProjectionEvent> batch, string schema, NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct);
}

/// <summary>How a read model is kept current: by the async daemon from the log, or inline in the append transaction
/// (then only a rebuild folds the log; see docs/read-models.md).</summary>
public enum ProjectionSoort
{
    Async,
    Inline,
}

/// <summary>A read model the service knows, with a factory for a fresh instance per run.</summary>
public sealed record ProjectionRegistratie(string Naam, ProjectionSoort Soort, Func<IServiceProvider, IProjection> Maak);

/// <summary>Every read model that can be rebuilt, by name.</summary>
public sealed class ProjectionCatalogus(IEnumerable<ProjectionRegistratie> registraties)
{
    private readonly Dictionary<string, ProjectionRegistratie> _perNaam = registraties.ToDictionary(r => r.Naam, StringComparer.Ordinal);

    public IReadOnlyCollection<ProjectionRegistratie> Alle => _perNaam.Values;

    public ProjectionRegistratie? Zoek(string naam) => _perNaam.GetValueOrDefault(naam);
}
