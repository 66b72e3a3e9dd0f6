using Npgsql;
using WozoSubsidies.Api.Features.Toewijzing;
using WozoSubsidies.Api.Infrastructure.EventSourcing;
using WozoSubsidies.Api.Infrastructure.Http;
using WozoSubsidies.Api.Infrastructure.Problems;
using WozoSubsidies.Domain.Aanvragen;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Tijdvakken;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Api.Features.Aanvragen;

/// <summary>The shape every state change of an aanvraag follows: load what the caller may see, check the role and the
/// If-Match version, settle the tijdvak's past days (so a place decided by them is there), decide, carry the budget
/// consequences to the tijdvak (docs/domain-boundary.md and Domain/Aanvragen/README.md), and store it all at once.</summary>
public sealed class AanvraagActie(Wijziging wijziging, AanvraagToegang toegang, RequestContext context, NpgsqlDataSource db, PostgresEventStore store)
{
    public Wijziging Wijziging => wijziging;

    public RequestContext Context => context;

    public Task<AanvraagDetail> VoerUitAsync(
        Guid id, string rol, string handeling, long? ifMatch, Func<AanvraagState, AanvraagCommand> command, string bron, CancellationToken ct) =>
        VoerUitAsync(id, rol, handeling, ifMatch, [s => command(s)], bron, ct);

    /// <summary>The same for several commands in one unit (e.g. take the aanvraag in behandeling, then decide): each step
    /// gets the state as the previous one left it and may return null to do nothing. <paramref name="voorOpslaan"/> sees
    /// the result just before it is stored, so an idempotent response can be stored with the events.</summary>
    public async Task<AanvraagDetail> VoerUitAsync(
        Guid id, string rol, string handeling, long? ifMatch, IReadOnlyList<Func<AanvraagState, AanvraagCommand?>> stappen, string bron,
        CancellationToken ct, Action<AanvraagDetail>? voorOpslaan = null)
    {
        var (state, versie) = await toegang.LaadZichtbaarAsync(wijziging, id, ct);
        toegang.EisRol(rol, handeling);
        if (ifMatch is { } pinned && pinned != versie)
        {
            throw ApiProblem.VersieConflict(versie, Versions.ETag(pinned));
        }
        var (_, tijdvakVersie) = await wijziging.TijdvakAsync(state.TijdvakId, ct);
        try
        {
            await wijziging.DagenAfsluitenAsync(state.TijdvakId, db, ct);
            foreach (var stap in stappen)
            {
                if (stap(wijziging.StateVan(id)) is not { } command)
                {
                    continue;
                }
                var events = await wijziging.AanvraagAsync(command, ct);
                foreach (var e in events)
                {
                    await TijdvakGevolgAsync(e, ct);
                }
            }
            // A closed tender ranks once its last aanvraag in the running is assessed (or left the running).
            await wijziging.RangschikAlsAllesBeoordeeldAsync(state.TijdvakId, db, ct);
        }
        catch (RegelSchending e)
        {
            // A refusal decided on a state another request changed meanwhile (the read model of waiting days can be
            // newer than the streams read before it) is not the client's answer: decide again on fresh state.
            if (await store.GetVersionAsync(Streams.Aanvraag(id), ct) != versie
                || await store.GetVersionAsync(Streams.Tijdvak(state.TijdvakId), ct) != tijdvakVersie)
            {
                throw new ConcurrencyException($"Aanvraag {id} or its tijdvak changed while deciding.", e);
            }
            throw;
        }
        var na = wijziging.StateVan(id);
        var detail = AanvraagDetail.From(na, wijziging.VersieVan(id), context.Nu, wijziging.TijdvakStateVan(na.TijdvakId));
        voorOpslaan?.Invoke(detail);
        await wijziging.OpslaanAsync(bron, ct, na.RegelsVersie.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return detail;
    }

    private async Task TijdvakGevolgAsync(AanvraagEvent e, CancellationToken ct)
    {
        // A granted project takes a place in its regeling's leertraject where the rules have one (Reablement:
        // at most 16 over the programme, 001:432); the regeling stream counts them in the same transaction.
        if (e is AanvraagToegekend)
        {
            await wijziging.RegelingAsync(new Domain.Regelingen.LeertrajectDeelnameRegistreren(
                wijziging.StateVan(e.AanvraagId).RegelingCode, e.AanvraagId, context.Nu, wijziging.Door), ct);
        }
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
            // A gegrond bezwaar put it back in behandeling: it takes its place again in the order of receipt it had.
            AanvraagInBehandelingGenomen { BezwaarId: not null } =>
                new NaBezwaarHerplaatsen(tijdvakId, e.AanvraagId, wijziging.StateVan(e.AanvraagId).AangevraagdBedrag,
                    wijziging.StateVan(e.AanvraagId).CompleetOntvangenOp, nu, door),
            // Buiten behandeling follows an aanvullingsverzoek, which already released the place.
            // The changed decision of a gegrond bezwaar holds no beslag: the raise is booked against what is beschikbaar.
            AanvraagToegekend { BezwaarId: not null } t => new HerzieneToekenningBoeken(tijdvakId, e.AanvraagId, t.ToegekendNa, nu, door),
            SubsidieVastgesteld { BezwaarId: not null } v => new HerzieneToekenningBoeken(tijdvakId, e.AanvraagId, v.VastgesteldNa, nu, door),
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
