using Npgsql;
using WozoSubsidies.Api.Features.Toewijzing;
using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Api.Infrastructure.EventSourcing;
using WozoSubsidies.Api.Infrastructure.Scheduling;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Tijdvakken;

namespace WozoSubsidies.Api.Features.Tijdvakken.Herverdeling;

/// <summary>The closed tijdvak is final: every aanvraag is decided, so what is left on the wachtlijst is refused
/// (Awb 4:25 lid 2, code plafond-bereikt). The domain refuses while a beslag is still undecided.</summary>
public sealed record DefinitiefVerklarenVerzoek(Guid Id) : IRequest<TijdvakDetail>, IRetryOnConflict;

public sealed class DefinitiefVerklarenHandler(Wijziging w, RequestContext context) : IRequestHandler<DefinitiefVerklarenVerzoek, TijdvakDetail>
{
    public Task<TijdvakDetail> Handle(DefinitiefVerklarenVerzoek r, CancellationToken cancellationToken) =>
        TijdvakCommando.VoerUitAsync(w, new DefinitiefVerklaren(r.Id, context.Nu, context.Actor), "TijdvakDefinitiefVerklaren", cancellationToken);
}

/// <summary>Daily (and on demand): a closed tijdvak whose aanvragen are all decided is declared final, and the budget
/// it did not spend moves by the regeling's policy; a closed tijdvak whose configured herverdeling date has come moves
/// its unspent part (plafond − beslag − toegekend) already then (HerverdelenVerzoek: IOC to the next ronde, IWO elders, otherwise
/// the programme reserve). Budget freed later is the vrijval job's.</summary>
public sealed class HerverdelingJob(NpgsqlDataSource db) : IWozoJob
{
    public async Task VoerUitAsync(JobUitvoering uitvoering, CancellationToken cancellationToken)
    {
        var vandaag = Amsterdam.Dag(uitvoering.Nu);
        var nogGesloten = new List<Guid>();
        foreach (var id in await Kandidaten.IdsAsync(db, "api.tijdvakken", "status = 'Gesloten'", vandaag, uitvoering.TijdvakId, cancellationToken, "opent, id"))
        {
            var (gelukt, detail) = await uitvoering.ProbeerAsync($"tijdvak {id:D}", new DefinitiefVerklarenVerzoek(id), cancellationToken);
            if (gelukt && detail!.Status == TijdvakStatus.Definitief)
            {
                uitvoering.Gewijzigd($"tijdvak {id:D}", $"{detail.Naam} definitief");
            }
            else
            {
                nogGesloten.Add(id);
            }
        }
        // LIFECYCLE.md jobs "herverdeling": "or at its configured date": a closed tijdvak still deciding moves its unspent
        // part (never budget still claimed by beslag) once that date has come; only the first time, later vrijval as ever.
        foreach (var id in nogGesloten)
        {
            var state = await uitvoering.LeesAsync(async s => (await s.GetRequiredService<Aggregates>().TijdvakAsync(id, cancellationToken)).State);
            if (Tijdvak.HerverdelingsdatumBereikt(state, vandaag))
            {
                await HerverdeelAsync(uitvoering, id, eersteKeer: true, cancellationToken);
            }
        }
        // Oldest first: a ronde's carry-over reaches the next ronde before that one's own turn (IOC).
        foreach (var id in await Kandidaten.IdsAsync(db, "api.tijdvakken", "status = 'Definitief'", vandaag, uitvoering.TijdvakId, cancellationToken, "opent, id"))
        {
            await HerverdeelAsync(uitvoering, id, eersteKeer: true, cancellationToken);
        }
    }

    /// <summary>Moves what is beschikbaar in a final tijdvak: the first time (nothing moved yet) for the herverdeling
    /// job, after that for the vrijval job. Nothing beschikbaar: nothing happens, so a second run changes nothing.</summary>
    internal static async Task HerverdeelAsync(JobUitvoering uitvoering, Guid id, bool eersteKeer, CancellationToken ct)
    {
        var state = await uitvoering.LeesAsync(async s => (await s.GetRequiredService<Aggregates>().TijdvakAsync(id, ct)).State);
        if (state.Beschikbaar <= 0 || (state.Overgeboekt == 0) != eersteKeer)
        {
            return;
        }
        var (gelukt, uitkomst) = await uitvoering.ProbeerAsync($"tijdvak {id:D}", new HerverdelenVerzoek(id, null), ct);
        if (gelukt && uitkomst!.Verplaatst > 0)
        {
            uitvoering.Gewijzigd($"tijdvak {id:D}", $"{uitkomst.Verplaatst:0.00} euro {(eersteKeer ? "herverdeeld" : "vrijgevallen en herverdeeld")} naar {Bestemming(uitkomst)}");
        }
    }

    private static string Bestemming(HerverdelingUitkomst uitkomst) => uitkomst.Ontvanger is { } o ? $"tijdvak {o.Naam}" : uitkomst.Bestemming?.ToString() ?? "?";
}
