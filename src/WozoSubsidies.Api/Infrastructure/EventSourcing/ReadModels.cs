using Npgsql;
using NpgsqlTypes;
using WozoSubsidies.Domain.Aanvragen;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Tijdvakken;

namespace WozoSubsidies.Api.Infrastructure.EventSourcing;

/// <summary>The inline read models (0002_leesmodellen.sql): one row per aggregate, derived from its state after the
/// append and written in the same transaction, so a client reads its own write. Rebuilding folds each stream again.</summary>
public static class ReadModels
{
    public static string UitvoerderNaam(Uitvoerder u) => u switch
    {
        Uitvoerder.DusI => "DUS-I",
        Uitvoerder.Rvo => "RVO",
        Uitvoerder.ZonMw => "ZonMw",
        Uitvoerder.Vws => "VWS",
        Uitvoerder.Zorgkantoor => "zorgkantoor",
        _ => u.ToString(),
    };

    public static async Task UpsertRegelingAsync(NpgsqlConnection conn, NpgsqlTransaction tx, RegelingState s, long versie, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            insert into api.regelingen (code, naam, uitvoerder, verdeelmethode, beeindigd_per, versie) values ($1, $2, $3, $4, $5, $6)
            on conflict (code) do update set naam = excluded.naam, uitvoerder = excluded.uitvoerder,
                verdeelmethode = excluded.verdeelmethode, beeindigd_per = excluded.beeindigd_per, versie = excluded.versie
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = s.Code });
        cmd.Parameters.Add(new NpgsqlParameter { Value = s.Naam });
        cmd.Parameters.Add(new NpgsqlParameter { Value = UitvoerderNaam(s.Uitvoerder) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = s.Verdeelmethode.ToString() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)s.BeeindigdPer ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = versie });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task UpsertTijdvakAsync(NpgsqlConnection conn, NpgsqlTransaction tx, TijdvakState s, long versie, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            insert into api.tijdvakken (id, regeling_code, naam, opent, sluit, status, plafond, beslag, toegekend, vrijgevallen, wachtlijst, versie)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            on conflict (id) do update set naam = excluded.naam, opent = excluded.opent, sluit = excluded.sluit, status = excluded.status,
                plafond = excluded.plafond, beslag = excluded.beslag, toegekend = excluded.toegekend,
                vrijgevallen = excluded.vrijgevallen, wachtlijst = excluded.wachtlijst, versie = excluded.versie
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = s.Id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = s.RegelingCode });
        cmd.Parameters.Add(new NpgsqlParameter { Value = s.Naam });
        cmd.Parameters.Add(new NpgsqlParameter { Value = s.Opent });
        cmd.Parameters.Add(new NpgsqlParameter { Value = s.Sluit });
        cmd.Parameters.Add(new NpgsqlParameter { Value = s.Status.ToString() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)s.Plafond ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Numeric });
        cmd.Parameters.Add(new NpgsqlParameter { Value = s.Beslag });
        cmd.Parameters.Add(new NpgsqlParameter { Value = s.Toegekend });
        cmd.Parameters.Add(new NpgsqlParameter { Value = s.Vrijgevallen });
        cmd.Parameters.Add(new NpgsqlParameter { Value = s.Wachtlijst.Count });
        cmd.Parameters.Add(new NpgsqlParameter { Value = versie });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
