using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using WozoSubsidies.Api.Projections;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Api.Tests.Projections;

/// <summary>A log of small events for the projection framework's tests: counter streams, one per writer, appended to
/// concurrently through the real event store.</summary>
internal static class TellerLog
{
    public sealed record Geteld(int Nummer);

    public static PostgresEventStore Store(NpgsqlDataSource dataSource) =>
        new(dataSource, new EventTypeRegistry(new JsonSerializerOptions(JsonSerializerDefaults.Web)).Register<Geteld>("geteld.v1"));

    public static EventToAppend Event(int nummer, string bron) => EventToAppend.Create(new Geteld(nummer), EventMetadata.System("test", bron));

    public static Task SchrijfAsync(PostgresEventStore store, int schrijvers, int elk) =>
        Task.WhenAll(Enumerable.Range(0, schrijvers).Select(w => Task.Run(async () =>
        {
            var stream = $"teller-{Guid.NewGuid():N}";
            for (var i = 0; i < elk; i++)
            {
                await store.AppendAsync(new StreamAppend(stream, "teller", ExpectedVersion.Of(i), [Event(i, "telling")]));
            }
        })));
}

/// <summary>Records each position it is given in its table (column <c>positie</c>); <paramref name="data"/> is the
/// expression read per event (a test makes it fail).</summary>
internal sealed class Telling(string naam, string data = "''") : IProjection
{
    public string Naam => naam;
    public IReadOnlyList<string> Tabellen => [naam];
    public IReadOnlyCollection<string>? EventTypes => null;
    public string DataExpression => data;

    public async Task ApplyAsync(IReadOnlyList<ProjectionEvent> batch, string schema, NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"insert into {schema}.{naam} (positie) select unnest($1::bigint[])", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = batch.Select(e => e.Position).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
