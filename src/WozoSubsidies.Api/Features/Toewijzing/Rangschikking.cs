using Npgsql;
using WozoSubsidies.Domain.Aanvragen;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Tijdvakken;

namespace WozoSubsidies.Api.Features.Toewijzing;

/// <summary>The ranking of a tender tijdvak (verdeelmethode Rangschikking: SPUK-DOS, Reablement). LIFECYCLE.md "Ranking":
/// when the tijdvak is closed and every aanvraag still in the running is assessed, they are granted in score order until
/// the plafond (ties: the earlier receipt); the rest is refused with plafond-bereikt. Two moments trigger it, both in the
/// same unit of work as what they change: closing the tijdvak (the beheerder's POST /sluiting or the closing job; sent
/// again on a closed tijdvak it ranks if it had not), and any change to one of its aanvragen (the beoordeling of the last
/// unassessed one, or the withdrawal or refusal of the last one that held the ranking up).</summary>
public static class Rangschikking
{
    /// <summary>Ranks the tijdvak when it is a closed, unranked tender whose aanvragen are all assessed; returns whether it did.
    /// In the running: not decided and not withdrawn. Assessed: in behandeling with a beoordeling. A negative advice is assessed
    /// but not ranked (the behandelaar refuses it on its merits); an aanvraag waiting for an aanvulling holds the ranking up.</summary>
    public static async Task<bool> RangschikAlsAllesBeoordeeldAsync(this Wijziging w, Guid tijdvakId, NpgsqlDataSource db, CancellationToken ct)
    {
        var (tijdvak, _) = await w.TijdvakAsync(tijdvakId, ct);
        if (tijdvak.Verdeelmethode != Verdeelmethode.Rangschikking || tijdvak.Gerangschikt
            || tijdvak.Status is TijdvakStatus.Nieuw or TijdvakStatus.Gepland)
        {
            return false;
        }
        // Whatever this unit decides about the tender, it decides on what it read: keep that from changing unseen.
        w.Bewaak(tijdvakId);
        if (tijdvak.Status != TijdvakStatus.Gesloten)
        {
            return false;
        }

        var ids = await AanvragenVanAsync(db, tijdvakId, ct);
        w.Bewaak(tijdvakId, ids.Count);
        await w.AanvragenLadenAsync(ids, ct);
        var beoordeelden = new List<Beoordeelde>();
        foreach (var id in ids)
        {
            var (aanvraag, _) = await w.AanvraagAsync(id, ct);
            if (!aanvraag.IsOnbeslist)
            {
                continue;
            }
            if (aanvraag.Beoordeling is not { } beoordeling || !Aanvraag.IsInBehandeling(aanvraag))
            {
                return false;
            }
            if (beoordeling.Advies == Advies.Positief)
            {
                beoordeelden.Add(new Beoordeelde(id, aanvraag.AangevraagdBedrag, beoordeling.Score ?? 0, aanvraag.CompleetOntvangenOp));
            }
        }
        await w.TijdvakAsync(new Rangschikken(tijdvakId, beoordeelden, w.Nu, w.Door), ct);
        return true;
    }

    // A tender has tens of aanvragen (Reablement ronde 3: 12 honoured; SPUK-DOS 2024: 38), so loading each stream is cheap.
    private static async Task<IReadOnlyList<Guid>> AanvragenVanAsync(NpgsqlDataSource db, Guid tijdvakId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select id from api.aanvragen where tijdvak_id = $1 order by compleet_op, id");
        cmd.Parameters.Add(new NpgsqlParameter { Value = tijdvakId });
        var ids = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }
}
