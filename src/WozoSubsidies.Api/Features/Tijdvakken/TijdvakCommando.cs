using WozoSubsidies.Api.Features.Toewijzing;
using WozoSubsidies.Domain.Tijdvakken;

namespace WozoSubsidies.Api.Features.Tijdvakken;

/// <summary>The shape of a job's command on one tijdvak: it must exist, the decider decides, and only when it produced
/// events is anything stored (a second run is then a no-op); the answer is the tijdvak as it now stands.</summary>
public static class TijdvakCommando
{
    public static async Task<TijdvakDetail> VoerUitAsync(Wijziging w, TijdvakCommand command, string bron, CancellationToken ct)
    {
        await TijdvakkenEndpoints.LaadAsync(w, command.TijdvakId, null, ct);
        if ((await w.TijdvakAsync(command, ct)).Count > 0)
        {
            await w.OpslaanAsync(bron, ct);
        }
        var (na, versie) = await w.TijdvakAsync(command.TijdvakId, ct);
        return TijdvakDetail.From(na, versie);
    }
}
