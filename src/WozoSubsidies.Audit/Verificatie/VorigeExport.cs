using System.Security.Cryptography;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Audit.Verificatie;

/// <summary>The last event of one stream in an earlier export: what the log must still hold, unchanged.</summary>
public sealed record StroomKop(string StreamId, long Versie, long Positie, Guid EventId, byte[] Hash);

/// <summary>Checks a log against an export the auditor kept from before (<c>verifieer --vorige</c>). A hash chain on its
/// own cannot show that a stream's last events were removed, or that a whole stream was rewritten with fresh hashes: both
/// leave a chain that verifies. Against an earlier export it can: every hash covers the one before it, so when a stream
/// still holds the earlier export's last event with the same hash at the same version, and its chain verifies, nothing
/// of what that export held was changed or removed; events appended since are fine. Memory: one head per stream.</summary>
public sealed class VorigeExport
{
    private readonly Dictionary<string, StroomKop> _koppen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _gezien = new(StringComparer.Ordinal);
    private readonly List<KetenAfwijking> _afwijkingen = [];

    /// <summary>Events of the earlier export, in any order: per stream the one with the highest version is kept.</summary>
    public void LeesVorige(RawEvent e)
    {
        if (!_koppen.TryGetValue(e.StreamId, out var kop) || kop.Versie < e.StreamVersion)
        {
            _koppen[e.StreamId] = new StroomKop(e.StreamId, e.StreamVersion, e.Position, e.EventId, e.Hash);
        }
    }

    public int Stromen => _koppen.Count;

    /// <summary>Events of the log being checked.</summary>
    public void Voeg(RawEvent e)
    {
        if (!_koppen.TryGetValue(e.StreamId, out var kop) || kop.Versie != e.StreamVersion)
        {
            return;
        }
        _gezien.Add(e.StreamId);
        if (!CryptographicOperations.FixedTimeEquals(kop.Hash, e.Hash) || kop.EventId != e.EventId)
        {
            _afwijkingen.Add(new KetenAfwijking(e.StreamId, e.StreamVersion, e.Position, e.EventId,
                $"versie {kop.Versie} verschilt van de vorige export (daar event {kop.EventId}, hash {Convert.ToHexStringLower(kop.Hash)}; " +
                $"nu hash {Convert.ToHexStringLower(e.Hash)}): de stream is sindsdien herschreven"));
        }
    }

    /// <summary>What differs from the earlier export: also every stream whose last event there is no longer in the log.</summary>
    public IReadOnlyList<KetenAfwijking> Afwijkingen()
    {
        var ontbrekend = _koppen.Values.Where(k => !_gezien.Contains(k.StreamId)).Select(k => new KetenAfwijking(
            k.StreamId, k.Versie, k.Positie, k.EventId,
            $"versie {k.Versie} (event {k.EventId}, positie {k.Positie}) stond in de vorige export en ontbreekt nu: " +
            "het event of de hele stream is verwijderd"));
        return [.. _afwijkingen.Concat(ontbrekend).OrderBy(a => a.Positie)];
    }
}
