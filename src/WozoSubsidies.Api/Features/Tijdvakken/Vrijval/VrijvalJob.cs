using Npgsql;
using WozoSubsidies.Api.Features.Tijdvakken.Herverdeling;
using WozoSubsidies.Api.Infrastructure.Scheduling;
using WozoSubsidies.Domain.Gedeeld;

namespace WozoSubsidies.Api.Features.Tijdvakken.Vrijval;

/// <summary>Daily sweep: budget freed in a final tijdvak after its herverdeling (a toekenning revoked, a vaststelling
/// lower than granted) follows the same policy (LIFECYCLE.md "vrijval").</summary>
public sealed class VrijvalJob(NpgsqlDataSource db) : IWozoJob
{
    public async Task VoerUitAsync(JobUitvoering uitvoering, CancellationToken cancellationToken)
    {
        var ids = await Kandidaten.IdsAsync(db, "api.tijdvakken", "status = 'Definitief' and coalesce(plafond, 0) > beslag + toegekend",
            Amsterdam.Dag(uitvoering.Nu), uitvoering.TijdvakId, cancellationToken);
        foreach (var id in ids)
        {
            await HerverdelingJob.HerverdeelAsync(uitvoering, id, eersteKeer: false, cancellationToken);
        }
    }
}
