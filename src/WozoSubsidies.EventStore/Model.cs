namespace WozoSubsidies.EventStore;

/// <summary>Who and what caused an event. Stored with every event as JSON (ARCHITECTURE.md: metadata on every event).
/// The moment it was recorded comes from the database clock and lives on <see cref="RecordedEvent.RecordedAt"/>.</summary>
/// <param name="ActorId">The subject (<c>sub</c>) of the person or the job's name.</param>
/// <param name="ActorRole">aanvrager, behandelaar, auditor, beheerder, or systeem for jobs.</param>
/// <param name="CorrelationId">The request or job run that started the chain.</param>
/// <param name="CausationId">The command or event that directly caused this one.</param>
/// <param name="Source">The command or job name, e.g. <c>IndienenAanvraag</c> or <c>job:tijdvak-sluiten</c>.</param>
/// <param name="RuleVersion">The rules version applied, when a rule decided it.</param>
public sealed record EventMetadata(
    string ActorId,
    string ActorRole,
    string CorrelationId,
    string? CausationId,
    string Source,
    string? RuleVersion = null)
{
    public static EventMetadata System(string source, string correlationId) =>
        new("systeem", "systeem", correlationId, null, source);
}

/// <summary>An event to append. <see cref="EventId"/> makes the append idempotent: the same id is never stored twice.</summary>
public sealed record EventToAppend(Guid EventId, object Data, EventMetadata Metadata)
{
    public static EventToAppend Create(object data, EventMetadata metadata) => new(Guid.NewGuid(), data, metadata);
}

/// <summary>The version the caller expects a stream to be at: the number of events it has seen.
/// A new stream is at 0. <see cref="Any"/> skips the check.</summary>
public readonly record struct ExpectedVersion(long Value)
{
    public static ExpectedVersion NoStream { get; } = new(0);
    public static ExpectedVersion Any { get; } = new(-1);
    public static ExpectedVersion Of(long version) =>
        version >= 0 ? new(version) : throw new ArgumentOutOfRangeException(nameof(version));
    public bool IsAny => Value < 0;
    public override string ToString() => IsAny ? "any" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Events for one stream within an append.</summary>
public sealed record StreamAppend(string StreamId, string StreamType, ExpectedVersion ExpectedVersion, IReadOnlyList<EventToAppend> Events);

/// <summary>What an append stored: per event its position and stream version. <see cref="Duplicate"/> is true when
/// every event id was already stored (an idempotent retry) and nothing was written.</summary>
public sealed record AppendedEvent(Guid EventId, string StreamId, long StreamVersion, long Position, DateTimeOffset RecordedAt, bool Duplicate);

public sealed record AppendResult(IReadOnlyList<AppendedEvent> Events)
{
    public long VersionOf(string streamId) => Events.Where(e => e.StreamId == streamId).Max(e => e.StreamVersion);
    public bool AllDuplicates => Events.Count > 0 && Events.All(e => e.Duplicate);
}

/// <summary>An event as stored, its data already upcast to the current CLR type.</summary>
public sealed record RecordedEvent(
    long Position,
    string StreamId,
    long StreamVersion,
    Guid EventId,
    string EventType,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt,
    byte[] Hash);

/// <summary>An event exactly as stored: data and metadata as PostgreSQL's canonical jsonb text, for export and verification.</summary>
public sealed record RawEvent(
    long Position,
    string StreamId,
    long StreamVersion,
    Guid EventId,
    string EventType,
    string Data,
    string Metadata,
    DateTimeOffset RecordedAt,
    byte[] Hash);

/// <summary>A page of the global log. <see cref="NextPosition"/> is the position to pass to read on.</summary>
public sealed record LogPage(IReadOnlyList<RecordedEvent> Events, long NextPosition);

public sealed class ConcurrencyException(string message, Exception? inner = null) : Exception(message, inner)
{
    public ConcurrencyException() : this("Concurrency conflict.") { }
    public ConcurrencyException(string message) : this(message, null) { }
}

public sealed class DuplicateEventException(string message, Exception? inner = null) : Exception(message, inner)
{
    public DuplicateEventException() : this("Some event ids were already stored.") { }
    public DuplicateEventException(string message) : this(message, null) { }
}
