using WozoSubsidies.Domain.Gedeeld;

namespace WozoSubsidies.Domain.Tijdvakken;

/// <summary>A gegrond bezwaar granted (more) subsidy to this aanvraag (Awb 7:11): its granted amount on the tijdvak becomes
/// <paramref name="Bedrag"/> (the new total, not the difference, so a retry is a no-op). Unlike <see cref="ToekenningBoeken"/>
/// it needs no beslag: the aanvraag lost its place with the afwijzing (or never held one, or its granted amount was lowered
/// by an earlier decision), so the difference is booked directly against what is beschikbaar, and refused with
/// <c>plafond-bereikt</c> when it does not fit (LIFECYCLE.md "The invariant"). The handler sends it for an
/// AanvraagToegekend or SubsidieVastgesteld that carries a BezwaarId.</summary>
public sealed record HerzieneToekenningBoeken(Guid TijdvakId, Guid AanvraagId, decimal Bedrag, DateTimeOffset Nu, Actor Door)
    : TijdvakCommand(TijdvakId, Nu, Door);

/// <summary>The granted amount of the aanvraag went from <paramref name="ToegekendVoor"/> to <paramref name="ToegekendNa"/>
/// after a gegrond bezwaar, booked against <paramref name="BeschikbaarVoor"/> (what was beschikbaar before).</summary>
public sealed record HerzieneToekenningGeboekt(
    Guid TijdvakId,
    Guid AanvraagId,
    decimal ToegekendVoor,
    decimal ToegekendNa,
    decimal BeschikbaarVoor,
    DateTimeOffset Op,
    Actor Door) : TijdvakEvent(TijdvakId, Op, Door);

/// <summary>Decide and evolve of <see cref="HerzieneToekenningBoeken"/>, called from <see cref="Tijdvak"/>.</summary>
internal static class HerzieneToekenning
{
    public static TijdvakEvent[] Beslis(HerzieneToekenningBoeken c, TijdvakState state)
    {
        var aanvraag = state.Aanvragen.GetValueOrDefault(c.AanvraagId);
        switch (aanvraag?.Status)
        {
            case PlaatsStatus.Beslag:
                throw new RegelSchending("aanvraag-heeft-beslag",
                    $"Aanvraag {c.AanvraagId} houdt beslag op {state.Naam}: een toekenning boekt dat beslag om (ToekenningBoeken).");
            case PlaatsStatus.OpWachtlijst:
                throw new RegelSchending("aanvraag-op-wachtlijst",
                    $"Aanvraag {c.AanvraagId} staat op de wachtlijst van {state.Naam}; zij verlaat die eerst.");
        }

        Bedrag.EisPositief(c.Bedrag, "Het herziene toegekende bedrag");
        var voor = aanvraag?.Status == PlaatsStatus.Toegekend ? aanvraag.Toegekend : 0m;
        if (aanvraag?.Status == PlaatsStatus.Toegekend && c.Bedrag == voor)
        {
            return []; // booked already
        }

        // Awb 7:11 does not make a decision worse after bezwaar; lowering a granted amount is ToegekendVerlagen.
        RegelSchending.Eis(c.Bedrag > voor, "verlaging-niet-toegestaan",
            $"Het toegekende bedrag ({Bedrag.Toon(voor)}) gaat hier alleen omhoog, niet naar {Bedrag.Toon(c.Bedrag)}.");

        // Awb 4:25 lid 2: the plafond holds for a decision on bezwaar too; what does not fit is refused.
        var erbij = c.Bedrag - voor;
        RegelSchending.Eis(erbij <= state.Beschikbaar, Tijdvak.PlafondBereiktCode,
            $"Er is {Bedrag.Toon(state.Beschikbaar)} beschikbaar op {state.Naam}; de herziene toekenning vraagt {Bedrag.Toon(erbij)} erbij.");
        return [new HerzieneToekenningGeboekt(state.Id, c.AanvraagId, voor, c.Bedrag, state.Beschikbaar, c.Nu, c.Door)];
    }

    public static TijdvakState Pas(TijdvakState state, HerzieneToekenningGeboekt e)
    {
        var bekend = state.Aanvragen.GetValueOrDefault(e.AanvraagId);
        var aanvraag = bekend switch
        {
            null => new AanvraagInTijdvak(e.AanvraagId, PlaatsStatus.Toegekend, e.ToegekendNa, e.Op, 0m, e.ToegekendNa),
            { Status: PlaatsStatus.Beslag or PlaatsStatus.OpWachtlijst } =>
                throw new InvalidOperationException($"Aanvraag {e.AanvraagId} has status {bekend.Status}: a herziene toekenning needs none."),
            _ => bekend with { Status = PlaatsStatus.Toegekend, Beslag = 0m, Toegekend = e.ToegekendNa },
        };
        return state with
        {
            Aanvragen = state.Aanvragen.SetItem(e.AanvraagId, aanvraag),
            Toegekend = state.Toegekend + (e.ToegekendNa - e.ToegekendVoor),
        };
    }
}
