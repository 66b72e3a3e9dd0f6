using Microsoft.AspNetCore.Http.HttpResults;
using Quartz;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Api.Infrastructure.EventSourcing;
using WozoSubsidies.Api.Infrastructure.Problems;
using WozoSubsidies.Api.Infrastructure.Scheduling;

namespace WozoSubsidies.Api.Features.Jobs;

/// <param name="Naam">The trigger's name: "dagelijks", "tijdvak-sluiten-{tijdvakId}", …</param>
public sealed record JobTrigger(string Naam, DateTimeOffset? VolgendeUitvoering, DateTimeOffset? VorigeUitvoering);

/// <param name="Dagelijks">Its daily schedule as a cron expression in Europe/Amsterdam, or null (only its own triggers).</param>
/// <param name="VolgendeUitvoering">The earliest next fire time over its triggers.</param>
/// <param name="LaatsteUitvoeringen">Its latest runs, newest first: node, start, end, outcome, changes.</param>
public sealed record JobOverzicht(
    string Naam,
    string Omschrijving,
    string? Dagelijks,
    DateTimeOffset? VolgendeUitvoering,
    IReadOnlyList<JobTrigger> Triggers,
    IReadOnlyList<JobUitvoeringDto> LaatsteUitvoeringen);

public sealed record JobsLezen : IRequest<IReadOnlyList<JobOverzicht>>;

public sealed class JobsLezenHandler(ISchedulerFactory factory, IEnumerable<JobRegistratie> registraties, JobUitvoeringen uitvoeringen)
    : IRequestHandler<JobsLezen, IReadOnlyList<JobOverzicht>>
{
    public const int AantalUitvoeringen = 10;

    public async Task<IReadOnlyList<JobOverzicht>> Handle(JobsLezen request, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var lijst = new List<JobOverzicht>();
        foreach (var r in registraties)
        {
            var triggers = await scheduler.QueryTriggers(new TriggerQuery { Job = SchedulingSetup.Sleutel(r.Naam), Take = 500 }, cancellationToken);
            var dto = triggers.Items
                .Select(t => new JobTrigger(t.Key.Name, t.NextFireTimeUtc, t.PreviousFireTimeUtc))
                .OrderBy(t => t.VolgendeUitvoering ?? DateTimeOffset.MaxValue).ToList();
            lijst.Add(new JobOverzicht(r.Naam, r.Omschrijving, r.Dagelijks, dto.Min(t => t.VolgendeUitvoering), dto,
                await uitvoeringen.LaatsteAsync(r.Naam, AantalUitvoeringen, cancellationToken)));
        }
        return lijst;
    }
}

/// <summary>Run a job now, on whichever node's scheduler picks it up (one run of a job at a time in the cluster).</summary>
public sealed record JobUitvoerenVerzoek(string Naam) : IRequest<JobUitvoeringDto>;

public sealed class JobUitvoerenHandler(
    ISchedulerFactory factory, IEnumerable<JobRegistratie> registraties, JobUitvoeringen uitvoeringen, RequestContext context, IConfiguration configuration)
    : IRequestHandler<JobUitvoerenVerzoek, JobUitvoeringDto>
{
    public async Task<JobUitvoeringDto> Handle(JobUitvoerenVerzoek r, CancellationToken cancellationToken)
    {
        if (!registraties.Any(j => j.Naam == r.Naam))
        {
            throw ApiProblem.NietGevonden($"Job {r.Naam}");
        }
        var id = Guid.NewGuid();
        var aanleiding = $"handmatig door {context.Actor.Id}";
        var data = new JobDataMap
        {
            [QuartzJob.UitvoeringSleutel] = id.ToString("D"),
            [QuartzJob.AanleidingSleutel] = aanleiding,
        };
        var scheduler = await factory.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(SchedulingSetup.Sleutel(r.Naam), data, cancellationToken);

        // Most runs take well under this; a longer one answers 202 with the run as it stands (GET /api/jobs follows it).
        var wacht = configuration.GetValue<TimeSpan?>("Jobs:WachtOpUitvoering") ?? TimeSpan.FromSeconds(10);
        var tot = DateTimeOffset.UtcNow + wacht;
        JobUitvoeringDto? stand = null;
        while (DateTimeOffset.UtcNow < tot)
        {
            stand = await uitvoeringen.LeesAsync(id, cancellationToken);
            if (stand is { Uitkomst: not JobUitkomst.Bezig })
            {
                return stand;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
        return stand ?? new JobUitvoeringDto(id, r.Naam, aanleiding, null, null, null, JobUitkomst.Ingepland, [], [], null, null);
    }
}

public static class JobsEndpoints
{
    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs").WithTags("Jobs");
        jobs.MapGet("", async Task<Ok<IReadOnlyList<JobOverzicht>>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new JobsLezen(), ct)))
            .RequireAuthorization(Beleid.Jobs)
            .WithName("JobsLezen").WithSummary("De geplande jobs: volgende uitvoering en de laatste uitvoeringen (knooppunt, begin, einde, uitkomst, wijzigingen).")
            .ProducesProblem(401).ProducesProblem(403);

        jobs.MapPost("/{naam}/uitvoering", async Task<Results<Ok<JobUitvoeringDto>, Accepted<JobUitvoeringDto>>> (string naam, ISender sender, CancellationToken ct) =>
            {
                var uitvoering = await sender.Send(new JobUitvoerenVerzoek(naam), ct);
                return uitvoering.Uitkomst is JobUitkomst.Ingepland or JobUitkomst.Bezig
                    ? TypedResults.Accepted("/api/jobs", uitvoering)
                    : TypedResults.Ok(uitvoering);
            })
            .RequireAuthorization(Beleid.Beheerder)
            .WithName("JobUitvoeren").WithSummary("Een job nu uitvoeren (beheerder): 200 met de uitvoering als die binnen enkele seconden klaar is, anders 202.")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        return app;
    }
}
