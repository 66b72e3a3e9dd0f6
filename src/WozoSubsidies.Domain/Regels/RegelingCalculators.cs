namespace WozoSubsidies.Domain.Regels;

/// <summary>What the code knows of one regeling: its calculator, the CLR types of its `gegevens` and parameters,
/// and the standard parameters (rules version 1 of the default catalogue).</summary>
public sealed record RegelingDefinitie(
    string Code,
    IRegelingCalculator Calculator,
    Type GegevensType,
    Type ParametersType,
    RegelParameters StandaardParameters);

/// <summary>The one registry of regelingen known to the code. Everything else about a regeling (name, tijdvakken,
/// budgets, parameter values) is data; only a new amount rule needs a new entry here.</summary>
public static class RegelingCalculators
{
    private static readonly Dictionary<string, RegelingDefinitie> Definities = new RegelingDefinitie[]
    {
        new(RegelingCodes.Iwo, new IwoCalculator(), typeof(IwoGegevens), typeof(IwoParameters), IwoParameters.Standaard),
        new(RegelingCodes.Szgw, new SzgwCalculator(), typeof(SzgwGegevens), typeof(SzgwParameters), SzgwParameters.Standaard),
        new(RegelingCodes.Soo, new SooCalculator(), typeof(SooGegevens), typeof(SooParameters), SooParameters.Standaard),
        new(RegelingCodes.Stoz, new StozCalculator(), typeof(StozGegevens), typeof(StozParameters), StozParameters.Standaard),
        new(RegelingCodes.Ioc, new IocCalculator(), typeof(IocGegevens), typeof(IocParameters), IocParameters.Standaard),
        new(RegelingCodes.SpukDos, new SpukDosCalculator(), typeof(SpukDosGegevens), typeof(SpukDosParameters), SpukDosParameters.Standaard),
        new(RegelingCodes.Reablement, new ReablementCalculator(), typeof(ReablementGegevens), typeof(ReablementParameters), ReablementParameters.Standaard),
    }.ToDictionary(d => d.Code, StringComparer.Ordinal);

    /// <summary>Every calculator, in the order of <see cref="RegelingCodes.Alle"/>.</summary>
    public static IReadOnlyList<IRegelingCalculator> Alle { get; } = RegelingCodes.Alle.Select(c => Definities[c].Calculator).ToList();

    /// <summary>Every definition, in the order of <see cref="RegelingCodes.Alle"/>.</summary>
    public static IReadOnlyList<RegelingDefinitie> AlleDefinities { get; } = RegelingCodes.Alle.Select(c => Definities[c]).ToList();

    public static bool IsBekend(string? code) => code is not null && Definities.ContainsKey(code);

    /// <summary>The calculator of <paramref name="code"/> (exact spelling, e.g. "SPUK-DOS").</summary>
    /// <exception cref="ArgumentException">No regeling with that code exists in the code.</exception>
    public static IRegelingCalculator Voor(string code) => DefinitieVoor(code).Calculator;

    /// <exception cref="ArgumentException">Unknown code.</exception>
    public static RegelingDefinitie DefinitieVoor(string code) =>
        code is not null && Definities.TryGetValue(code, out var definitie)
            ? definitie
            : throw new ArgumentException(
                $"Onbekende regeling '{code}'; bekend zijn {string.Join(", ", RegelingCodes.Alle)}.", nameof(code));

    /// <summary>The sealed <see cref="AanvraagGegevens"/> type of <paramref name="code"/>, to deserialize an API
    /// `gegevens` object given the top-level `regeling` field (see <see cref="RegelsJson.LeesGegevens"/>).</summary>
    public static Type GegevensType(string code) => DefinitieVoor(code).GegevensType;

    /// <summary>The sealed <see cref="RegelParameters"/> type of <paramref name="code"/>.</summary>
    public static Type ParametersType(string code) => DefinitieVoor(code).ParametersType;

    /// <summary>The REGELINGEN.md values (e.g. <see cref="IwoParameters.Standaard"/>); the same values as rules
    /// version 1 in Catalogus/catalogus.json (a test keeps the two equal).</summary>
    public static RegelParameters StandaardParameters(string code) => DefinitieVoor(code).StandaardParameters;
}
