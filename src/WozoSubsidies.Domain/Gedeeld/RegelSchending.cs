using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Gedeeld;

/// <summary>
/// The one way a decider says "no": <c>Decide</c> returns the events of an accepted command, and throws
/// <see cref="RegelSchending"/> when a business rule forbids it. Nothing else in a decider throws except
/// programming errors (an event that would break an invariant in <c>Evolve</c>: <see cref="InvalidOperationException"/>).
/// The API maps it to a problem response with <see cref="Code"/> as the stable `code`:
/// 422 when <see cref="Overtredingen"/> is not empty (the content of an aanvraag breaks the regeling's rules),
/// otherwise 409 (the command conflicts with the state, e.g. <c>plafond-onder-beslag</c>).
/// </summary>
/// <remarks>Why an exception and not a result type: a decider's happy path stays a plain list of events,
/// a rule check is one line (<see cref="Eis"/>), and the dispatcher catches it in one place
/// (ARCHITECTURE.md style 4: rule → 409 with a rule code).</remarks>
[SuppressMessage("Naming", "CA1710", Justification = "A domain word: the API and the tests speak of a RegelSchending, not a RegelSchendingException.")]
public sealed class RegelSchending : Exception
{
    public RegelSchending(string code, string melding, IReadOnlyList<RegelOvertreding>? overtredingen = null)
        : base(melding)
    {
        Code = code;
        Melding = melding;
        Overtredingen = overtredingen ?? [];
    }

    public RegelSchending()
        : this("regel-geschonden", "Een regel staat dit niet toe.")
    {
    }

    public RegelSchending(string message)
        : this("regel-geschonden", message)
    {
    }

    public RegelSchending(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "regel-geschonden";
        Melding = message;
        Overtredingen = [];
    }

    /// <summary>Stable kebab-case code, e.g. <c>plafond-onder-beslag</c>; clients switch on it.</summary>
    public string Code { get; }

    /// <summary>A clear Dutch sentence for the person who sent the command.</summary>
    public string Melding { get; }

    /// <summary>The individual rules an aanvraag's content breaks (from an <see cref="IRegelingCalculator"/>); empty for state conflicts.</summary>
    public IReadOnlyList<RegelOvertreding> Overtredingen { get; }

    /// <summary>Throws a <see cref="RegelSchending"/> with <paramref name="code"/> unless <paramref name="voorwaarde"/> holds.</summary>
    public static void Eis(bool voorwaarde, string code, string melding)
    {
        if (!voorwaarde)
        {
            throw new RegelSchending(code, melding);
        }
    }

    /// <summary>The same for an interpolated message: it is only formatted when the rule is broken (as Debug.Assert does),
    /// so a check on the hot path (every aanvraag of a day) costs nothing when it holds.</summary>
    public static void Eis(bool voorwaarde, string code, [InterpolatedStringHandlerArgument(nameof(voorwaarde))] ref MeldingBouwer melding)
    {
        if (!voorwaarde)
        {
            throw new RegelSchending(code, melding.ToStringAndClear());
        }
    }

    /// <summary>Builds the message of <see cref="Eis(bool, string, ref MeldingBouwer)"/> only when the condition is false.</summary>
    [InterpolatedStringHandler]
    [SuppressMessage("Performance", "CA1815", Justification = "A compiler-driven string builder, never compared.")]
    public ref struct MeldingBouwer
    {
        private DefaultInterpolatedStringHandler _tekst;

        public MeldingBouwer(int literalLength, int formattedCount, bool voorwaarde, out bool shouldAppend)
        {
            shouldAppend = !voorwaarde;
            _tekst = shouldAppend ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
        }

        public void AppendLiteral(string value) => _tekst.AppendLiteral(value);

        public void AppendFormatted<T>(T value) => _tekst.AppendFormatted(value);

        public void AppendFormatted<T>(T value, string? format) => _tekst.AppendFormatted(value, format);

        public string ToStringAndClear() => _tekst.ToStringAndClear();
    }
}
