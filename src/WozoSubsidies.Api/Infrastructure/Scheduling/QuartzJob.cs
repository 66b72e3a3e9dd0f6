using Quartz;

namespace WozoSubsidies.Api.Infrastructure.Scheduling;

/// <summary>The one Quartz job type: it looks up the service's job by its key, records the run (node, start, end,
/// outcome, changes) and runs it. Every job detail is durable, disallows concurrent execution (one run of a job at a
/// time in the cluster) and requests recovery (a run whose node died is run again by another node).</summary>
public sealed partial class QuartzJob(
    IServiceProvider services,
    IServiceScopeFactory scopes,
    JobUitvoeringen uitvoeringen,
    IEnumerable<JobRegistratie> registraties,
    TimeProvider tijd,
    IConfiguration configuration,
    ILogger<QuartzJob> logger) : IJob
{
    public const string UitvoeringSleutel = "uitvoeringId";
    public const string AanleidingSleutel = "aanleiding";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var naam = context.JobDetail.Key.Name;
        var registratie = registraties.Single(r => r.Naam == naam);
        var knooppunt = context.Scheduler.SchedulerInstanceId;
        var data = context.MergedJobDataMap;
        var gevraagd = data.TryGetString(UitvoeringSleutel, out var tekst) && Guid.TryParse(tekst, out var g) ? g : (Guid?)null;
        var aanleiding = data.TryGetString(AanleidingSleutel, out var a) && a is not null ? a : context.Trigger.Key.Name;

        // A recovered firing (its node died) is a new run; the dead node's run is marked Onderbroken and named here.
        Guid? herstelVan = null;
        if (context.Recovering)
        {
            var onderbroken = await uitvoeringen.OnderbrekenAsync(naam, knooppunt, tijd.GetUtcNow(), cancellationToken);
            herstelVan = gevraagd ?? (onderbroken.Count > 0 ? onderbroken[0] : null);
            gevraagd = null;
        }
        var id = gevraagd ?? Guid.NewGuid();
        await uitvoeringen.GestartAsync(id, naam, aanleiding, knooppunt, tijd.GetUtcNow(), herstelVan, cancellationToken);
        var uitvoering = new JobUitvoering(id, naam, scopes, tijd)
        {
            TijdvakId = data.TryGetString(TijdvakTriggers.TijdvakSleutel, out var t) && Guid.TryParse(t, out var tijdvakId) ? tijdvakId : null,
        };
        try
        {
            // Test-only knob (documented in the README): hold the run open so a test can kill its node mid-run.
            if (configuration.GetValue<TimeSpan?>($"Jobs:Vertraging:{naam}") is { } vertraging)
            {
                await Task.Delay(vertraging, cancellationToken);
            }
            var job = (IWozoJob)ActivatorUtilities.CreateInstance(services, registratie.Type);
            await job.VoerUitAsync(uitvoering, cancellationToken);
            await uitvoeringen.BeeindigdAsync(id, JobUitkomst.Geslaagd, tijd.GetUtcNow(), uitvoering, null, CancellationToken.None);
            LogGeslaagd(logger, naam, id, uitvoering.Wijzigingen.Count);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await uitvoeringen.BeeindigdAsync(id, JobUitkomst.Onderbroken, tijd.GetUtcNow(), uitvoering, "Het knooppunt stopte tijdens de uitvoering.", CancellationToken.None);
            throw;
        }
#pragma warning disable CA1031 // a failed run is recorded, not thrown at the scheduler: the next trigger tries again
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogMislukt(logger, e, naam, id);
            await uitvoeringen.BeeindigdAsync(id, JobUitkomst.Mislukt, tijd.GetUtcNow(), uitvoering, e.Message, CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} run {Uitvoering} done: {Wijzigingen} changes")]
    private static partial void LogGeslaagd(ILogger logger, string job, Guid uitvoering, int wijzigingen);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} run {Uitvoering} failed")]
    private static partial void LogMislukt(ILogger logger, Exception e, string job, Guid uitvoering);
}
