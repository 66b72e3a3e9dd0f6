using Npgsql;
using WozoSubsidies.Api.Features.Toewijzing;
using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Api.Infrastructure.EventSourcing;
using WozoSubsidies.Api.Infrastructure.Scheduling;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Tijdvakken;

namespace WozoSubsidies.Api.Features.Tijdvakken.Openen;

/// <summary>Open the tijdvak: it starts accepting aanvragen (the "tijdvak openen" job at its open moment).</summary>
public sealed record TijdvakOpenenVerzoek(Guid Id) : IRequest<TijdvakDetail>, IRetryOnConflict;

public sealed class TijdvakOpenenHandler(Wijziging w, RequestContext context) : IRequestHandler<TijdvakOpenenVerzoek, TijdvakDetail>
{
    public Task<TijdvakDetail> Handle(TijdvakOpenenVerzoek r, CancellationToken cancellationToken) =>
        TijdvakCommando.VoerUitAsync(w, new TijdvakOpenen(r.Id, context.Nu, context.Actor), "TijdvakOpenen", cancellationToken);
}

/// <summary>Fired by a tijdvak's own trigger at the start of its open date, or daily/manually for every planned
/// tijdvak whose open date has come (a missed trigger, a plafond set after the open date).</summary>
public sealed class TijdvakOpenenJob(NpgsqlDataSource db) : IWozoJob
{
    public async Task VoerUitAsync(JobUitvoering uitvoering, CancellationToken cancellationToken)
    {
        var ids = await Kandidaten.IdsAsync(db, "api.tijdvakken",
            "status = 'Gepland' and plafond is not null and opent <= $1 and sluit >= $1", Amsterdam.Dag(uitvoering.Nu), uitvoering.TijdvakId, cancellationToken);
        foreach (var id in ids)
        {
            var (gelukt, detail) = await uitvoering.ProbeerAsync($"tijdvak {id:D}", new TijdvakOpenenVerzoek(id), cancellationToken);
            if (gelukt && detail!.Status == TijdvakStatus.Open)
            {
                uitvoering.Gewijzigd($"tijdvak {id:D}", $"{detail.Naam} geopend");
            }
        }
    }
}
