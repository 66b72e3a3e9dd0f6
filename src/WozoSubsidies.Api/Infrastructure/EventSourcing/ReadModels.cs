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

    // schema: a rebuild (Projections/Herbouw.cs) writes the same rows into its shadow tables.
    public static Task UpsertRegelingAsync(NpgsqlConnection conn, NpgsqlTransaction tx, RegelingState s, long versie, CancellationToken ct, string schema = "api") =>
        ExecuteAsync(conn, tx, [UpsertRegeling(s, versie, schema)], ct);

    public static NpgsqlBatchCommand UpsertRegeling(RegelingState s, long versie, string schema = "api")
    {
        var cmd = new NpgsqlBatchCommand(
            $"""
            insert into {schema}.regelingen (code, naam, uitvoerder, verdeelmethode, beeindigd_per, versie) values ($1, $2, $3, $4, $5, $6)
            on conflict (code) do update set naam = excluded.naam, uitvoerder = excluded.uitvoerder,
                verdeelmethode = excluded.verdeelmethode, beeindigd_per = excluded.beeindigd_per, versie = excluded.versie
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = s.Code });
        cmd.Parameters.Add(new NpgsqlParameter { Value = s.Naam });
        cmd.Parameters.Add(new NpgsqlParameter { Value = UitvoerderNaam(s.Uitvoerder) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = s.Verdeelmethode.ToString() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)s.BeeindigdPer ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = versie });
        return cmd;
    }

    public static Task UpsertTijdvakAsync(NpgsqlConnection conn, NpgsqlTransaction tx, TijdvakState s, long versie, CancellationToken ct, string schema = "api") =>
        ExecuteAsync(conn, tx, [UpsertTijdvak(s, versie, schema)], ct);

    public static NpgsqlBatchCommand UpsertTijdvak(TijdvakState s, long versie, string schema = "api")
    {
        var cmd = new NpgsqlBatchCommand(
            $"""
            insert into {schema}.tijdvakken (id, regeling_code, naam, opent, sluit, status, plafond, beslag, toegekend, vrijgevallen, wachtlijst, versie)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            on conflict (id) do update set naam = excluded.naam, opent = excluded.opent, sluit = excluded.sluit, status = excluded.status,
                plafond = excluded.plafond, beslag = excluded.beslag, toegekend = excluded.toegekend,
                vrijgevallen = excluded.vrijgevallen, wachtlijst = excluded.wachtlijst, versie = excluded.versie
            """);
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
        return cmd;
    }

    /// <summary>Runs read-model statements in the caller's transaction, in one round trip.</summary>
    public static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<NpgsqlBatchCommand> commands, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn, tx);
        foreach (var cmd in commands)
        {
            batch.BatchCommands.Add(cmd);
        }
        await batch.ExecuteNonQueryAsync(ct);
    }
}

public static class AanvraagReadModel
{
    public static Task UpsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, AanvraagState s, string uitvoerder, long versie, CancellationToken ct, string schema = "api") =>
        ReadModels.ExecuteAsync(conn, tx, Upsert(s, uitvoerder, versie, schema), ct);

    /// <summary>Many aanvragen (a day's settlement places thousands) in one round trip of three set-based statements.</summary>
    public static Task UpsertAllAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<(AanvraagState State, string Uitvoerder, long Versie)> aanvragen, CancellationToken ct) =>
        ReadModels.ExecuteAsync(conn, tx, UpsertMany(aanvragen.ToList()), ct);

    /// <summary>The same rows as <see cref="Upsert"/> for each aanvraag, as three statements over arrays: a closing of
    /// 10,000 aanvragen spent about 2 s sending one upsert per row (docs/benchmarks.md, phase f).</summary>
    public static IEnumerable<NpgsqlBatchCommand> UpsertMany(IReadOnlyList<(AanvraagState State, string Uitvoerder, long Versie)> aanvragen)
    {
        if (aanvragen.Count == 0)
        {
            yield break;
        }
        var upsert = new NpgsqlBatchCommand(UpsertManySql);
        upsert.Parameters.Add(new NpgsqlParameter { Value = aanvragen.Select(a => a.State.AanvraagId).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = aanvragen.Select(a => a.State.RegelingCode).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = aanvragen.Select(a => a.State.TijdvakId).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = aanvragen.Select(a => a.Uitvoerder).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = aanvragen.Select(a => a.State.Status.ToString()).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = aanvragen.Select(a => a.State.Aanvrager?.KvkNummer ?? "").ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = aanvragen.Select(a => a.State.Aanvrager?.Naam ?? "").ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = aanvragen.Select(a => a.State.IngediendOp.UtcDateTime).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = aanvragen.Select(a => a.State.CompleetOntvangenOp.UtcDateTime).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = aanvragen.Select(a => a.State.AangevraagdBedrag).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter
        {
            Value = aanvragen.Select(a => a.State.Toegekend > 0 ? a.State.Toegekend : (decimal?)null).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric,
        });
        upsert.Parameters.Add(new NpgsqlParameter { Value = aanvragen.Select(a => a.State.WachtOpPlaatsing).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = aanvragen.Select(a => a.Versie).ToArray() });
        yield return upsert;

        var besluiten = aanvragen.SelectMany(a => a.State.Besluiten.Select(b => b.BesluitId)
            .Concat(a.State.OpenBesluit is { } o ? [o.BesluitId] : []).Select(id => (Id: id, a.State.AanvraagId))).ToList();
        var bezwaren = aanvragen.SelectMany(a => a.State.Bezwaren.Select(b => (Id: b.BezwaarId, a.State.AanvraagId))).ToList();
        foreach (var (tabel, sleutel, rijen) in new[] { ("besluiten", "besluit_id", besluiten), ("bezwaren", "bezwaar_id", bezwaren) })
        {
            if (rijen.Count == 0)
            {
                continue;
            }
            var cmd = new NpgsqlBatchCommand(VerwijzingSql(tabel, sleutel));
            cmd.Parameters.Add(new NpgsqlParameter { Value = rijen.Select(r => r.Id).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rijen.Select(r => r.AanvraagId).ToArray() });
            yield return cmd;
        }
    }

    private const string UpsertManySql =
        """
        insert into api.aanvragen (id, regeling_code, tijdvak_id, uitvoerder, status, aanvrager_kvk, aanvrager_naam, ontvangen_op,
                                   compleet_op, aangevraagd_bedrag, toegekend_bedrag, wacht_op_plaatsing, versie)
        select * from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[],
                             $9::timestamptz[], $10::numeric[], $11::numeric[], $12::boolean[], $13::bigint[])
        on conflict (id) do update set status = excluded.status, compleet_op = excluded.compleet_op,
            aangevraagd_bedrag = excluded.aangevraagd_bedrag, toegekend_bedrag = excluded.toegekend_bedrag,
            wacht_op_plaatsing = excluded.wacht_op_plaatsing, versie = excluded.versie
        """;

    private static string VerwijzingSql(string tabel, string sleutel) =>
        $"insert into api.{tabel} ({sleutel}, aanvraag_id) select * from unnest($1::uuid[], $2::uuid[]) on conflict do nothing";

    /// <summary>The statements of <see cref="UpsertMany"/>: one row per array element, each row on its own, so two of them
    /// for different aanvragen may be sent as one with their arrays joined (<see cref="SetBasedCommands"/>, group commit).</summary>
    public static IReadOnlySet<string> SamenvoegbareSql { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        UpsertManySql, VerwijzingSql("besluiten", "besluit_id"), VerwijzingSql("bezwaren", "bezwaar_id"),
    };

    /// <summary>The statements that bring the aanvraag's rows up to <paramref name="versie"/>.</summary>
    public static IEnumerable<NpgsqlBatchCommand> Upsert(AanvraagState s, string uitvoerder, long versie, string schema = "api")
    {
        var upsert = new NpgsqlBatchCommand(
            $"""
            insert into {schema}.aanvragen (id, regeling_code, tijdvak_id, uitvoerder, status, aanvrager_kvk, aanvrager_naam, ontvangen_op,
                                       compleet_op, aangevraagd_bedrag, toegekend_bedrag, wacht_op_plaatsing, versie)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            on conflict (id) do update set status = excluded.status, compleet_op = excluded.compleet_op,
                aangevraagd_bedrag = excluded.aangevraagd_bedrag, toegekend_bedrag = excluded.toegekend_bedrag,
                wacht_op_plaatsing = excluded.wacht_op_plaatsing, versie = excluded.versie
            """);
        upsert.Parameters.Add(new NpgsqlParameter { Value = s.AanvraagId });
        upsert.Parameters.Add(new NpgsqlParameter { Value = s.RegelingCode });
        upsert.Parameters.Add(new NpgsqlParameter { Value = s.TijdvakId });
        upsert.Parameters.Add(new NpgsqlParameter { Value = uitvoerder });
        upsert.Parameters.Add(new NpgsqlParameter { Value = s.Status.ToString() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = s.Aanvrager?.KvkNummer ?? "" });
        upsert.Parameters.Add(new NpgsqlParameter { Value = s.Aanvrager?.Naam ?? "" });
        upsert.Parameters.Add(new NpgsqlParameter { Value = s.IngediendOp.ToUniversalTime() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = s.CompleetOntvangenOp.ToUniversalTime() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = s.AangevraagdBedrag });
        upsert.Parameters.Add(new NpgsqlParameter { Value = s.Toegekend > 0 ? s.Toegekend : (object)DBNull.Value, NpgsqlDbType = NpgsqlDbType.Numeric });
        upsert.Parameters.Add(new NpgsqlParameter { Value = s.WachtOpPlaatsing });
        upsert.Parameters.Add(new NpgsqlParameter { Value = versie });
        yield return upsert;
        // Besluiten and bezwaren are addressed by their own id; remember which aanvraag holds them.
        foreach (var besluitId in s.Besluiten.Select(b => b.BesluitId).Concat(s.OpenBesluit is { } o ? [o.BesluitId] : []))
        {
            var cmd = new NpgsqlBatchCommand($"insert into {schema}.besluiten (besluit_id, aanvraag_id) values ($1, $2) on conflict do nothing");
            cmd.Parameters.Add(new NpgsqlParameter { Value = besluitId });
            cmd.Parameters.Add(new NpgsqlParameter { Value = s.AanvraagId });
            yield return cmd;
        }
        foreach (var bezwaar in s.Bezwaren)
        {
            var cmd = new NpgsqlBatchCommand($"insert into {schema}.bezwaren (bezwaar_id, aanvraag_id) values ($1, $2) on conflict do nothing");
            cmd.Parameters.Add(new NpgsqlParameter { Value = bezwaar.BezwaarId });
            cmd.Parameters.Add(new NpgsqlParameter { Value = s.AanvraagId });
            yield return cmd;
        }
    }
}
