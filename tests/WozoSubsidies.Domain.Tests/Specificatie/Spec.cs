using WozoSubsidies.Domain.Gedeeld;

namespace WozoSubsidies.Domain.Tests.Specificatie;

/// <summary>
/// Given / When / Then over a <see cref="Decider{TCommand,TEvent,TState}"/> (ARCHITECTURE.md style 7: tests are specifications).
/// <code>
/// Spec.Voor(Tijdvak.Decider)
///     .Given(gepland, geopend)
///     .When(new DagAfsluiten(...))
///     .Then(new DagAfgesloten(...));          // exact events, compared structurally (lists element by element)
/// Spec.Voor(Tijdvak.Decider).Given(...).When(cmd).ThenFout("plafond-onder-beslag");
/// Spec.Voor(Tijdvak.Decider).Given(...).When(cmd).ThenGeenEvents();   // idempotent no-op
/// </code>
/// Every <c>Then</c> also folds the new events into the state (so an event that breaks an invariant fails the test)
/// and returns a <see cref="SpecDan{TCommand,TEvent,TState}"/> whose <c>State</c> can be inspected or used for a next <c>When</c>.
/// </summary>
public static class Spec
{
    public static SpecGegeven<TCommand, TEvent, TState> Voor<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> decider) =>
        new(decider, []);

    public static SpecGegeven<TCommand, TEvent, TState> Voor<TCommand, TEvent, TState>(
        Func<TCommand, TState, IReadOnlyList<TEvent>> decide, Func<TState, TEvent, TState> evolve, TState begin) =>
        new(new Decider<TCommand, TEvent, TState>(decide, evolve, begin), []);
}

public sealed class SpecGegeven<TCommand, TEvent, TState>
{
    private readonly Decider<TCommand, TEvent, TState> _decider;
    private readonly IReadOnlyList<TEvent> _gegeven;

    internal SpecGegeven(Decider<TCommand, TEvent, TState> decider, IReadOnlyList<TEvent> gegeven)
    {
        _decider = decider;
        _gegeven = gegeven;
    }

    /// <summary>The history so far; may be called more than once (the events add up).</summary>
    public SpecGegeven<TCommand, TEvent, TState> Given(params TEvent[] events) => new(_decider, [.. _gegeven, .. events]);

    /// <summary>The state after the given events.</summary>
    public TState State => _decider.Vouw(_gegeven);

    public SpecWanneer<TCommand, TEvent, TState> When(TCommand command) => new(_decider, _gegeven, command);
}

public sealed class SpecWanneer<TCommand, TEvent, TState>
{
    private readonly Decider<TCommand, TEvent, TState> _decider;
    private readonly IReadOnlyList<TEvent> _gegeven;
    private readonly TCommand _command;

    internal SpecWanneer(Decider<TCommand, TEvent, TState> decider, IReadOnlyList<TEvent> gegeven, TCommand command)
    {
        _decider = decider;
        _gegeven = gegeven;
        _command = command;
    }

    /// <summary>The command must be accepted and produce exactly <paramref name="verwacht"/>, in this order.</summary>
    public SpecDan<TCommand, TEvent, TState> Then(params TEvent[] verwacht)
    {
        var (events, dan) = Uitvoeren();
        if (!Structuur.Gelijk(verwacht, events))
        {
            Assert.Fail($"Andere events dan verwacht.\nVerwacht:\n{Structuur.Toon(verwacht)}\nKreeg:\n{Structuur.Toon(events)}");
        }

        return dan;
    }

    /// <summary>The command must be accepted; <paramref name="controle"/> asserts on the events it produced.</summary>
    public SpecDan<TCommand, TEvent, TState> Then(Action<IReadOnlyList<TEvent>> controle)
    {
        var (events, dan) = Uitvoeren();
        controle(events);
        return dan;
    }

    /// <summary>The command must be accepted as a no-op (already applied: jobs and retries run twice).</summary>
    public SpecDan<TCommand, TEvent, TState> ThenGeenEvents() => Then();

    /// <summary>The command must be refused with rule code <paramref name="code"/>; returns the violation for further checks.</summary>
    public RegelSchending ThenFout(string code)
    {
        try
        {
            var state = _decider.Vouw(_gegeven);
            var events = _decider.Decide(_command, state);
            Assert.Fail($"Verwacht: regelschending '{code}'. Kreeg events:\n{Structuur.Toon(events)}");
            throw new InvalidOperationException("onbereikbaar");
        }
        catch (RegelSchending fout)
        {
            Assert.True(fout.Code == code, $"Verwacht code '{code}', kreeg '{fout.Code}': {fout.Melding}");
            return fout;
        }
    }

    private (IReadOnlyList<TEvent> Events, SpecDan<TCommand, TEvent, TState> Dan) Uitvoeren()
    {
        var state = _decider.Vouw(_gegeven);
        IReadOnlyList<TEvent> events;
        try
        {
            events = _decider.Decide(_command, state);
        }
        catch (RegelSchending fout)
        {
            Assert.Fail($"Onverwachte regelschending '{fout.Code}': {fout.Melding}");
            throw;
        }

        var na = events.Aggregate(state, _decider.Evolve);
        return (events, new SpecDan<TCommand, TEvent, TState>(_decider, [.. _gegeven, .. events], na, events));
    }
}

public sealed class SpecDan<TCommand, TEvent, TState>
{
    private readonly Decider<TCommand, TEvent, TState> _decider;
    private readonly IReadOnlyList<TEvent> _geschiedenis;

    internal SpecDan(Decider<TCommand, TEvent, TState> decider, IReadOnlyList<TEvent> geschiedenis, TState state, IReadOnlyList<TEvent> events)
    {
        _decider = decider;
        _geschiedenis = geschiedenis;
        State = state;
        Events = events;
    }

    /// <summary>The state after the given events and the new ones.</summary>
    public TState State { get; }

    /// <summary>The events the command produced.</summary>
    public IReadOnlyList<TEvent> Events { get; }

    /// <summary>All events so far (given + produced).</summary>
    public IReadOnlyList<TEvent> Geschiedenis => _geschiedenis;

    /// <summary>Asserts on the state after the command.</summary>
    public SpecDan<TCommand, TEvent, TState> EnState(Action<TState> controle)
    {
        controle(State);
        return this;
    }

    /// <summary>A next command on top of everything so far.</summary>
    public SpecWanneer<TCommand, TEvent, TState> When(TCommand command) => new(_decider, _geschiedenis, command);
}
