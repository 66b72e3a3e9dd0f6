namespace WozoSubsidies.Domain.Gedeeld;

/// <summary>
/// The lottery that orders the aanvragen of the day the plafond is crossed (LIFECYCLE.md "Budget of a tijdvak",
/// docs/domain-boundary.md). It must be replayable by anyone from the seed in the event, so it uses this
/// published algorithm and never <see cref="Random"/> (whose algorithm is not a public contract):
/// <list type="number">
/// <item>Sort the candidates by (OntvangenOp, AanvraagId) — the caller does this; <see cref="Schud{T}"/> takes them in that order.</item>
/// <item>Generator: SplitMix64 (Steele, Lea, Flood 2014) with state = seed (as unsigned 64 bits). Each draw:
/// state += 0x9E3779B97F4A7C15; z = state; z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
/// z = (z ^ (z >> 27)) * 0x94D049BB133111EB; result = z ^ (z >> 31) (all arithmetic modulo 2^64).</item>
/// <item>A number below n without bias: draw r, repeat while r &lt; (2^64 − n) mod n, answer r mod n.</item>
/// <item>Fisher–Yates (Durstenfeld): for i = n−1 down to 1: j = below(i+1); swap items i and j.</item>
/// </list>
/// </summary>
public static class Loting
{
    /// <summary>The candidates in lottery order for <paramref name="seed"/>. Pure: same input, same order.</summary>
    public static IReadOnlyList<T> Schud<T>(IReadOnlyList<T> kandidaten, long seed)
    {
        var volgorde = kandidaten.ToArray();
        var generator = new SplitMix64(unchecked((ulong)seed));
        for (var i = volgorde.Length - 1; i > 0; i--)
        {
            var j = (int)generator.Onder((ulong)i + 1);
            (volgorde[i], volgorde[j]) = (volgorde[j], volgorde[i]);
        }

        return volgorde;
    }
}

/// <summary>SplitMix64: a tiny, well-known 64-bit generator; good enough for a fair draw and trivial to re-implement.</summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _toestand = seed;

    public ulong Volgende()
    {
        unchecked
        {
            _toestand += 0x9E3779B97F4A7C15UL;
            var z = _toestand;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A uniform number in [0, n) (rejection sampling, so no modulo bias).</summary>
    public ulong Onder(ulong n)
    {
        ArgumentOutOfRangeException.ThrowIfZero(n);
        var drempel = unchecked(0UL - n) % n;
        ulong r;
        do
        {
            r = Volgende();
        }
        while (r < drempel);

        return r % n;
    }
}
