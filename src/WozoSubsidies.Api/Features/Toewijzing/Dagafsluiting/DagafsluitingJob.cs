using Npgsql;
using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Api.Infrastructure.Scheduling;
using WozoSubsidies.Domain.Gedeeld;

namespace WozoSubsidies.Api.Features.Toewijzing.Dagafsluiting;

/// <summary>Settle every day of the tijdvak that is over and still has aanvragen waiting for their place: the order of
/// receipt, with the lottery for a day that crosses the plafond (LIFECYCLE.md "drawn when that day is over").
/// Answers the number of events it stored (0: nothing was due).</summary>
public sealed record DagenAfsluitenVerzoek(Guid TijdvakId) : IRequest<int>, IRetryOnConflict;

public sealed class DagenAfsluitenHandler(Wijziging w, NpgsqlDataSource db) : IRequestHandler<DagenAfsluitenVerzoek, int>
{
    public async Task<int> Handle(DagenAfsluitenVerzoek r, CancellationToken cancellationToken)
    {
        var (_, voor) = await w.TijdvakAsync(r.TijdvakId, cancellationToken);
        await w.DagenAfsluitenAsync(r.TijdvakId, db, cancellationToken);
        var (_, na) = await w.TijdvakAsync(r.TijdvakId, cancellationToken);
        if (na == voor)
        {
            return 0;
        }
        await w.OpslaanAsync("DagenAfsluiten", cancellationToken);
        return (int)(na - voor);
    }
}

/// <summary>After midnight: the allocation of the days that are over, without waiting for a writer to touch the tijdvak.</summary>
public sealed class DagafsluitingJob(NpgsqlDataSource db) : IWozoJob
{
    public async Task VoerUitAsync(JobUitvoering uitvoering, CancellationToken cancellationToken)
    {
        var vandaag = Amsterdam.Dag(uitvoering.Nu);
        var ids = await Kandidaten.IdsAsync(db, "api.tijdvakken",
            $"status = 'Open' and exists (select 1 from api.aanvragen a where a.tijdvak_id = api.tijdvakken.id and a.wacht_op_plaatsing and a.compleet_op < '{Amsterdam.BeginVan(vandaag).UtcDateTime:O}'::timestamptz)",
            vandaag, uitvoering.TijdvakId, cancellationToken);
        foreach (var id in ids)
        {
            var (gelukt, events) = await uitvoering.ProbeerAsync($"tijdvak {id:D}", new DagenAfsluitenVerzoek(id), cancellationToken);
            if (gelukt && events > 0)
            {
                uitvoering.Gewijzigd($"tijdvak {id:D}", $"dagen afgesloten: {events} gebeurtenissen in het tijdvak");
            }
        }
    }
}
