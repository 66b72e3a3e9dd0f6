using Npgsql;
using WozoSubsidies.Api.Infrastructure.Problems;
using WozoSubsidies.Api.Projections;

namespace WozoSubsidies.Api.Features.Rapportages;

/// <summary>The aanvragen of one category in a tijdvak: how many, and what they requested. <paramref name="ToegekendBedrag"/>
/// (granted only) is what was granted, after any intrekking or vaststelling.</summary>
public sealed record Categorie(int Aantal, decimal AangevraagdBedrag, decimal? ToegekendBedrag = null);

/// <summary>One tijdvak in the utilisation report (WOZO Resultaatmonitor). <paramref name="Aangevraagd"/> counts every
/// aanvraag received, so <c>aangevraagd = toegekend + inBehandeling + afgewezen + ingetrokken</c> exactly, in number and
/// in requested amount (001:2104). Withdrawn aanvragen have their own column and are left out of both percentages
/// (001:756).</summary>
/// <param name="BenuttingPercentage">Granted amount as a percentage of the plafond (one decimal); null without a plafond.</param>
/// <param name="BenuttingInclusiefInBehandelingPercentage">Granted plus requested-and-pending, as a percentage of the plafond.</param>
public sealed record BenuttingTijdvak(
    Guid TijdvakId,
    string Naam,
    DateOnly Opent,
    DateOnly Sluit,
    int Jaar,
    decimal? Plafond,
    Categorie Aangevraagd,
    Categorie Toegekend,
    Categorie InBehandeling,
    Categorie Afgewezen,
    Categorie Ingetrokken,
    decimal? BenuttingPercentage,
    decimal? BenuttingInclusiefInBehandelingPercentage);

/// <summary>Where the async projection behind the report stands. The report reflects exactly the events up to
/// <paramref name="Positie"/> in the log; <paramref name="AchterstandEvents"/> relevant events were committed after it and
/// are not in it yet (usually 0 within a second of a write).</summary>
public sealed record ProjectieStand(long Positie, DateTimeOffset? BijgewerktOp, long AchterstandEvents);

public sealed record BenuttingRapport(string Regeling, int? Jaar, IReadOnlyList<BenuttingTijdvak> Tijdvakken, ProjectieStand Projectie);

/// <summary>Reads the report from the benutting projection's tables.</summary>
public sealed class BenuttingLezer(NpgsqlDataSource dataSource)
{
    public async Task<BenuttingRapport> LeesAsync(string? regeling, int? jaar, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(regeling))
        {
            throw ApiProblem.Ongeldig("regeling is verplicht, bijvoorbeeld ?regeling=IWO.");
        }
        if (jaar is < 2000 or > 2100)
        {
            throw ApiProblem.Ongeldig("jaar moet tussen 2000 en 2100 liggen.");
        }
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        // One snapshot for the rows and the position, so the position says exactly what the rows contain.
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using (var bestaat = new NpgsqlCommand("select exists(select 1 from api.regelingen where code = $1)", conn, tx))
        {
            bestaat.Parameters.Add(new NpgsqlParameter { Value = regeling });
            if (!(bool)(await bestaat.ExecuteScalarAsync(ct))!)
            {
                throw ApiProblem.NietGevonden($"Regeling '{regeling}'");
            }
        }
        var tijdvakken = new List<BenuttingTijdvak>();
        await using (var cmd = new NpgsqlCommand(
            """
            select t.tijdvak_id, t.naam, t.opent, t.sluit, t.plafond,
                   count(a.aanvraag_id) filter (where a.categorie = 'Toegekend'), coalesce(sum(a.aangevraagd) filter (where a.categorie = 'Toegekend'), 0),
                   coalesce(sum(a.toegekend) filter (where a.categorie = 'Toegekend'), 0),
                   count(a.aanvraag_id) filter (where a.categorie = 'InBehandeling'), coalesce(sum(a.aangevraagd) filter (where a.categorie = 'InBehandeling'), 0),
                   count(a.aanvraag_id) filter (where a.categorie = 'Afgewezen'), coalesce(sum(a.aangevraagd) filter (where a.categorie = 'Afgewezen'), 0),
                   count(a.aanvraag_id) filter (where a.categorie = 'Ingetrokken'), coalesce(sum(a.aangevraagd) filter (where a.categorie = 'Ingetrokken'), 0)
            from api.benutting_tijdvakken t
            left join api.benutting_aanvragen a on a.tijdvak_id = t.tijdvak_id
            where t.regeling_code = $1 and ($2::int is null or extract(year from t.opent) = $2) and t.opent is not null
            group by t.tijdvak_id
            order by t.opent, t.naam
            """, conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = regeling });
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)jaar ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var opent = r.GetFieldValue<DateOnly>(2);
                decimal? plafond = r.IsDBNull(4) ? null : r.GetDecimal(4);
                var toegekend = new Categorie((int)r.GetInt64(5), r.GetDecimal(6), r.GetDecimal(7));
                var inBehandeling = new Categorie((int)r.GetInt64(8), r.GetDecimal(9));
                var afgewezen = new Categorie((int)r.GetInt64(10), r.GetDecimal(11));
                var ingetrokken = new Categorie((int)r.GetInt64(12), r.GetDecimal(13));
                var aangevraagd = new Categorie(
                    toegekend.Aantal + inBehandeling.Aantal + afgewezen.Aantal + ingetrokken.Aantal,
                    toegekend.AangevraagdBedrag + inBehandeling.AangevraagdBedrag + afgewezen.AangevraagdBedrag + ingetrokken.AangevraagdBedrag);
                tijdvakken.Add(new BenuttingTijdvak(
                    r.GetGuid(0), r.GetString(1), opent, r.GetFieldValue<DateOnly>(3), opent.Year, plafond,
                    aangevraagd, toegekend, inBehandeling, afgewezen, ingetrokken,
                    Procent(toegekend.ToegekendBedrag!.Value, plafond),
                    Procent(toegekend.ToegekendBedrag.Value + inBehandeling.AangevraagdBedrag, plafond)));
            }
        }
        var stand = await StandAsync(conn, tx, ct);
        await tx.CommitAsync(ct);
        return new BenuttingRapport(regeling, jaar, tijdvakken, stand);
    }

    private static async Task<ProjectieStand> StandAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        long positie = 0;
        DateTimeOffset? bijgewerkt = null;
        await using (var cmd = new NpgsqlCommand("select positie, bijgewerkt_op from api.projectie_posities where naam = $1", conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = BenuttingProjection.Name });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct))
            {
                positie = r.GetInt64(0);
                bijgewerkt = r.GetFieldValue<DateTimeOffset>(1);
            }
        }
        var achterstand = await ProjectionLog.AantalNaAsync(conn, new BenuttingProjection(), positie, ct);
        return new ProjectieStand(positie, bijgewerkt, achterstand);
    }

    private static decimal? Procent(decimal bedrag, decimal? plafond) =>
        plafond is > 0 ? Math.Round(bedrag / plafond.Value * 100m, 1, MidpointRounding.AwayFromZero) : null;
}
