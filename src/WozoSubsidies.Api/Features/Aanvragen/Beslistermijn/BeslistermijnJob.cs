using Npgsql;
using NpgsqlTypes;
using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Api.Infrastructure.EventSourcing;
using WozoSubsidies.Api.Infrastructure.Scheduling;
using WozoSubsidies.Domain.Aanvragen;
using WozoSubsidies.Domain.Gedeeld;

namespace WozoSubsidies.Api.Features.Aanvragen.Beslistermijn;

/// <summary>Flag the aanvraag when its beslistermijn is near (BijnaVerlopen) or past (Verlopen) today. Answers the
/// flag it set, or null when there was none to set (within term, or already flagged for this term and state).</summary>
public sealed record BeslistermijnSignalerenVerzoek(Guid AanvraagId) : IRequest<BeslistermijnSignaal?>;

public sealed record BeslistermijnSignaal(BeslistermijnStatus Status, DateOnly Beslistermijn);

public sealed class BeslistermijnSignalerenHandler(Aggregates aggregates, RequestContext context, NpgsqlDataSource db)
    : IRequestHandler<BeslistermijnSignalerenVerzoek, BeslistermijnSignaal?>
{
    public async Task<BeslistermijnSignaal?> Handle(BeslistermijnSignalerenVerzoek r, CancellationToken cancellationToken)
    {
        var state = (await aggregates.AanvraagAsync(r.AanvraagId, cancellationToken)).State;
        var status = Aanvraag.TermijnStatus(state, context.Nu);
        if (status is not (BeslistermijnStatus.BijnaVerlopen or BeslistermijnStatus.Verlopen))
        {
            return null;
        }
        var termijn = Aanvraag.Beslistermijn(state);
        await using var cmd = db.CreateCommand(
            """
            insert into api.beslistermijn_signalen (aanvraag_id, termijn_status, beslistermijn, gesignaleerd_op, uitvoering_id)
            values ($1, $2, $3, $4, $5) on conflict do nothing
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = r.AanvraagId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = status.ToString() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = termijn });
        cmd.Parameters.Add(new NpgsqlParameter { Value = context.Nu.ToUniversalTime() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = Guid.TryParse(context.CorrelationId, out var run) ? run : Guid.Empty, NpgsqlDbType = NpgsqlDbType.Uuid });
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1 ? new BeslistermijnSignaal(status, termijn) : null;
    }
}

/// <summary>Daily: every undecided aanvraag whose beslistermijn (Awb 4:13, with suspensions and the one extension) is
/// near or past is flagged once per state; the run lists them, so a behandelaar sees what to decide first.</summary>
public sealed class BeslistermijnJob(NpgsqlDataSource db) : IWozoJob
{
    public async Task VoerUitAsync(JobUitvoering uitvoering, CancellationToken cancellationToken)
    {
        var ids = await Kandidaten.IdsAsync(db, "api.aanvragen",
            "status in ('Ingediend', 'OpWachtlijst', 'InBehandeling', 'AanvullingGevraagd') and $1 is not null", Amsterdam.Dag(uitvoering.Nu), null, cancellationToken);
        foreach (var id in ids)
        {
            var (gelukt, signaal) = await uitvoering.ProbeerAsync($"aanvraag {id:D}", new BeslistermijnSignalerenVerzoek(id), cancellationToken);
            if (gelukt && signaal is not null)
            {
                uitvoering.Gewijzigd($"aanvraag {id:D}", $"beslistermijn {signaal.Status} (uiterlijk {signaal.Beslistermijn:yyyy-MM-dd})");
            }
        }
    }
}
