using Npgsql;
using NpgsqlTypes;

namespace WozoSubsidies.Api.Infrastructure.Scheduling;

/// <summary>What a job finds due, read from the read models; the command it dispatches decides again on the streams,
/// so a stale row costs a no-op, never a wrong change.</summary>
public static class Kandidaten
{
    /// <summary>The ids of the rows of <paramref name="tabel"/> matching <paramref name="voorwaarde"/> ($1 = today in
    /// Europe/Amsterdam), limited to <paramref name="alleen"/> when a per-item trigger names one.</summary>
    public static async Task<IReadOnlyList<Guid>> IdsAsync(
        NpgsqlDataSource db, string tabel, string voorwaarde, DateOnly vandaag, Guid? alleen, CancellationToken ct, string volgorde = "id")
    {
        await using var cmd = db.CreateCommand($"select id from {tabel} where ({voorwaarde}) and ($2::uuid is null or id = $2) order by {volgorde}");
        cmd.Parameters.Add(new NpgsqlParameter { Value = vandaag });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)alleen ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        var ids = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }

    public static string Kort(Guid id) => id.ToString("D");
}
