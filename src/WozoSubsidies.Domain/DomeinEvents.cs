using System.Collections.Frozen;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Tijdvakken;

namespace WozoSubsidies.Domain;

/// <summary>
/// The ONE place that names every domain event for the event store (ARCHITECTURE.md "Stable type names"):
/// kebab-case, Dutch, past tense, with a version suffix ("tijdvak-gepland.v1"). A CLR type name is never stored,
/// so types may be renamed or moved freely; a breaking change to an event's shape adds a ".v2" entry and an upcaster.
/// Each aggregate has its own section; add an entry when you add an event (a test checks every <see cref="IDomeinEvent"/> is here).
/// </summary>
public static class DomeinEvents
{
    public static IReadOnlyList<(Type Type, string Naam)> Alle { get; } =
    [
        // Regelingen/ (stream regeling-{code})
        (typeof(RegelingIngesteld), "regeling-ingesteld.v1"),
        (typeof(RegelsVastgesteld), "regels-vastgesteld.v1"),
        (typeof(RegelingBeeindigd), "regeling-beeindigd.v1"),
        (typeof(TijdvakAangemeld), "tijdvak-aangemeld.v1"),
        (typeof(TijdvakPlafondGeregistreerd), "tijdvak-plafond-geregistreerd.v1"),
        (typeof(LeertrajectDeelnameGeregistreerd), "leertraject-deelname-geregistreerd.v1"),

        // Tijdvakken/ (stream tijdvak-{guid})
        (typeof(TijdvakGepland), "tijdvak-gepland.v1"),
        (typeof(TijdvakGeopend), "tijdvak-geopend.v1"),
        (typeof(DagAfgesloten), "dag-afgesloten.v1"),
        (typeof(TijdvakGesloten), "tijdvak-gesloten.v1"),
        (typeof(ToekenningGeboekt), "toekenning-geboekt.v1"),
        (typeof(BeslagVrijgegeven), "beslag-vrijgegeven.v1"),
        (typeof(VanWachtlijstGehaald), "van-wachtlijst-gehaald.v1"),
        (typeof(ToekenningVerlaagd), "toekenning-verlaagd.v1"),
        (typeof(BudgetplafondGewijzigd), "budgetplafond-gewijzigd.v1"),
        (typeof(WachtlijstOpgeschoven), "wachtlijst-opgeschoven.v1"),
        (typeof(Gerangschikt), "gerangschikt.v1"),
        (typeof(TijdvakDefinitiefVerklaard), "tijdvak-definitief-verklaard.v1"),
        (typeof(BudgetOvergeboekt), "budget-overgeboekt.v1"),
        (typeof(BudgetOntvangen), "budget-ontvangen.v1"),
        (typeof(HerzieneToekenningGeboekt), "herziene-toekenning-geboekt.v1"),
        (typeof(NaBezwaarHerplaatst), "na-bezwaar-herplaatst.v1"),

        // Aanvragen/ (stream aanvraag-{guid})
        (typeof(Aanvragen.AanvraagIngediend), "aanvraag-ingediend.v1"),
        (typeof(Aanvragen.AanvraagPlaatsToegewezen), "aanvraag-plaats-toegewezen.v1"),
        (typeof(Aanvragen.AanvraagOpWachtlijstGeplaatst), "aanvraag-op-wachtlijst-geplaatst.v1"),
        (typeof(Aanvragen.AanvullingGevraagd), "aanvulling-gevraagd.v1"),
        (typeof(Aanvragen.AanvullingOntvangen), "aanvulling-ontvangen.v1"),
        (typeof(Aanvragen.AanvraagBuitenBehandelingGesteld), "aanvraag-buiten-behandeling-gesteld.v1"),
        (typeof(Aanvragen.AanvraagInBehandelingGenomen), "aanvraag-in-behandeling-genomen.v1"),
        (typeof(Aanvragen.AanvraagBeoordeeld), "aanvraag-beoordeeld.v1"),
        (typeof(Aanvragen.BesluitVoorgesteld), "besluit-voorgesteld.v1"),
        (typeof(Aanvragen.BesluitGoedgekeurd), "besluit-goedgekeurd.v1"),
        (typeof(Aanvragen.BesluitAfgekeurd), "besluit-afgekeurd.v1"),
        (typeof(Aanvragen.AanvraagToegekend), "aanvraag-toegekend.v1"),
        (typeof(Aanvragen.AanvraagAfgewezen), "aanvraag-afgewezen.v1"),
        (typeof(Aanvragen.AanvraagIngetrokken), "aanvraag-ingetrokken.v1"),
        (typeof(Aanvragen.VoorschotVerstrekt), "voorschot-verstrekt.v1"),
        (typeof(Aanvragen.VerantwoordingIngediend), "verantwoording-ingediend.v1"),
        (typeof(Aanvragen.SubsidieVastgesteld), "subsidie-vastgesteld.v1"),
        (typeof(Aanvragen.TerugvorderingVastgesteld), "terugvordering-vastgesteld.v1"),
        (typeof(Aanvragen.ToekenningIngetrokken), "toekenning-ingetrokken.v1"),
        (typeof(Aanvragen.BeslistermijnVerlengd), "beslistermijn-verlengd.v1"),
        (typeof(Aanvragen.BezwaarIngediend), "bezwaar-ingediend.v1"),
        (typeof(Aanvragen.BezwaarBeslist), "bezwaar-beslist.v1"),
    ];

    private static readonly FrozenDictionary<Type, string> NaamPerType = Alle.ToFrozenDictionary(e => e.Type, e => e.Naam);
    private static readonly FrozenDictionary<string, Type> TypePerNaam = Alle.ToFrozenDictionary(e => e.Naam, e => e.Type, StringComparer.Ordinal);

    /// <summary>The stored name of an event type; throws for an unregistered type (a bug: register it above).</summary>
    public static string NaamVan(Type type) =>
        NaamPerType.TryGetValue(type, out var naam)
            ? naam
            : throw new InvalidOperationException($"Event type {type.FullName} has no name in DomeinEvents.Alle.");

    /// <summary>The event type for a stored name, or null when this build does not know it.</summary>
    public static Type? TypeVan(string naam) => TypePerNaam.GetValueOrDefault(naam);
}
