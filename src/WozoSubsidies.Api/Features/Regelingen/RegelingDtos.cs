using System.Text.Json.Serialization;
using WozoSubsidies.Api.Infrastructure.EventSourcing;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Api.Features.Regelingen;

/// <summary>A regeling as the catalogue shows it.</summary>
public sealed record RegelingSamenvatting(string Code, string Naam, string Uitvoerder, Verdeelmethode Verdeelmethode, DateOnly? BeeindigdPer);

/// <param name="Regels">The rules version in force today (null when none is in force yet).</param>
/// <param name="RegelsVersies">Every rules version, oldest first; an aanvraag is judged by the one in force when it became complete.</param>
public sealed record RegelingDetail(
    string Code,
    string Naam,
    string Uitvoerder,
    Verdeelmethode Verdeelmethode,
    IReadOnlyList<string> AanvragerTypen,
    int BeslistermijnWeken,
    decimal VierOgenDrempel,
    Herverdelingsbeleid Herverdelingsbeleid,
    decimal? TotaalBudget,
    DateOnly? BeeindigdPer,
    RegelsVersieDto? Regels,
    IReadOnlyList<RegelsVersieDto> RegelsVersies,
    IReadOnlyList<TijdvakVanRegelingDto> Tijdvakken,
    long Versie)
{
    public static RegelingDetail From(RegelingState s, DateOnly vandaag, long versie) => new(
        s.Code, s.Naam, ReadModels.UitvoerderNaam(s.Uitvoerder), s.Verdeelmethode, s.AanvragerTypen, s.BeslistermijnWeken,
        s.VierOgenDrempel, s.Herverdelingsbeleid, s.TotaalBudget, s.BeeindigdPer,
        Regeling.RegelsOp(s, vandaag) is { } r ? RegelsVersieDto.From(r) : null,
        s.Versies.Select(RegelsVersieDto.From).ToList(),
        s.Tijdvakken.Values.OrderBy(t => t.Opent).Select(t => new TijdvakVanRegelingDto(t.TijdvakId, t.Naam, t.Opent, t.Sluit, t.Plafond)).ToList(),
        versie);
}

public sealed record RegelsVersieDto(int Versie, DateOnly Ingangsdatum, RegelParameters Parameters)
{
    public static RegelsVersieDto From(RegelsVersie r) => new(r.Versie, r.Ingangsdatum, r.Parameters);
}

public sealed record TijdvakVanRegelingDto(Guid Id, string Naam, DateOnly Opent, DateOnly Sluit, decimal? Budgetplafond);

/// <summary>How unspent budget moves (LIFECYCLE.md herverdeling): to the next tijdvak, elsewhere (name the bestemming), or back to the programme reserve.</summary>
public sealed record HerverdelingDto(
    [property: JsonRequired] HerverdelingSoort Soort,
    string? Bestemming)
{
    public Herverdelingsbeleid ToDomain() => Soort switch
    {
        HerverdelingSoort.VolgendeTijdvak => new Herverdelingsbeleid.VolgendeTijdvak(),
        HerverdelingSoort.Elders => new Herverdelingsbeleid.Elders(Bestemming ?? ""),
        _ => new Herverdelingsbeleid.ProgrammaReserve(),
    };
}

public enum HerverdelingSoort
{
    VolgendeTijdvak,
    Elders,
    ProgrammaReserve,
}
