using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regelingen;

namespace WozoSubsidies.Domain.Tijdvakken;

/// <summary>A gegrond bezwaar put the aanvraag back in behandeling (Awb 7:11, "opnieuw in behandeling"): it lost its place
/// with the revoked decision, so it takes one again in the order of receipt it had (<paramref name="OntvangenOp"/>, the moment
/// of complete receipt): beslag when nobody received after it waits and the amount fits; otherwise the wachtlijst, before
/// every waiting aanvraag received after it. In a definitief tijdvak there is no wachtlijst any more: what does not fit is
/// refused with <c>plafond-bereikt</c> (Awb 4:25 lid 2). A tender not yet ranked takes it in the ranking. The handler sends
/// it for an AanvraagInBehandelingGenomen that carries a BezwaarId.</summary>
public sealed record NaBezwaarHerplaatsen(Guid TijdvakId, Guid AanvraagId, decimal Bedrag, DateTimeOffset OntvangenOp, DateTimeOffset Nu, Actor Door)
    : TijdvakCommand(TijdvakId, Nu, Door);

/// <summary>The reinstated aanvraag's new place: <see cref="Uitkomst"/> is Beslag, OpWachtlijst (at 1-based
/// <see cref="Positie"/>) or AfgewezenWegensPlafond.</summary>
public sealed record NaBezwaarHerplaatst(
    Guid TijdvakId,
    Guid AanvraagId,
    decimal Bedrag,
    DateTimeOffset OntvangenOp,
    PlaatsStatus Uitkomst,
    int? Positie,
    decimal BeschikbaarVoor,
    string Regel,
    DateTimeOffset Op,
    Actor Door) : TijdvakEvent(TijdvakId, Op, Door);

/// <summary>Decide and evolve of <see cref="NaBezwaarHerplaatsen"/>, called from <see cref="Tijdvak"/>.</summary>
internal static class Herplaatsing
{
    public static TijdvakEvent[] Beslis(NaBezwaarHerplaatsen c, TijdvakState state)
    {
        var bekend = state.Aanvragen.GetValueOrDefault(c.AanvraagId);
        if (bekend?.Status is PlaatsStatus.Beslag or PlaatsStatus.OpWachtlijst or PlaatsStatus.Toegekend)
        {
            return []; // it holds a place already (a retry)
        }

        // A tender not yet ranked ranks every assessed aanvraag; an unsettled day of receipt places it with that day.
        if ((state.Verdeelmethode == Verdeelmethode.Rangschikking && !state.Gerangschikt)
            || (bekend is null && state.Status == TijdvakStatus.Open && !state.AfgeslotenDagen.Contains(Amsterdam.Dag(c.OntvangenOp))))
        {
            return [];
        }

        Bedrag.EisPositief(c.Bedrag, "Het gevraagde bedrag");
        // Nobody received after it passes it again: it goes before the first waiting aanvraag received later.
        var index = state.Wachtlijst.FindIndex(id => state.Aanvragen[id].OntvangenOp > c.OntvangenOp);
        if (index < 0)
        {
            index = state.Wachtlijst.Count;
        }

        var past = index == 0 && c.Bedrag <= state.Beschikbaar;
        var (uitkomst, positie) = past ? (PlaatsStatus.Beslag, (int?)null)
            : state.Status == TijdvakStatus.Definitief ? (PlaatsStatus.AfgewezenWegensPlafond, null)
            : (PlaatsStatus.OpWachtlijst, index + 1);
        return [new NaBezwaarHerplaatst(state.Id, c.AanvraagId, c.Bedrag, c.OntvangenOp, uitkomst, positie, state.Beschikbaar, Regelgrond.HerplaatsingNaBezwaar, c.Nu, c.Door)];
    }

    public static TijdvakState Pas(TijdvakState state, NaBezwaarHerplaatst e)
    {
        var bekend = state.Aanvragen.GetValueOrDefault(e.AanvraagId);
        if (bekend?.Status is PlaatsStatus.Beslag or PlaatsStatus.OpWachtlijst or PlaatsStatus.Toegekend)
        {
            throw new InvalidOperationException($"Aanvraag {e.AanvraagId} has status {bekend.Status}: it cannot be placed again.");
        }

        var beslag = e.Uitkomst == PlaatsStatus.Beslag ? e.Bedrag : 0m;
        var aanvragen = state.Aanvragen.SetItem(e.AanvraagId, new AanvraagInTijdvak(e.AanvraagId, e.Uitkomst, e.Bedrag, e.OntvangenOp, beslag, 0m));
        return e.Uitkomst switch
        {
            PlaatsStatus.Beslag => state with { Aanvragen = aanvragen, Beslag = state.Beslag + e.Bedrag },
            PlaatsStatus.OpWachtlijst => state with { Aanvragen = aanvragen, Wachtlijst = state.Wachtlijst.Insert(e.Positie!.Value - 1, e.AanvraagId) },
            PlaatsStatus.AfgewezenWegensPlafond => state with { Aanvragen = aanvragen },
            _ => throw new InvalidOperationException($"A reinstated aanvraag does not end as {e.Uitkomst}."),
        };
    }
}
