using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Domain.Gedeeld;

namespace WozoSubsidies.Api.Infrastructure.Scheduling;

/// <summary>A scheduled job of the service: thin, it finds what is due and dispatches ordinary commands through
/// <see cref="JobUitvoering.StuurAsync{T}"/>. Running it twice changes nothing the second time.</summary>
public interface IWozoJob
{
    Task VoerUitAsync(JobUitvoering uitvoering, CancellationToken cancellationToken);
}

/// <param name="Naam">The job's name in the API (/api/jobs/{naam}) and its Quartz job key.</param>
/// <param name="Dagelijks">A cron expression in Europe/Amsterdam for its daily trigger, or null when only per-item
/// triggers (a tijdvak's open and close moments) and manual runs start it.</param>
public sealed record JobRegistratie(string Naam, string Omschrijving, Type Type, string? Dagelijks);

/// <summary>One thing a run changed (or, in <see cref="JobUitvoering.Overgeslagen"/>, left alone and why).</summary>
/// <param name="Onderwerp">What it is about, e.g. "tijdvak 3f2c…" or "aanvraag 9a1b…".</param>
public sealed record JobWijziging(string Onderwerp, string Omschrijving);

/// <summary>The run a job is in: who it acts as, what it changed, and the way to dispatch its commands. Each command
/// gets a scope of its own (fresh aggregates, like a request) with the job as actor and the run's id as correlation id.</summary>
public sealed class JobUitvoering(Guid id, string naam, IServiceScopeFactory scopes, TimeProvider tijd)
{
    private readonly List<JobWijziging> _wijzigingen = [];
    private readonly List<JobWijziging> _overgeslagen = [];

    public Guid Id { get; } = id;

    public string Naam { get; } = naam;

    /// <summary>The actor in every event a job's command causes: the job itself, in the role "systeem".</summary>
    public Actor Actor => new($"job:{Naam}", Actor.Systeem.Rol);

    /// <summary>The tijdvak a per-tijdvak trigger fired for; null for a daily or manual run, which sweeps all that are due.</summary>
    public Guid? TijdvakId { get; init; }

    public IReadOnlyList<JobWijziging> Wijzigingen => _wijzigingen;

    public IReadOnlyList<JobWijziging> Overgeslagen => _overgeslagen;

    public void Gewijzigd(string onderwerp, string omschrijving) => _wijzigingen.Add(new JobWijziging(onderwerp, omschrijving));

    public void Overslaan(string onderwerp, string reden) => _overgeslagen.Add(new JobWijziging(onderwerp, reden));

    /// <summary>Dispatches one command for one item; a business rule or client-facing refusal of that item is
    /// recorded as skipped (with its code) so the other items still get their turn. Returns false when refused.</summary>
    public async Task<(bool Gelukt, T? Antwoord)> ProbeerAsync<T>(string onderwerp, IRequest<T> request, CancellationToken cancellationToken)
    {
        try
        {
            return (true, await StuurAsync(request, cancellationToken));
        }
        catch (RegelSchending e)
        {
            Overslaan(onderwerp, $"{e.Code}: {e.Message}");
        }
        catch (Problems.ApiProblem e)
        {
            Overslaan(onderwerp, $"{e.Code}: {e.Message}");
        }
        return (false, default);
    }

    public async Task<T> StuurAsync<T>(IRequest<T> request, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<EventSourcing.RequestContext>().AlsJob(Actor, Id.ToString("N"));
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request, cancellationToken);
    }

    /// <summary>Reads what is due (read models, aggregates) in a scope of its own.</summary>
    public async Task<T> LeesAsync<T>(Func<IServiceProvider, Task<T>> lees)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await lees(scope.ServiceProvider);
    }

    /// <summary>The moment as the handlers see it (the injected TimeProvider).</summary>
    public DateTimeOffset Nu => tijd.GetUtcNow();
}
