using System.Text.Json;
using System.Text.Json.Nodes;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Api.Infrastructure.OpenApi;

/// <summary>One example aanvraag of a regeling, as the OpenAPI document shows it.</summary>
/// <param name="Regeling">The code, e.g. IWO.</param>
/// <param name="Samenvatting">One Dutch line for the example's name in Swagger UI.</param>
/// <param name="AanvragerType">An aanvrager type the standard parameters admit.</param>
/// <param name="Gegevens">The `gegevens` object as a client sends it, with its "regeling" discriminator first.</param>
public sealed record AanvraagVoorbeeld(
    string Regeling,
    string Samenvatting,
    string KvkNummer,
    string AanvragerNaam,
    string AanvragerType,
    JsonObject Gegevens);

/// <summary>A valid aanvraag per regeling for the OpenAPI document: every example passes
/// <see cref="IRegelingCalculator.Beoordeel"/> with the standard parameters (rules version 1 of the default catalogue)
/// for an aanvraag submitted on <c>vandaag</c> (a unit test keeps it so). The examples are built from the domain types
/// and serialized the way <see cref="RegelsJson"/> reads them, so a renamed field cannot drift unnoticed.</summary>
public static class AanvraagVoorbeelden
{
    /// <summary>The examples in the order of <see cref="RegelingCodes.Alle"/>. Only IWO depends on the day: its
    /// activities start on the first of next month, so the example stays valid whenever the document is read.</summary>
    public static IReadOnlyList<AanvraagVoorbeeld> Alle(DateOnly vandaag) =>
        RegelingCodes.Alle.Select(code => Voor(code, vandaag)).ToList();

    /// <exception cref="ArgumentException">A regeling without an example: add one here when a regeling is added.</exception>
    public static AanvraagVoorbeeld Voor(string regeling, DateOnly vandaag) => regeling switch
    {
        RegelingCodes.Iwo => Iwo(vandaag),
        RegelingCodes.Szgw => new(regeling, "SZGW: 48 zorggeschikte nieuwbouwwoningen voor mensen met een Wlz-indicatie",
            "30012345", "Woonstichting De Esch", "woningcorporatie", Json(new SzgwGegevens
            {
                Woningen = 48,
                Nieuwbouw = true,
                WlzDoelgroep = true,
                Project = new SzgwProject { Naam = "Zorghof De Esch", Gemeente = "Zwolle" },
            })),
        RegelingCodes.Soo => new(regeling, "SOO: een nieuwe ontmoetingsruimte in een complex van 50 woningen",
            "30023456", "Woningcorporatie Het Anker", "woningcorporatie", Json(new SooGegevens
            {
                AantalWoningenComplex = 50,
                Ontmoetingsruimte = new SooOntmoetingsruimte { Nieuwbouw = true, OppervlakteM2 = 85.5m },
            })),
        RegelingCodes.Stoz => new(regeling, "STOZ: strategievorming voor arbeidsverlichting en langer thuis wonen",
            "30034567", "Zorggroep Oost", "zorgaanbieder", Json(new StozGegevens
            {
                Route = "Strategievorming",
                Doelen = ["Arbeidsverlichting", "LangerThuis"],
                Sector = "Verpleging en verzorging",
                SubsidiabeleKosten = 120_000m,
                LooptijdMaanden = 18,
            })),
        RegelingCodes.Ioc => new(regeling, "IOC: coaching bij het opschalen van telemonitoring",
            "30045678", "Welzijn Plus", "zorgaanbieder", Json(new IocGegevens
            {
                Sector = "sociaal domein",
                Innovatietype = "telemonitoring",
                Coachkosten = 9_680m,
                LooptijdMaanden = 5,
                Beroepsgroep = "maatschappelijk werk",
            })),
        RegelingCodes.SpukDos => new(regeling, "SPUK-DOS: twee gemeenten vragen de meerkosten van een arrangeur aan",
            "00000001002564440000", "Gemeente Leiden (penvoerder)", "gemeente", Json(new SpukDosGegevens
            {
                Gemeenten = ["GM0546", "GM0626"],
                Onderwerp = "Arrangeur",
                Meerkosten = 410_000m,
                Businesscase = "Een arrangeur voorkomt opname; de besparing in de Wlz is berekend met de maatschappelijke prijslijst.",
            })),
        RegelingCodes.Reablement => new(regeling, "Reablement: een project van 12 maanden dat deelneemt aan het leertraject",
            "30056789", "Thuiszorg Midden", "zorgaanbieder", Json(new ReablementGegevens
            {
                Projectbegroting = 98_750m,
                LooptijdMaanden = 12,
                DeelnameLeertraject = true,
            })),
        _ => throw new ArgumentException($"Voor regeling '{regeling}' is geen voorbeeld; voeg er een toe in {nameof(AanvraagVoorbeelden)}.", nameof(regeling)),
    };

