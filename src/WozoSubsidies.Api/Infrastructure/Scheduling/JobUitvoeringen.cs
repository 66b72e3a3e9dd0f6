using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace WozoSubsidies.Api.Infrastructure.Scheduling;

public enum JobUitkomst
{
    /// <summary>Asked for (POST /api/jobs/{naam}/uitvoering), not yet started by a node.</summary>
    Ingepland,
    Bezig,
    Geslaagd,
    Mislukt,

    /// <summary>The node died or stopped during the run; another node's run with <c>herstelVan</c> finished it.</summary>
    Onderbroken,
}

/// <param name="Aanleiding">The trigger that fired it (e.g. "tijdvak-sluiten-{id}", "dagelijks") or "handmatig door {sub}".</param>
/// <param name="Knooppunt">The node (Quartz instance id) that ran it.</param>
/// <param name="Wijzigingen">What it changed; empty when there was nothing to do (a second run).</param>
/// <param name="Overgeslagen">What it found due but left alone, and why (a rule refused it).</param>
/// <param name="HerstelVan">The run a node died in, which this one took over.</param>
public sealed record JobUitvoeringDto(
    Guid Id,
    string Job,
    string Aanleiding,
    string? Knooppunt,
    DateTimeOffset? GestartOp,
    DateTimeOffset? BeeindigdOp,
    JobUitkomst Uitkomst,
    IReadOnlyList<JobWijziging> Wijzigingen,
    IReadOnlyList<JobWijziging> Overgeslagen,
    string? Fout,
    Guid? HerstelVan);

/// <summary>The runs table (migration 0003): a run is inserted when a node starts it and completed when it ends, so a
/// run a killed node left behind stays visible as Bezig until the recovering node marks it Onderbroken.</summary>
public sealed class JobUitvoeringen(NpgsqlDataSource db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task GestartAsync(Guid id, string job, string aanleiding, string knooppunt, DateTimeOffset op, Guid? herstelVan, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            """
            insert into api.job_uitvoeringen (id, job, aanleiding, knooppunt, gestart_op, uitkomst, herstel_van)
            values ($1, $2, $3, $4, $5, 'Bezig', $6)
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = job });
        cmd.Parameters.Add(new NpgsqlParameter { Value = aanleiding });
        cmd.Parameters.Add(new NpgsqlParameter { Value = knooppunt });
        cmd.Parameters.Add(new NpgsqlParameter { Value = op.ToUniversalTime() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)herstelVan ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task BeeindigdAsync(Guid id, JobUitkomst uitkomst, DateTimeOffset op, JobUitvoering? uitvoering, string? fout, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "update api.job_uitvoeringen set uitkomst = $2, beeindigd_op = $3, wijzigingen = $4, fout = $5 where id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = uitkomst.ToString() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = op.ToUniversalTime() });
        cmd.Parameters.Add(new NpgsqlParameter
        {
            Value = JsonSerializer.Serialize(new Inhoud(uitvoering?.Wijzigingen ?? [], uitvoering?.Overgeslagen ?? []), Json),
            NpgsqlDbType = NpgsqlDbType.Jsonb,
        });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)fout ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs of this job still marked Bezig on other nodes: with one run of a job at a time in the cluster, a
    /// recovering node knows they died with their node.</summary>
    public async Task<IReadOnlyList<Guid>> OnderbrekenAsync(string job, string knooppunt, DateTimeOffset op, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            """
            update api.job_uitvoeringen set uitkomst = 'Onderbroken', beeindigd_op = $3, fout = 'Het knooppunt viel weg tijdens de uitvoering.'
            where job = $1 and uitkomst = 'Bezig' and knooppunt <> $2 returning id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = job });
        cmd.Parameters.Add(new NpgsqlParameter { Value = knooppunt });
        cmd.Parameters.Add(new NpgsqlParameter { Value = op.ToUniversalTime() });
        var ids = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }

    public async Task<JobUitvoeringDto?> LeesAsync(Guid id, CancellationToken ct) =>
        (await LijstAsync("where id = $1", id, 1, ct)).SingleOrDefault();

    public Task<IReadOnlyList<JobUitvoeringDto>> LaatsteAsync(string job, int aantal, CancellationToken ct) =>
        LijstAsync("where job = $1", job, aantal, ct);

    private async Task<IReadOnlyList<JobUitvoeringDto>> LijstAsync(string waar, object sleutel, int aantal, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            $"""
            select id, job, aanleiding, knooppunt, gestart_op, beeindigd_op, uitkomst, wijzigingen::text, fout, herstel_van
            from api.job_uitvoeringen {waar} order by gestart_op desc, id limit $2
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = sleutel });
        cmd.Parameters.Add(new NpgsqlParameter { Value = aantal });
        var lijst = new List<JobUitvoeringDto>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var inhoud = JsonSerializer.Deserialize<Inhoud>(reader.GetString(7), Json) ?? new Inhoud([], []);
            lijst.Add(new JobUitvoeringDto(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                Enum.Parse<JobUitkomst>(reader.GetString(6)), inhoud.Wijzigingen ?? [], inhoud.Overgeslagen ?? [],
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetGuid(9)));
        }
        return lijst;
    }

    private sealed record Inhoud(IReadOnlyList<JobWijziging>? Wijzigingen, IReadOnlyList<JobWijziging>? Overgeslagen);
}
