using WozoSubsidies.Api.Features.Aanvragen.Aanvullingstermijn;
using WozoSubsidies.Api.Features.Aanvragen.Beslistermijn;
using WozoSubsidies.Api.Features.Tijdvakken;
using WozoSubsidies.Api.Features.Tijdvakken.Herverdeling;
using WozoSubsidies.Api.Features.Tijdvakken.Openen;
using WozoSubsidies.Api.Features.Tijdvakken.Sluiten;
using WozoSubsidies.Api.Features.Tijdvakken.Vrijval;
using WozoSubsidies.Api.Features.Toewijzing.Dagafsluiting;
using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Api.Infrastructure.Scheduling;

namespace WozoSubsidies.Api.Features.Jobs;

/// <summary>The jobs of LIFECYCLE.md, their commands, and their daily schedules (Europe/Amsterdam). The openen and
/// sluiten jobs fire mainly from each tijdvak's own triggers; their daily run is the safety net.</summary>
public static class JobsSetup
{
    public static IServiceCollection AddJobsFeatures(this IServiceCollection services) => services
        .AddHandler<JobsLezen, IReadOnlyList<JobOverzicht>, JobsLezenHandler>()
        .AddHandler<JobUitvoerenVerzoek, Infrastructure.Scheduling.JobUitvoeringDto, JobUitvoerenHandler>()
        .AddHandler<TijdvakOpenenVerzoek, TijdvakDetail, TijdvakOpenenHandler>()
        .AddHandler<DagenAfsluitenVerzoek, int, DagenAfsluitenHandler>()
        .AddHandler<DefinitiefVerklarenVerzoek, TijdvakDetail, DefinitiefVerklarenHandler>()
        .AddHandler<BeslistermijnSignalerenVerzoek, BeslistermijnSignaal?, BeslistermijnSignalerenHandler>()
        .AddHandler<BuitenBehandelingStellenVerzoek, bool, BuitenBehandelingStellenHandler>()
        .AddTijdvakTriggers<TijdvakPlannenVerzoek>()
        .AddTijdvakTriggers<BudgetplafondWijzigenVerzoek>()
        .AddTijdvakTriggers<TijdvakSluitenVerzoek>()
        .AddTijdvakTriggers<TijdvakOpenenVerzoek>()
        .AddWozoJob<TijdvakOpenenJob>(TijdvakTriggers.Openen, "Opent elk gepland tijdvak op zijn openingsdatum.", "0 15 0 * * ?")
        .AddWozoJob<TijdvakSluitenJob>(TijdvakTriggers.Sluiten, "Sluit elk open tijdvak aan het eind van zijn sluitingsdatum (loting waar nodig).", "0 15 0 * * ?")
        .AddWozoJob<DagafsluitingJob>("dagafsluiting", "Verdeelt na middernacht de aanvragen van de afgelopen dagen (volgorde van binnenkomst, loting).", "0 5 0 * * ?")
        .AddWozoJob<HerverdelingJob>("herverdeling", "Verklaart gesloten tijdvakken definitief zodra alles beslist is en herverdeelt het onbestede budget; op een ingestelde herverdelingsdatum al eerder.", "0 0 1 * * ?")
        .AddWozoJob<VrijvalJob>("vrijval", "Herverdeelt budget dat na de herverdeling vrijviel (intrekking, lagere vaststelling).", "0 30 1 * * ?")
        .AddWozoJob<BeslistermijnJob>("beslistermijn", "Signaleert onbesliste aanvragen waarvan de beslistermijn bijna of al verstreken is.", "0 0 6 * * ?")
        .AddWozoJob<AanvullingstermijnJob>("aanvullingstermijn", "Stelt aanvragen buiten behandeling waarvan de aanvullingstermijn ongebruikt verstreek.", "0 30 0 * * ?");
}
