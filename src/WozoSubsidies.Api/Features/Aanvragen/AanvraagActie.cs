using Npgsql;
using WozoSubsidies.Api.Features.Toewijzing;
using WozoSubsidies.Api.Infrastructure.EventSourcing;
using WozoSubsidies.Api.Infrastructure.Http;
using WozoSubsidies.Api.Infrastructure.Problems;
using WozoSubsidies.Domain.Aanvragen;
using WozoSubsidies.Domain.Tijdvakken;

namespace WozoSubsidies.Api.Features.Aanvragen;

/// <summary>The shape every state change of an aanvraag follows: load what the caller may see, check the role and the
/// If-Match version, settle the tijdvak's past days (so a place decided by them is there), decide, carry the budget
/// consequences to the tijdvak (docs/domain-boundary.md and Domain/Aanvragen/README.md), and store it all at once.</summary>
public sealed class AanvraagActie(Wijziging wijziging, AanvraagToegang toegang, RequestContext context, NpgsqlDataSource db)
{
    public Wijziging Wijziging => wijziging;

    public RequestContext Context => context;

    public async Task<AanvraagDetail> VoerUitAsync(
        Guid id, string rol, string handeling, long? ifMatch, Func<AanvraagState, AanvraagCommand> command, string bron, CancellationToken ct)
    {
        var (state, versie) = await toegang.LaadZichtbaarAsync(wijziging, id, ct);
        toegang.EisRol(rol, handeling);
        if (ifMatch is { } pinned && pinned != versie)
        {
            throw ApiProblem.VersieConflict(versie, Versions.ETag(pinned));
        }
        await wijziging.DagenAfsluitenAsync(state.TijdvakId, db, ct);
        var events = await wijziging.AanvraagAsync(command(wijziging.StateVan(id)), ct);
        foreach (var e in events)
        {
            await TijdvakGevolgAsync(e, ct);
        }
        var na = wijziging.StateVan(id);
        await wijziging.OpslaanAsync(bron, ct, na.RegelsVersie.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return AanvraagDetail.From(na, wijziging.VersieVan(id), context.Nu, wijziging.TijdvakStateVan(na.TijdvakId));
    }

    private async Task TijdvakGevolgAsync(AanvraagEvent e, CancellationToken ct)
    {
        var tijdvakId = wijziging.StateVan(e.AanvraagId).TijdvakId;
        var nu = context.Nu;
        var door = wijziging.Door;
        TijdvakCommand? command = e switch
        {
            AanvraagIngetrokken i when HadPlaats(i.BeslagVoor, i.WachtlijstPositieVoor) =>
                new BeslagVrijgeven(tijdvakId, e.AanvraagId, VrijgaveReden.Intrekking, nu, door),
            AanvullingGevraagd a when HadPlaats(a.BeslagVoor, a.WachtlijstPositieVoor) =>
                new BeslagVrijgeven(tijdvakId, e.AanvraagId, VrijgaveReden.Aanvullingsverzoek, nu, door),
            AanvraagAfgewezen a when a.Reden != AfwijzingsRedenen.PlafondBereikt && HadPlaats(a.BeslagVoor, a.WachtlijstPositieVoor) =>
                new BeslagVrijgeven(tijdvakId, e.AanvraagId, VrijgaveReden.Afwijzing, nu, door),
            // Buiten behandeling follows an aanvullingsverzoek, which already released the place.
            AanvraagToegekend t => new ToekenningBoeken(tijdvakId, e.AanvraagId, t.ToegekendNa, nu, door),
            ToekenningIngetrokken t => new ToegekendVerlagen(tijdvakId, e.AanvraagId, t.ToegekendNa, VerlagingReden.IntrekkingToekenning, nu, door),
            SubsidieVastgesteld v when v.Vrijval > 0 => new ToegekendVerlagen(tijdvakId, e.AanvraagId, v.VastgesteldNa, VerlagingReden.Vaststelling, nu, door),
            _ => null,
        };
        if (command is not null)
        {
            await wijziging.TijdvakAsync(command, ct);
        }
    }

    private static bool HadPlaats(decimal beslagVoor, int? wachtlijstPositieVoor) => beslagVoor > 0 || wachtlijstPositieVoor is not null;
}
