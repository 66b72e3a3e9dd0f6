using Quartz;
using WozoSubsidies.Api.Infrastructure.Dispatching;

namespace WozoSubsidies.Api.Infrastructure.Scheduling;

/// <summary>Quartz.NET with its clustered AdoJobStore in the service's own database (ARCHITECTURE.md "Jobs"): every
/// node runs a scheduler on the same qrtz_* tables, each trigger fires on one node, and a node that stops checking in
/// has its running jobs recovered by another (RequestRecovery).</summary>
public static class SchedulingSetup
{
    public const string Groep = "wozo";
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static JobKey Sleutel(string naam) => new(naam, Groep);

    /// <summary>Registers a job: its type, and a daily cron trigger (Europe/Amsterdam) when it has one.</summary>
    public static IServiceCollection AddWozoJob<TJob>(this IServiceCollection services, string naam, string omschrijving, string? dagelijks = null)
        where TJob : class, IWozoJob
        => services.AddSingleton(new JobRegistratie(naam, omschrijving, typeof(TJob), dagelijks));

    public static IServiceCollection AddWozoScheduling(this IServiceCollection services, IConfiguration configuration, TimeProvider tijd)
    {
        services.AddSingleton<JobUitvoeringen>();
        services.AddSingleton<TijdvakTriggers>();
        services.AddHostedService<TriggerSynchronisatie>();
        var connectionString = configuration.GetConnectionString("Wozo")!;
        var knooppunt = configuration["Jobs:Knooppunt"];
        var checkin = configuration.GetValue<TimeSpan?>("Jobs:Checkin") ?? TimeSpan.FromSeconds(7.5);
        // Off: no daily or per-tijdvak triggers, only runs asked for through the API. For in-process tests of other
        // features that move the clock and must not have a job act between their steps. On by default.
        var triggers = configuration.GetValue("Jobs:Triggers", true);
        services.AddSingleton(new TriggerInstelling(triggers));

        // The jobs registered so far (AddJobsFeatures runs first): each a durable job detail, with its daily trigger.
        var registraties = services.Where(d => d.ServiceType == typeof(JobRegistratie))
            .Select(d => (JobRegistratie)d.ImplementationInstance!).ToList();
        services.AddQuartz(q =>
        {
            foreach (var r in registraties)
            {
                var sleutel = Sleutel(r.Naam);
                q.AddJob<QuartzJob>(j => j.WithIdentity(sleutel).StoreDurably().RequestRecovery().DisallowConcurrentExecution().WithDescription(r.Omschrijving));
                if (triggers && r.Dagelijks is { } cron)
                {
                    // Misfire "fire and proceed": after downtime a missed day runs once on recovery, not once per missed day.
                    q.AddTrigger<QuartzJob>(t => t.ForJob(sleutel).WithIdentity($"{r.Naam}-dagelijks", Groep)
                        .WithCronSchedule(cron, c => c.InTimeZone(Amsterdam).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
                }
            }
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "wozo-subsidies";
                // A stable node name (e.g. the pod name) reads better in /api/jobs; unset, Quartz generates one per start.
                if (!string.IsNullOrWhiteSpace(knooppunt))
                {
                    o.InstanceId = knooppunt;
                }
                o.DefaultTimeZone = Amsterdam;
            });
            q.UseTimeProvider(tijd);
            q.UsePersistentStore(s =>
            {
                s.UsePostgres(connectionString);
                s.UseClustering(c =>
                {
                    c.CheckinInterval = checkin;
                    c.CheckinMisfireThreshold = checkin;
                });
                s.ProvisionSchema();
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = false);
        return services;
    }

    /// <summary>Whether this node keeps the schedule's triggers (Jobs:Triggers).</summary>
    public sealed record TriggerInstelling(bool Aan);

    /// <summary>After a tijdvak is planned or its plafond changed through the API, its open and close triggers follow.</summary>
    public static IServiceCollection AddTijdvakTriggers<TRequest>(this IServiceCollection services)
        where TRequest : IRequest<Features.Tijdvakken.TijdvakDetail>
        => services.AddScoped<IPipelineBehavior<TRequest, Features.Tijdvakken.TijdvakDetail>, TijdvakTriggersBijwerken<TRequest>>();
}
