using System.Collections.Immutable;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Regelingen;

/// <summary>One rules version: the parameters in force from <see cref="Ingangsdatum"/> until the next version's.</summary>
public sealed record RegelsVersie(int Versie, DateOnly Ingangsdatum, RegelParameters Parameters);

/// <summary>What the regeling knows of one of its tijdvakken: enough to guard the total budget and find "the next tijdvak".</summary>
public sealed record TijdvakVanRegeling(Guid TijdvakId, string Naam, DateOnly Opent, DateOnly Sluit, decimal? Plafond);

/// <summary>The state of one regeling, folded from its stream.</summary>
public sealed record RegelingState
{
    public static RegelingState Begin { get; } = new();

    public bool Bestaat { get; init; }

    public string Code { get; init; } = "";

    public string Naam { get; init; } = "";

    public Uitvoerder Uitvoerder { get; init; }

    public Verdeelmethode Verdeelmethode { get; init; }

    public ImmutableList<string> AanvragerTypen { get; init; } = [];

    public int BeslistermijnWeken { get; init; } = Regeling.StandaardBeslistermijnWeken;

    public decimal VierOgenDrempel { get; init; }

    public Herverdelingsbeleid Herverdelingsbeleid { get; init; } = Herverdelingsbeleid.Standaard;

    public decimal? TotaalBudget { get; init; }

    /// <summary>Rules versions in version order (ingangsdatum never decreases with the version).</summary>
    public ImmutableList<RegelsVersie> Versies { get; init; } = [];

    /// <summary>Set when the regeling ended: no new tijdvakken.</summary>
    public DateOnly? BeeindigdPer { get; init; }

    public ImmutableDictionary<Guid, TijdvakVanRegeling> Tijdvakken { get; init; } = ImmutableDictionary<Guid, TijdvakVanRegeling>.Empty;

    /// <summary>The sum of all tijdvak plafonds (an unstated plafond counts as 0).</summary>
    /// <summary>Aanvragen whose project takes part in the leertraject (Reablement, 001:432).</summary>
    public ImmutableHashSet<Guid> LeertrajectDeelnemers { get; init; } = ImmutableHashSet<Guid>.Empty;

    public decimal SomPlafonds => Tijdvakken.Values.Sum(t => t.Plafond ?? 0m);
}