    /// <summary>The standard parameters of <paramref name="regeling"/> as a beheerder sends them.</summary>
    public static JsonObject Parameters(string regeling) =>
        MetRegeling(regeling, JsonSerializer.SerializeToNode(
            RegelingCalculators.StandaardParameters(regeling), RegelingCalculators.ParametersType(regeling), RegelsJson.Opties)!.AsObject());

    /// <summary>A full request body for <c>POST /api/aanvragen</c>.</summary>
    public static JsonObject Verzoek(AanvraagVoorbeeld voorbeeld) => new()
    {
        ["regeling"] = voorbeeld.Regeling,
        ["aanvrager"] = new JsonObject
        {
            ["kvkNummer"] = voorbeeld.KvkNummer,
            ["naam"] = voorbeeld.AanvragerNaam,
            ["type"] = voorbeeld.AanvragerType,
        },
        ["gegevens"] = voorbeeld.Gegevens.DeepClone(),
    };

    private static AanvraagVoorbeeld Iwo(DateOnly vandaag)
    {
        var start = new DateOnly(vandaag.Year, vandaag.Month, 1).AddMonths(1);
        var getekend = start.AddDays(-14);
        return new(RegelingCodes.Iwo, "IWO: twee jongeren in een hofje voor 55-plussers, twaalf maanden",
            "30067890", "Stichting Hofwonen", "woningcorporatie", Json(new IwoGegevens
            {
                Woonvorm = new IwoWoonvorm { AantalWoningen = 12, BestemdVoor55Plus = true, FysiekVerbonden = true },
                Jongeren =
                [
                    // 23 and 27 years old on the day they sign: well inside 18 to 30.
                    new IwoJongere { Geboortedatum = getekend.AddYears(-23).AddDays(-40), HuurovereenkomstGetekendOp = getekend, HuurkortingPerMaand = 175m, BegeleidingUrenPerMaand = 3m },
                    new IwoJongere { Geboortedatum = getekend.AddYears(-27).AddDays(-200), HuurovereenkomstGetekendOp = getekend, HuurkortingPerMaand = 200m, BegeleidingUrenPerMaand = 4m },
                ],
                Startdatum = start,
                AantalMaanden = 12,
            }));
    }

    // Serialized as the concrete type (so without discriminator), then the discriminator put first, as the document asks.
    private static JsonObject Json(AanvraagGegevens gegevens) =>
        MetRegeling(gegevens.RegelingCode, JsonSerializer.SerializeToNode(gegevens, gegevens.GetType(), RegelsJson.Opties)!.AsObject());

    private static JsonObject MetRegeling(string regeling, JsonObject json)
    {
        var resultaat = new JsonObject { ["regeling"] = regeling };
        foreach (var (naam, waarde) in ZonderNull(json).ToList())
        {
            json.Remove(naam);
            resultaat[naam] = waarde;
        }
        return resultaat;
    }

    // The API leaves nulls out (JsonIgnoreCondition.WhenWritingNull); the examples do the same.
    private static JsonObject ZonderNull(JsonObject json)
    {
        foreach (var (naam, waarde) in json.ToList())
        {
            switch (waarde)
            {
                case null:
                    json.Remove(naam);
                    break;
                case JsonObject genest:
                    ZonderNull(genest);
                    break;
                case JsonArray lijst:
                    foreach (var element in lijst.OfType<JsonObject>())
                    {
                        ZonderNull(element);
                    }
                    break;
            }
        }
        return json;
    }
}
