using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace WozoSubsidies.Api.Projections;

/// <summary>Picks a few top-level fields out of a JSON object (an event body's stored text) as text, the way PostgreSQL's
/// <c>-&gt;&gt;</c> gives them: a string unescaped, a number or boolean as written, null for JSON null or a missing key
/// (an object or array value counts as missing: no field read here is one).
/// Nested objects and arrays are skipped by finding their closing bracket with vectorised searches instead of being
/// tokenised: for a 1.6 kB aanvraag-ingediend.v1 about half of <see cref="Utf8JsonReader"/>'s cost (2.9-3.3 against
/// 5.3-6.3 us in a micro-benchmark), and a rebuild reads a million of them (docs/benchmarks.md, phase g). Input must be
/// valid JSON (it comes from jsonb).</summary>
public sealed class TopVelden
{
    private static readonly SearchValues<byte> StringOrBracket = SearchValues.Create("\"[]{}"u8);
    private static readonly SearchValues<byte> StringEnd = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> ScalarEnd = SearchValues.Create(",} \t\r\n"u8);

    private readonly (byte[] Naam, int Positie, int Rang)[] _sleutels;
    private readonly ulong _lengtes; // bit n set when some key is n bytes long: most keys are rejected by one test

    /// <param name="velden">Per position the keys that may fill it, the first present (and not null) winning.</param>
    public TopVelden(IReadOnlyList<IReadOnlyList<string>> velden)
    {
        _sleutels = [.. velden.SelectMany((keys, positie) => keys.Select((k, rang) => (Encoding.UTF8.GetBytes(k), positie, rang)))];
        foreach (var (naam, _, _) in _sleutels)
        {
            _lengtes |= naam.Length < 64 ? 1UL << naam.Length : 0;
        }
        Aantal = velden.Count;
    }

    public int Aantal { get; }

    // Lees, StringEinde, ContainerEinde and Overslaan are compiled fully optimised on their first call, skipping tier 0
    // and PGO's instrumented tier: a rebuild runs them a million times from its first second, and a rebuild in a fresh
    // process was 94,000-99,000 events/s with tiering and 102,000-103,000 without (docs/benchmarks.md, phase g).
    /// <summary>Fills <paramref name="uit"/> (length <see cref="Aantal"/>) from the object in <paramref name="json"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Lees(ReadOnlySpan<byte> json, string?[] uit)
    {
        System.Array.Clear(uit);
        Span<int> rang = stackalloc int[Aantal];
        rang.Fill(int.MaxValue);
        var i = Overslaan(json, 0);
        if (i >= json.Length || json[i] != '{')
        {
            throw new JsonException("An event body is not a JSON object.");
        }
        i = Overslaan(json, i + 1);
        while (i < json.Length && json[i] == '"')
        {
            var naamEinde = StringEinde(json, i);
            var sleutel = Zoek(json[i..naamEinde]);
            i = Overslaan(json, naamEinde);
            i = Overslaan(json, i + 1); // ':'
            int waardeEinde;
            switch (json[i])
            {
                case (byte)'{' or (byte)'[':
                    waardeEinde = ContainerEinde(json, i);
                    break;
                case (byte)'"':
                    waardeEinde = StringEinde(json, i);
                    if (sleutel >= 0)
                    {
                        Zet(uit, rang, sleutel, json[i..waardeEinde], isString: true);
                    }
                    break;
                default:
                    var lengte = json[i..].IndexOfAny(ScalarEnd);
                    waardeEinde = lengte < 0 ? json.Length : i + lengte;
                    if (sleutel >= 0 && !json[i..waardeEinde].SequenceEqual("null"u8))
                    {
                        Zet(uit, rang, sleutel, json[i..waardeEinde], isString: false);
                    }
                    break;
            }
            i = Overslaan(json, waardeEinde);
            if (i < json.Length && json[i] == ',')
            {
                i = Overslaan(json, i + 1);
            }
        }
    }

    /// <summary>Which key the quoted name <paramref name="gequoot"/> is, or -1.</summary>
    private int Zoek(ReadOnlySpan<byte> gequoot)
    {
        var naam = gequoot[1..^1];
        if (naam.IndexOf((byte)'\\') >= 0)
        {
            var reader = new Utf8JsonReader(gequoot); // written with escapes (rare): compare the unescaped name
            reader.Read();
            naam = Encoding.UTF8.GetBytes(reader.GetString()!);
        }
        if (naam.Length >= 64 || (_lengtes & (1UL << naam.Length)) == 0)
        {
            return -1;
        }
        for (var k = 0; k < _sleutels.Length; k++)
        {
            if (naam.SequenceEqual(_sleutels[k].Naam))
            {
                return k;
            }
        }
        return -1;
    }

    private void Zet(string?[] uit, Span<int> rang, int sleutel, ReadOnlySpan<byte> waarde, bool isString)
    {
        var (_, positie, r) = _sleutels[sleutel];
        if (r >= rang[positie])
        {
            return;
        }
        rang[positie] = r;
        if (!isString)
        {
            uit[positie] = Encoding.UTF8.GetString(waarde);
        }
        else if (waarde.IndexOf((byte)'\\') < 0)
        {
            uit[positie] = Encoding.UTF8.GetString(waarde[1..^1]);
        }
        else
        {
            var reader = new Utf8JsonReader(waarde); // escapes: let the real reader unescape them
            reader.Read();
            uit[positie] = reader.GetString();
        }
    }

    /// <summary>The index just past the string that starts (with its quote) at <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int StringEinde(ReadOnlySpan<byte> json, int start)
    {
        var i = start + 1;
        while (true)
        {
            var k = json[i..].IndexOfAny(StringEnd);
            if (k < 0)
            {
                throw new JsonException("An unterminated string in an event body.");
            }
            i += k;
            if (json[i] == '\\')
            {
                i += 2; // the escaped character, whatever it is (\" included)
                continue;
            }
            return i + 1;
        }
    }

    /// <summary>The index just past the object or array that starts at <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ContainerEinde(ReadOnlySpan<byte> json, int start)
    {
        var diepte = 0;
        var i = start;
        while (true)
        {
            var k = json[i..].IndexOfAny(StringOrBracket);
            if (k < 0)
            {
                throw new JsonException("An unterminated object or array in an event body.");
            }
            i += k;
            switch (json[i])
            {
                case (byte)'"':
                    i = StringEinde(json, i);
                    break;
                case (byte)'{' or (byte)'[':
                    diepte++;
                    i++;
                    break;
                default:
                    diepte--;
                    i++;
                    if (diepte == 0)
                    {
                        return i;
                    }
                    break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Overslaan(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length && json[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }
        return i;
    }
}
