namespace WozoSubsidies.Domain.Gedeeld;

/// <summary>
/// An aggregate as data: the two pure functions and the state before the first event
/// (ARCHITECTURE.md style 2). <see cref="Decide"/> returns the events of an accepted command (an empty list
/// when the command was already applied: jobs and retries run twice) or throws <see cref="RegelSchending"/>;
/// <see cref="Evolve"/> folds one event into the state and throws <see cref="InvalidOperationException"/>
/// when an event would break an invariant (that is a bug, never a user error).
/// </summary>
public sealed record Decider<TCommand, TEvent, TState>(
    Func<TCommand, TState, IReadOnlyList<TEvent>> Decide,
    Func<TState, TEvent, TState> Evolve,
    TState Begin)
{
    /// <summary>The state after <paramref name="events"/>, from <see cref="Begin"/>.</summary>
    public TState Vouw(IEnumerable<TEvent> events) => events.Aggregate(Begin, Evolve);
}
