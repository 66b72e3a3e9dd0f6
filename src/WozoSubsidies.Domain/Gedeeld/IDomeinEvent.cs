namespace WozoSubsidies.Domain.Gedeeld;

/// <summary>Marker for every domain event. Each event type implementing it must have a stable
/// versioned name in <see cref="DomeinEvents"/> (a test checks this), so no CLR type name is ever stored.</summary>
#pragma warning disable CA1040 // a marker interface on purpose: the event store and the registry test find events by it
public interface IDomeinEvent;
#pragma warning restore CA1040
