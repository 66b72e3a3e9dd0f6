using System.Text.Json.Serialization;

namespace WozoSubsidies.Domain.Regelingen;

/// <summary>The agency that runs a regeling (LIFECYCLE.md glossary; REGELINGEN.md table).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Uitvoerder>))]
public enum Uitvoerder
{
    DusI,
    Rvo,
    ZonMw,
    Vws,
    Zorgkantoor,
}

/// <summary>How the budget of a tijdvak is divided (LIFECYCLE.md "Budget of a tijdvak").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Verdeelmethode>))]
public enum Verdeelmethode
{
    /// <summary>First come, first served by the moment of complete receipt; a lottery orders the day the plafond is crossed (Awb 4:25 lid 2).</summary>
    VolgordeVanBinnenkomst,

    /// <summary>Tender: all aanvragen are scored and granted in score order when the tijdvak closes.</summary>
    Rangschikking,
}

/// <summary>Where unspent budget of a final tijdvak goes (LIFECYCLE.md jobs, "herverdeling").</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "soort")]
[JsonDerivedType(typeof(VolgendeTijdvak), "volgende-tijdvak")]
[JsonDerivedType(typeof(Elders), "elders")]
[JsonDerivedType(typeof(ProgrammaReserve), "programma-reserve")]
public abstract record Herverdelingsbeleid
{
    private Herverdelingsbeleid()
    {
    }

    /// <summary>The default: the budget returns to the programme reserve (LIFECYCLE.md "the default returns it to the programme reserve").</summary>
    public static Herverdelingsbeleid Standaard { get; } = new ProgrammaReserve();

    /// <summary>IOC: unspent budget of round n raises the plafond of round n+1 (001:2354).</summary>
    public sealed record VolgendeTijdvak : Herverdelingsbeleid;

    /// <summary>IWO: "elders gealloceerd" (001:750); <paramref name="Bestemming"/> names where it goes.</summary>
    public sealed record Elders(string Bestemming) : Herverdelingsbeleid;

    public sealed record ProgrammaReserve : Herverdelingsbeleid;
}
