using System.Globalization;
using System.Text.Json;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Benchmarks;

// Events shaped like the domain's (src/WozoSubsidies.Domain/Aanvragen/AanvraagEvents.cs) without referencing it:
// the harness measures the event store, and the domain's records change under other people's hands.
// Sizes are what matters: an ingediend event is ~600 bytes of JSON, the others ~250-350.

public sealed record Actor(string Id, string Rol);

public sealed record Aanvrager(string Naam, string KvkNummer, string Straat, string Postcode, string Plaats, string Email);

public sealed record AanvraagIngediend(
    Guid AanvraagId,
    string RegelingCode,
    Guid TijdvakId,
    Aanvrager Aanvrager,
    string Omschrijving,
    decimal AangevraagdBedrag,
    DateOnly StartDatum,
    int RegelsVersie,
    int BeslistermijnWeken,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag);

public sealed record AanvraagPlaatsToegewezen(
    Guid AanvraagId,
    decimal BeslagVoor,
    decimal BeslagNa,
    int? WachtlijstPositieVoor,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag);

public sealed record AanvullingGevraagd(
    Guid AanvraagId,
    string Omschrijving,
    int TermijnDagen,
    DateOnly Uiterlijk,
    decimal BeslagVoor,
    DateTimeOffset Op,
    Actor Door,
    string Grondslag);

/// <summary>Makes realistic events and metadata. One per worker: it is not thread-safe.</summary>
public sealed class EventFactory(int seed)
{
    private static readonly string[] Regelingen = ["SOO", "IWO", "STOZ", "SZGW", "SPUK-DOS", "IOC"];
    private static readonly string[] Plaatsen = ["Utrecht", "Zwolle", "Groningen", "Eindhoven", "Den Haag", "Maastricht"];
    private static readonly string[] Sources = ["IndienenAanvraag", "job:dagverwerking", "VraagAanvullingAan"];

    // A reproducible mix of values per worker (SplitMix64); System.Random would do, but this is all it needs.
    private ulong _state = (ulong)seed * 0x9E3779B97F4A7C15UL + 1;
    private long _sequence;

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    public static EventTypeRegistry CreateRegistry() => new EventTypeRegistry(JsonOptions)
        .Register<AanvraagIngediend>("aanvraag-ingediend.v1")
        .Register<AanvraagPlaatsToegewezen>("aanvraag-plaats-toegewezen.v1")
        .Register<AanvullingGevraagd>("aanvulling-gevraagd.v1");

    /// <summary>An event of the usual mix: 60% ingediend, 25% plaats toegewezen, 15% aanvulling gevraagd.</summary>
    public object NextEvent()
    {
        var n = _sequence++;
        var aanvraagId = Guid.NewGuid();
        var op = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero).AddSeconds(n);
        var door = new Actor($"sub|{Next(100_000, 999_999)}", "aanvrager");
        return (n % 20) switch
        {
            < 12 => new AanvraagIngediend(
                aanvraagId,
                Regelingen[n % Regelingen.Length],
                Guid.NewGuid(),
                new Aanvrager(
                    $"Zorginstelling De Linde {n}",
                    Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
                    $"Lindelaan {Next(1, 400)}",
                    $"{Next(1000, 9999)} AB",
                    Plaatsen[n % Plaatsen.Length],
                    $"subsidies{n}@delinde.example.nl"),
                "Opleiding van 12 verzorgenden niveau 3 tot verpleegkundige niveau 4, inclusief praktijkbegeleiding.",
                Next(1_000_00, 250_000_00) / 100m,
                new DateOnly(2025, 1, 1).AddDays((int)(n % 365)),
                3,
                13,
                op,
                door,
                "Awb 4:1; Regeling " + Regelingen[n % Regelingen.Length] + " art. 5"),
            < 17 => new AanvraagPlaatsToegewezen(
                aanvraagId,
                Next(0, 5_000_000_00) / 100m,
                Next(5_000_000_00, 9_000_000_00) / 100m,
                n % 3 == 0 ? (int)Next(1, 500) : null,
                op,
                new Actor("job:dagverwerking", "systeem"),
                "Regeling art. 7: verdeling op volgorde van binnenkomst"),
            _ => new AanvullingGevraagd(
                aanvraagId,
                "Graag de begroting per deelnemer en de bevestiging van de opleidingsinstelling aanleveren.",
                14,
                DateOnly.FromDateTime(op.UtcDateTime).AddDays(14),
                Next(1_000_00, 250_000_00) / 100m,
                op,
                door,
                "Awb 4:5"),
        };
    }

    public EventMetadata NextMetadata() => new(
        $"sub|{Next(100_000, 999_999)}",
        "aanvrager",
        Guid.NewGuid().ToString("N"),
        Guid.NewGuid().ToString("N"),
        Sources[_sequence % Sources.Length],
        "2025.1");

    public EventToAppend NextToAppend() => new(Guid.NewGuid(), NextEvent(), NextMetadata());

    private long Next(long min, long max)
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return min + (long)(z % (ulong)(max - min));
    }
}
