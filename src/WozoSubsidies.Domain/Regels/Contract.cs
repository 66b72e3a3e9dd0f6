using System.Text.Json.Serialization;

namespace WozoSubsidies.Domain.Regels;

// The seam between the aggregates (Regelingen/, Tijdvakken/, Aanvragen/) and the per-regeling
// calculators in Regels/. The aggregates only ever see these types; every number a calculator
// uses comes from RegelParameters (a rules version) or TijdvakRegels (a tijdvak's overrides),
// never from a constant, because REGELINGEN.md marks many of them as assumptions a beheerder may change.

/// <summary>One violated rule. <see cref="Code"/> is stable kebab-case (it becomes the API problem `code`),
/// <see cref="Melding"/> is a clear Dutch sentence, <see cref="Veld"/> the camelCase path in `gegevens` when known.</summary>
public sealed record RegelOvertreding(string Code, string Melding, string? Veld = null);

/// <summary>The outcome of judging one aanvraag's gegevens by one rules version.</summary>
public sealed record Beoordeling(decimal AangevraagdBedrag, IReadOnlyList<RegelOvertreding> Overtredingen)
{
    public bool Voldoet => Overtredingen.Count == 0;
}

/// <summary>What a calculator may know besides the gegevens.</summary>
/// <param name="Aanvraagdatum">The day of receipt (Europe/Amsterdam); activities before it are not subsidised.</param>
/// <param name="AanvragerType">The kind of organisation, e.g. "woningcorporatie", "gemeente", "zorgaanbieder".</param>
/// <param name="Parameters">The rules version in force for this aanvraag.</param>
/// <param name="TijdvakRegels">The tijdvak's overrides (IOC ronde 2 excludes physiotherapy, Reablement ronde 3 caps the looptijd).</param>
public sealed record AanvraagContext(
    DateOnly Aanvraagdatum,
    string AanvragerType,
    RegelParameters Parameters,
    TijdvakRegels TijdvakRegels);

/// <summary>Regeling-specific content of an aanvraag (API field `gegevens`). One sealed record per regeling.
/// Serialized with a "regeling" discriminator so events round-trip through System.Text.Json.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "regeling")]
[JsonDerivedType(typeof(IwoGegevens), RegelingCodes.Iwo)]
[JsonDerivedType(typeof(SzgwGegevens), RegelingCodes.Szgw)]
[JsonDerivedType(typeof(SooGegevens), RegelingCodes.Soo)]
[JsonDerivedType(typeof(StozGegevens), RegelingCodes.Stoz)]
[JsonDerivedType(typeof(IocGegevens), RegelingCodes.Ioc)]
[JsonDerivedType(typeof(SpukDosGegevens), RegelingCodes.SpukDos)]
[JsonDerivedType(typeof(ReablementGegevens), RegelingCodes.Reablement)]
public abstract record AanvraagGegevens
{
    [JsonIgnore]
    public abstract string RegelingCode { get; }
}

/// <summary>The parameters of one rules version of one regeling (rates, caps, allowed lists). One sealed record per regeling.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "regeling")]
[JsonDerivedType(typeof(IwoParameters), RegelingCodes.Iwo)]
[JsonDerivedType(typeof(SzgwParameters), RegelingCodes.Szgw)]
[JsonDerivedType(typeof(SooParameters), RegelingCodes.Soo)]
[JsonDerivedType(typeof(StozParameters), RegelingCodes.Stoz)]
[JsonDerivedType(typeof(IocParameters), RegelingCodes.Ioc)]
[JsonDerivedType(typeof(SpukDosParameters), RegelingCodes.SpukDos)]
[JsonDerivedType(typeof(ReablementParameters), RegelingCodes.Reablement)]
public abstract record RegelParameters
{
    [JsonIgnore]
    public abstract string RegelingCode { get; }

    /// <summary>The kinds of aanvrager this rules version admits (REGELINGEN.md, column "applicants"), compared
    /// case-insensitively with <see cref="AanvraagContext.AanvragerType"/>. A parameter, not a constant: the
    /// sources list examples ("bijvoorbeeld woningcorporaties", 001:2790), so a beheerder may widen the list.</summary>
    [JsonPropertyName("toegestaneAanvragerTypen")]
    public required IReadOnlyList<string> ToegestaneAanvragerTypen { get; init; }

    /// <summary>Internal consistency of this rules version (for example minimum ≤ maximum, rates above zero),
    /// as Dutch sentences; empty when consistent. The catalogue parser and a new rules version call it
    /// before the parameters are used, so a calculator can rely on them.</summary>
    public virtual IReadOnlyList<string> Valideer() => [];
}

/// <summary>A calculator for one regeling: checks every rule and computes the requested amount.</summary>
public interface IRegelingCalculator
{
    string RegelingCode { get; }

    /// <summary>Pure: the same input always gives the same Beoordeling. Never throws for bad gegevens:
    /// every problem is a RegelOvertreding. Throws ArgumentException only when gegevens or parameters
    /// belong to another regeling (a programming error).</summary>
    Beoordeling Beoordeel(AanvraagGegevens gegevens, AanvraagContext context);
}
