using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Regels;
using WozoSubsidies.Domain.Tijdvakken;

namespace WozoSubsidies.Domain.Tests.Tijdvakken;

/// <summary>Shared facts for tijdvak specifications: one tijdvak (SZGW-like dates) and small builders.</summary>
internal static class TijdvakVoorbeeld
{
    public static readonly Guid Id = Guid.Parse("00000000-0000-0000-0000-00000000a001");
    public static readonly DateOnly Opent = new(2023, 9, 15);
    public static readonly DateOnly Sluit = new(2024, 10, 31);
    public static readonly Actor Beheerder = new("beheerder-1", "beheerder");
    public static readonly Actor Behandelaar = new("behandelaar-1", "behandelaar");
    public static readonly Actor Systeem = Actor.Systeem;

    /// <summary>A moment on a Dutch calendar day, <paramref name="uur"/> hours after local midnight.</summary>
    public static DateTimeOffset Op(DateOnly dag, int uur = 10, int minuut = 0) => Amsterdam.BeginVan(dag).AddHours(uur).AddMinutes(minuut);

    /// <summary>Just after the given day is over (the settlement job runs then).</summary>
    public static DateTimeOffset NaAfloop(DateOnly dag) => Amsterdam.EindeVan(dag).AddMinutes(5);

    public static DateOnly Dag(int n) => Opent.AddDays(n);

    public static Guid Aanvraag(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    public static TijdvakGepland Gepland(decimal? plafond = 1_000m, Verdeelmethode verdeelmethode = Verdeelmethode.VolgordeVanBinnenkomst,
        IReadOnlyList<string>? uitnodigingen = null, Guid? id = null) =>
        new(id ?? Id, "SZGW", "Tranche 1", Opent, Sluit, plafond, verdeelmethode, TijdvakRegels.Geen, uitnodigingen ?? [], Op(Opent.AddDays(-30)), Beheerder);

    public static TijdvakGeopend Geopend(decimal plafond = 1_000m, Guid? id = null) => new(id ?? Id, plafond, Op(Opent, 0, 1), Systeem);

    public static Ontvangst Ontvangst(int aanvraag, decimal bedrag, DateOnly dag, int uur = 10, int minuut = 0) =>
        new(Aanvraag(aanvraag), bedrag, Op(dag, uur, minuut));

    /// <summary>A day settled with everyone placed in order of receipt (no lottery needed).</summary>
    public static DagAfgesloten AllesGeplaatst(DateOnly dag, decimal beschikbaarVoor, params Ontvangst[] ontvangsten) =>
        new(Id, dag, ontvangsten, null, [.. ontvangsten.Select(o => new Plaatsing(o.AanvraagId, o.Bedrag))], [],
            beschikbaarVoor, beschikbaarVoor - ontvangsten.Sum(o => o.Bedrag), Regelgrond.VolgordeVanOntvangst, NaAfloop(dag), Systeem);

    public static DagAfsluiten Afsluiten(DateOnly dag, long seed, params Ontvangst[] ontvangsten) =>
        new(Id, dag, ontvangsten, seed, NaAfloop(dag), Systeem);
}
