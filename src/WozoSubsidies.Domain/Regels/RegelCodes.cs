namespace WozoSubsidies.Domain.Regels;

/// <summary>Every <see cref="RegelOvertreding.Code"/> a calculator can produce. The codes are part of the API
/// (the problem `code`) and of stored events, so they never change once released; a new rule gets a new code.</summary>
public static class RegelCodes
{
    // Common to every regeling.
    public const string AanvragerTypeNietToegestaan = "aanvrager-type-niet-toegestaan";
    /// <summary>A required part of `gegevens` is null. The API's shape validation normally stops this first;
    /// the calculator still reports it rather than throwing.</summary>
    public const string GegevensOnvolledig = "gegevens-onvolledig";

    // IWO (001:736, 001:2789-2804)
    public const string IwoAantalJongeren = "iwo-aantal-jongeren";
    public const string IwoLeeftijdJongere = "iwo-leeftijd-jongere";
    public const string IwoMinimaalWoningen = "iwo-minimaal-woningen";
    public const string IwoNiet55Plus = "iwo-niet-55-plus";
    public const string IwoNietFysiekVerbonden = "iwo-niet-fysiek-verbonden";
    public const string IwoHuurkortingTarief = "iwo-huurkorting-tarief";
    public const string IwoBegeleidingUren = "iwo-begeleiding-uren";
    public const string IwoStartVoorAanvraagdatum = "iwo-start-voor-aanvraagdatum";
    public const string IwoAantalMaanden = "iwo-aantal-maanden";

    // SZGW (000:629-637)
    public const string SzgwAantalWoningen = "szgw-aantal-woningen";
    public const string SzgwGeenWlzDoelgroep = "szgw-geen-wlz-doelgroep";
    public const string SzgwProjectOnvolledig = "szgw-project-onvolledig";

    // SOO (000:640-653, 002:1766-1785)
    public const string SooAantalWoningen = "soo-aantal-woningen";
    public const string SooGeenGrootteklasse = "soo-geen-grootteklasse";
    public const string SooOppervlakte = "soo-oppervlakte";

    // STOZ (001:77-85, 001:3410-3432)
    public const string StozLooptijd = "stoz-looptijd";
    public const string StozRouteOnbekend = "stoz-route-onbekend";
    public const string StozDoelen = "stoz-doelen";
    public const string StozSectorOnbekend = "stoz-sector-onbekend";
    public const string StozSubsidiabeleKosten = "stoz-subsidiabele-kosten";

    // IOC (001:3443-3473, 001:2321)
    public const string IocMaximumBedrag = "ioc-maximum-bedrag";
    public const string IocCoachkosten = "ioc-coachkosten";
    public const string IocLooptijd = "ioc-looptijd";
    public const string IocSectorOnbekend = "ioc-sector-onbekend";
    public const string IocInnovatietypeOnbekend = "ioc-innovatietype-onbekend";
    public const string IocBeroepsgroepUitgesloten = "ioc-beroepsgroep-uitgesloten";
    public const string IocBeroepsgroepOntbreekt = "ioc-beroepsgroep-ontbreekt";
    public const string IocSamenwerkingOntbreekt = "ioc-samenwerking-ontbreekt";

    // SPUK-DOS (000:419-438, 001:1661-1720)
    public const string SpukDosGemeentenLeeg = "spuk-dos-gemeenten-leeg";
    public const string SpukDosGemeentecodeOngeldig = "spuk-dos-gemeentecode-ongeldig";
    public const string SpukDosGemeenteDubbel = "spuk-dos-gemeente-dubbel";
    public const string SpukDosOnderwerpOnbekend = "spuk-dos-onderwerp-onbekend";
    public const string SpukDosMeerkosten = "spuk-dos-meerkosten";
    public const string SpukDosBusinesscaseOntbreekt = "spuk-dos-businesscase-ontbreekt";

    // REABLEMENT (000:106-111, 001:428-432, 001:2676)
    public const string ReablementDeelnameLeertraject = "reablement-deelname-leertraject";
    public const string ReablementLooptijd = "reablement-looptijd";
    public const string ReablementProjectbegroting = "reablement-projectbegroting";
}
