using Npgsql;
using WozoSubsidies.Api.Infrastructure.Scheduling;
using WozoSubsidies.Domain.Gedeeld;

namespace WozoSubsidies.Api.Features.Tijdvakken.Sluiten;

/// <summary>Fired by a tijdvak's own trigger at the end of its close date (Europe/Amsterdam), or daily/manually for
/// every open tijdvak whose close date is over. Dispatches the same closing command as POST /sluiting (without
/// If-Match), which settles every waiting day (with the lottery where needed) and closes.</summary>
public sealed class TijdvakSluitenJob(NpgsqlDataSource db) : IWozoJob
{
    public async Task VoerUitAsync(JobUitvoering uitvoering, CancellationToken cancellationToken)
    {
        // sluit < today: the end of the close date (00:00 the next day) has passed.
        var ids = await Kandidaten.IdsAsync(db, "api.tijdvakken", "status = 'Open' and sluit < $1", Amsterdam.Dag(uitvoering.Nu), uitvoering.TijdvakId, cancellationToken);
        foreach (var id in ids)
        {
            var (gelukt, detail) = await uitvoering.ProbeerAsync($"tijdvak {id:D}", new TijdvakSluitenVerzoek(id, null), cancellationToken);
            if (gelukt && detail!.Status != Domain.Tijdvakken.TijdvakStatus.Open)
            {
                uitvoering.Gewijzigd($"tijdvak {id:D}", $"{detail.Naam} gesloten; beslag {detail.Budget.Beslag:0.00}, wachtlijst {detail.Budget.Wachtlijst}");
            }
        }
    }
}
