using System.Globalization;
using Npgsql;
using WozoSubsidies.Api.Features.Toewijzing;
using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Api.Infrastructure.EventSourcing;
using WozoSubsidies.Api.Infrastructure.Scheduling;
using WozoSubsidies.Domain.Aanvragen;
using WozoSubsidies.Domain.Gedeeld;

namespace WozoSubsidies.Api.Features.Aanvragen.Aanvullingstermijn;

/// <summary>Set the aanvraag aside: its aanvullingstermijn passed without the aanvulling (Awb 4:5). Answers whether it
/// did (false: not due, or already set aside).</summary>
public sealed record BuitenBehandelingStellenVerzoek(Guid AanvraagId) : IRequest<bool>, IRetryOnConflict;

public sealed class BuitenBehandelingStellenHandler(Wijziging w, RequestContext context) : IRequestHandler<BuitenBehandelingStellenVerzoek, bool>
{
    public async Task<bool> Handle(BuitenBehandelingStellenVerzoek r, CancellationToken cancellationToken)
    {
        var (state, _) = await w.AanvraagAsync(r.AanvraagId, cancellationToken);
        if (state.Status != AanvraagStatus.AanvullingGevraagd || state.Aanvulling is not { } open || Amsterdam.Dag(context.Nu) <= open.Uiterlijk)
        {
            return false;
        }
        // The place in the tijdvak was released when the aanvulling was asked for: only the aanvraag changes here.
        var events = await w.AanvraagAsync(new BuitenBehandelingStellen(r.AanvraagId, Guid.NewGuid(), context.Nu, context.Actor), cancellationToken);
        if (events.Count == 0)
        {
            return false;
        }
        await w.OpslaanAsync("BuitenBehandelingStellen", cancellationToken, state.RegelsVersie.ToString(CultureInfo.InvariantCulture));
        return true;
    }
}

/// <summary>Daily: every aanvraag whose aanvullingstermijn passed unused is set aside (buiten behandeling).</summary>
public sealed class AanvullingstermijnJob(NpgsqlDataSource db) : IWozoJob
{
    public async Task VoerUitAsync(JobUitvoering uitvoering, CancellationToken cancellationToken)
    {
        var ids = await Kandidaten.IdsAsync(db, "api.aanvragen", "status = 'AanvullingGevraagd' and $1 is not null", Amsterdam.Dag(uitvoering.Nu), null, cancellationToken);
        foreach (var id in ids)
        {
            var (gelukt, gedaan) = await uitvoering.ProbeerAsync($"aanvraag {id:D}", new BuitenBehandelingStellenVerzoek(id), cancellationToken);
            if (gelukt && gedaan)
            {
                uitvoering.Gewijzigd($"aanvraag {id:D}", "buiten behandeling gesteld: aanvullingstermijn verstreken");
            }
        }
    }
}
