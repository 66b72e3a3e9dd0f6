using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Catalogus;

// The default catalogue as read from Catalogus/catalogus.json by CatalogusLezer.Lees: validated, typed, and shaped
// so the API can turn each entry into the commands of the Regelingen and Tijdvakken aggregates
// (RegelingInstellen, RegelsVaststellen, tijdvak plannen). Every value keeps the sources and assumptions that
// stand next to it in the file, so the API can show a beheerder which numbers are assumptions.

/// <summary>The whole catalogue file.</summary>
public sealed record CatalogusInhoud
{
    /// <summary>The version of the file's format (1).</summary>
    public required int Versie { get; init; }

    public string? Beschrijving { get; init; }

    /// <summary>In file order; codes are unique.</summary>
    public required IReadOnlyList<CatalogusRegeling> Regelingen { get; init; }

    /// <exception cref="ArgumentException">No regeling with this code in the catalogue.</exception>
    public CatalogusRegeling Regeling(string code) =>
        Regelingen.FirstOrDefault(r => r.Code == code)
        ?? throw new ArgumentException($"De catalogus bevat geen regeling '{code}'.", nameof(code));
}

/// <summary>One regeling: the data behind <c>RegelingInstellen</c>, its rules versions and its tijdvakken.</summary>
public sealed record CatalogusRegeling
{
    /// <summary>One of <see cref="RegelingCodes.Alle"/>.</summary>
    public required string Code { get; init; }

    public required string Naam { get; init; }

    public required Uitvoerder Uitvoerder { get; init; }

    /// <summary>The regeling's default; a tijdvak may override it (<see cref="CatalogusTijdvak.Verdeelmethode"/> is the effective one).</summary>
    public required Verdeelmethode Verdeelmethode { get; init; }

    /// <summary>Equal (as a set) to <see cref="RegelParameters.ToegestaneAanvragerTypen"/> of every rules version; the parser checks it.</summary>
    public required IReadOnlyList<string> ToegestaneAanvragerTypen { get; init; }

    public required int BeslistermijnWeken { get; init; }

    public required decimal VierOgenDrempel { get; init; }

    public required Herverdelingsbeleid Herverdelingsbeleid { get; init; }

    /// <summary>The most all tijdvak plafonds together may be (SZGW €312m, 000:634-635); null when the sources give none.</summary>
    public decimal? TotaalBudget { get; init; }

    /// <summary>Rules versions 1, 2, …, in order; ingangsdata never decrease.</summary>
    public required IReadOnlyList<CatalogusRegelsVersie> Regels { get; init; }

    public required IReadOnlyList<CatalogusTijdvak> Tijdvakken { get; init; }

    public required IReadOnlyList<CatalogusBron> Bronnen { get; init; }

    public required IReadOnlyList<CatalogusAanname> Aannames { get; init; }

    /// <summary>The rules version in force on <paramref name="dag"/>: the highest version whose ingangsdatum is on or before it;
    /// null before the first.</summary>
    public CatalogusRegelsVersie? RegelsOp(DateOnly dag) => Regels.LastOrDefault(r => r.Ingangsdatum <= dag);

    /// <exception cref="ArgumentException">No tijdvak with this name.</exception>
    public CatalogusTijdvak Tijdvak(string naam) =>
        Tijdvakken.FirstOrDefault(t => t.Naam == naam)
        ?? throw new ArgumentException($"Regeling {Code} heeft geen tijdvak '{naam}'.", nameof(naam));
}

/// <summary>One rules version: the data behind <c>RegelsVaststellen</c>.</summary>
public sealed record CatalogusRegelsVersie
{
    public required int Versie { get; init; }

    public required DateOnly Ingangsdatum { get; init; }

    /// <summary>The sealed parameters type of the regeling (e.g. <see cref="IwoParameters"/>), already checked with <see cref="RegelParameters.Valideer"/>.</summary>
    public required RegelParameters Parameters { get; init; }

    public required IReadOnlyList<CatalogusBron> Bronnen { get; init; }

    public required IReadOnlyList<CatalogusAanname> Aannames { get; init; }
}

/// <summary>One tijdvak (tijdvak, ronde or tranche). Dates are inclusive Europe/Amsterdam days.</summary>
public sealed record CatalogusTijdvak
{
    public required string Naam { get; init; }

    public required DateOnly Opent { get; init; }

    public required DateOnly Sluit { get; init; }

    /// <summary>Null where the source states none ("must be set before it opens").</summary>
    public decimal? Budgetplafond { get; init; }

    /// <summary>Optional configured herverdeling date (LIFECYCLE.md jobs "herverdeling"); not before <see cref="Sluit"/>.</summary>
    public DateOnly? HerverdelingOp { get; init; }

    /// <summary>The effective method: the tijdvak's own when the file sets one, else the regeling's.</summary>
    public required Verdeelmethode Verdeelmethode { get; init; }

    /// <summary>Only the organisations in <see cref="Uitnodigingen"/> may apply (REABLEMENT ronde 1, 001:535).</summary>
    public required bool OpUitnodiging { get; init; }

    /// <summary>KvK numbers (8 digits) or OINs (20 digits) of the invited organisations; empty unless <see cref="OpUitnodiging"/>.</summary>
    public required IReadOnlyList<string> Uitnodigingen { get; init; }

    /// <summary>This tijdvak's rule overrides; <see cref="TijdvakRegels.Geen"/> when the file sets none.</summary>
    public required TijdvakRegels Regels { get; init; }

    public required IReadOnlyList<CatalogusBron> Bronnen { get; init; }

    public required IReadOnlyList<CatalogusAanname> Aannames { get; init; }
}

/// <summary>Where a value comes from: <paramref name="Veld"/> names the field (e.g. "budgetplafond" or
/// "parameters.maximumJongeren"), <paramref name="Bron"/> the source as "file:line" ("001:784", "001:2789-2790").</summary>
public sealed record CatalogusBron(string Veld, string Bron);

/// <summary>A value the sources do not give: <paramref name="Veld"/> names it, <paramref name="Toelichting"/> says what was assumed and why.</summary>
public sealed record CatalogusAanname(string Veld, string Toelichting);
