using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Tests.Regels;

/// <summary>One valid aanvraag per regeling, for the tests that go over all seven.</summary>
internal static class Voorbeelden
{
    public static IReadOnlyDictionary<string, (AanvraagGegevens Gegevens, decimal Bedrag)> Geldig { get; } =
        new Dictionary<string, (AanvraagGegevens, decimal)>
        {
            [RegelingCodes.Iwo] = (new IwoGegevens
            {
                Woonvorm = new IwoWoonvorm { AantalWoningen = 12, BestemdVoor55Plus = true, FysiekVerbonden = true },
                Jongeren =
                [
                    new IwoJongere { Geboortedatum = new(2001, 4, 30), HuurovereenkomstGetekendOp = new(2024, 2, 1), HuurkortingPerMaand = 175m, BegeleidingUrenPerMaand = 3m },
                    new IwoJongere { Geboortedatum = new(1998, 11, 2), HuurovereenkomstGetekendOp = new(2024, 2, 1), HuurkortingPerMaand = 200m, BegeleidingUrenPerMaand = 4m },
                ],
                Startdatum = new(2024, 2, 1),
                AantalMaanden = 6,
            }, 6 * (175m + 210m + 200m + 280m)),
            [RegelingCodes.Szgw] = (new SzgwGegevens
            {
                Woningen = 48,
                Nieuwbouw = true,
                WlzDoelgroep = true,
                Project = new SzgwProject { Naam = "Zorghof De Esch", Gemeente = "Zwolle" },
            }, 720_000m),
            [RegelingCodes.Soo] = (new SooGegevens
            {
                AantalWoningenComplex = 50,
                Ontmoetingsruimte = new SooOntmoetingsruimte { Nieuwbouw = true, OppervlakteM2 = 85.5m },
            }, 100_000m),
            [RegelingCodes.Stoz] = (new StozGegevens
            {
                Route = "Strategievorming",
                Doelen = ["Arbeidsverlichting", "LangerThuis"],
                Sector = "Verpleging en verzorging",
                SubsidiabeleKosten = 120_000m,
                LooptijdMaanden = 18,
            }, 60_000m),
            [RegelingCodes.Ioc] = (new IocGegevens
            {
                Sector = "sociaal domein",
                Innovatietype = "telemonitoring",
                Coachkosten = 9_680m,
                LooptijdMaanden = 5,
                Beroepsgroep = "maatschappelijk werk",
            }, 9_680m),
            [RegelingCodes.SpukDos] = (new SpukDosGegevens
            {
                Gemeenten = ["GM0503", "GM0637"],
                Onderwerp = "Arrangeur",
                Meerkosten = 410_000m,
                Businesscase = "Een arrangeur voorkomt opname; besparing in de Wlz volgens de maatschappelijke prijslijst.",
            }, 410_000m),
            [RegelingCodes.Reablement] = (new ReablementGegevens
            {
                Projectbegroting = 98_750m,
                LooptijdMaanden = 12,
                DeelnameLeertraject = true,
            }, 98_750m),
        };

    public static TheoryData<string> Codes() => [.. RegelingCodes.Alle];
}
