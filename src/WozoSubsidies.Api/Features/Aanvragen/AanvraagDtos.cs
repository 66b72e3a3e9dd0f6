using WozoSubsidies.Domain.Aanvragen;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regels;
using WozoSubsidies.Domain.Tijdvakken;

namespace WozoSubsidies.Api.Features.Aanvragen;

/// <summary>The answer to a submission (API.md: id, status, ontvangenOp, aangevraagdBedrag).</summary>
public sealed record AanvraagIngediendAntwoord(Guid Id, AanvraagStatus Status, DateTimeOffset OntvangenOp, decimal AangevraagdBedrag, string Plaatsing);

/// <summary>An aanvraag as it stands (or stood, with asOf/versie).</summary>
/// <param name="Plaatsing">Where it stands in the tijdvak's budget, in words: waiting for the day's settlement, holding budget, on the wachtlijst at a position, or not applicable.</param>
/// <param name="Versie">The stream version; the same value is the ETag to send back in If-Match.</param>
public sealed record AanvraagDetail(
    Guid Id,
    string Regeling,
    Guid TijdvakId,
    AanvraagStatus Status,
    AanvragerDto Aanvrager,
    AanvraagGegevens? Gegevens,
    int RegelsVersie,
    DateTimeOffset OntvangenOp,
    DateTimeOffset CompleetOntvangenOp,
    decimal AangevraagdBedrag,
    decimal Beslag,
    int? WachtlijstPositie,
    string Plaatsing,
    decimal ToegekendBedrag,
    DateOnly? BeslistermijnUiterlijk,
    BeslistermijnStatus BeslistermijnStatus,
    OpenAanvulling? Aanvulling,
    AanvraagBeoordeling? Beoordeling,
    OpenBesluit? OpenBesluit,
    IReadOnlyList<Besluit> Besluiten,
    IReadOnlyList<Voorschot> Voorschotten,
    Verantwoording? Verantwoording,
    decimal? VastgesteldBedrag,
    decimal Teruggevorderd,
    IReadOnlyList<Bezwaar> Bezwaren,
    long Versie)
{
    public static AanvraagDetail From(AanvraagState s, long versie, DateTimeOffset nu, TijdvakState? tijdvak)
    {
        var positie = tijdvak is null ? s.WachtlijstPositie : Tijdvak.PositieOpWachtlijst(tijdvak, s.AanvraagId) ?? s.WachtlijstPositie;
        var termijn = Aanvraag.TermijnStatus(s, nu);
        return new AanvraagDetail(
            s.AanvraagId, s.RegelingCode, s.TijdvakId, s.Status,
            new AanvragerDto(s.Aanvrager?.KvkNummer ?? "", s.Aanvrager?.Naam ?? "", s.Aanvrager?.Type ?? ""),
            s.Gegevens, s.RegelsVersie, s.IngediendOp, s.CompleetOntvangenOp, s.AangevraagdBedrag, s.Beslag, positie,
            PlaatsingVan(s, positie, tijdvak?.Verdeelmethode == Domain.Regelingen.Verdeelmethode.Rangschikking), s.Toegekend,
            termijn == BeslistermijnStatus.NietVanToepassing ? null : Aanvraag.Beslistermijn(s), termijn,
            s.Aanvulling, s.Beoordeling, s.OpenBesluit, s.Besluiten, s.Voorschotten, s.Verantwoording, s.Vastgesteld,
            s.Teruggevorderd, s.Bezwaren, versie);
    }

    private static string PlaatsingVan(AanvraagState s, int? positie, bool tender) => s switch
    {
        { HeeftPlaats: true } => $"Er is {Bedrag.Toon(s.Beslag)} van het budgetplafond voor deze aanvraag gereserveerd.",
        { Status: AanvraagStatus.OpWachtlijst } => $"Op de wachtlijst, positie {positie}: de aanvraag schuift op zodra budget vrijkomt.",
        { WachtOpPlaatsing: true } when tender =>
            "Tender: de plaats binnen het budgetplafond volgt uit de rangschikking op score, nadat het tijdvak is gesloten en alle aanvragen zijn beoordeeld.",
        { WachtOpPlaatsing: true } => $"Ontvangen op {Amsterdam.Dag(s.CompleetOntvangenOp):yyyy-MM-dd}; de plaats binnen het budgetplafond wordt bepaald na afloop van die dag (bij overschrijding door loting).",
        { Status: AanvraagStatus.AanvullingGevraagd } => "Onvolledig: de aanvraag krijgt een plaats in de volgorde van binnenkomst zodra de aanvulling is ontvangen.",
        _ => "Niet van toepassing.",
    };
}

public sealed record AanvragerDto(string KvkNummer, string Naam, string Type);

/// <summary>One row of the list of aanvragen.</summary>
public sealed record AanvraagRegel(
    Guid Id, string Regeling, Guid TijdvakId, string Status, string AanvragerKvk, string AanvragerNaam,
    DateTimeOffset OntvangenOp, decimal AangevraagdBedrag, decimal? ToegekendBedrag, long Versie);

/// <param name="Totaal">The number of aanvragen matching the filter, over all pages.</param>
public sealed record AanvraagPagina(IReadOnlyList<AanvraagRegel> Aanvragen, int Pagina, int PaginaGrootte, long Totaal);

/// <summary>One event of the timeline, readable: what happened, when, by whom, by which rule.</summary>
public sealed record HistorieRegel(
    long Versie, DateTimeOffset VastgelegdOp, string Type, string Omschrijving, string Door, string Rol, string? RegelsVersie,
    string CorrelationId, object Data);
