using System.Security.Claims;
using System.Text.Json;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Infrastructure.Correlation;
using WozoSubsidies.Api.Infrastructure.Hosting;
using WozoSubsidies.Domain;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Api.Infrastructure.EventSourcing;

public static class EventSourcingSetup
{
    /// <summary>Every domain event under its stable name from <see cref="DomeinEvents"/>, with the contract's JSON conventions.</summary>
    public static EventTypeRegistry CreateRegistry()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        WozoHost.Configure(options);
        var registry = new EventTypeRegistry(options);
        foreach (var (type, naam) in DomeinEvents.Alle)
        {
            registry.Register(type, naam);
        }
        return registry;
    }

    public static IServiceCollection AddWozoEventSourcing(this IServiceCollection services)
    {
        services.AddSingleton(_ => CreateRegistry());
        services.AddSingleton<PostgresEventStore>();
        services.AddScoped<RequestContext>();
        services.AddScoped<EventWriter>();
        services.AddSingleton<GroupCommit>();
        services.AddSingleton<StateCache>();
        services.AddScoped<Aggregates>();
        return services;
    }
}

/// <summary>Who acts, when, under which correlation id: what every command and every event's metadata needs.
/// `Nu` comes from the injected TimeProvider, once per request, so one request has one moment.</summary>
public sealed class RequestContext(IHttpContextAccessor accessor, TimeProvider time)
{
    private DateTimeOffset? _nu;

    public ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public DateTimeOffset Nu => _nu ??= time.GetUtcNow();

    private string? _correlationId;

    public string CorrelationId => _correlationId ??= accessor.HttpContext?.CorrelationId() ?? Guid.NewGuid().ToString("N");

    public string Rol => User.Claim("role") ?? "anoniem";

    public Actor Actor => OverriddenActor ?? new(User.Claim("sub") ?? "anoniem", Rol);

    public string? Org => User.Claim("org");

    public string? Uitvoerder => User.Claim("uitvoerder");

    /// <summary>A job acts as the system, with its own correlation id and clock reading.</summary>
    public Actor? OverriddenActor { get; set; }

    /// <summary>A scheduled job's command: the job is the actor, the run's id the correlation id (Infrastructure/Scheduling).</summary>
    public void AlsJob(Actor job, string uitvoeringId)
    {
        OverriddenActor = job;
        _correlationId = uitvoeringId;
    }

    public EventMetadata Metadata(string source, string? ruleVersion = null, string? causationId = null)
    {
        var actor = OverriddenActor ?? Actor;
        return new EventMetadata(actor.Id, actor.Rol, CorrelationId, causationId, source, ruleVersion);
    }
}
