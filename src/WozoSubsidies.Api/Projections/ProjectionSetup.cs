using WozoSubsidies.EventStore;

namespace WozoSubsidies.Api.Projections;

public static class ProjectionSetup
{
    /// <summary>The read models that can be rebuilt, the daemon for the async ones, and the rebuild service.</summary>
    public static IServiceCollection AddWozoProjecties(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ProjectieOpties>(configuration.GetSection("Projecties"));
        services.AddSingleton(new ProjectionRegistratie(BenuttingProjection.Name, ProjectionSoort.Async, _ => new BenuttingProjection()));
        services.AddSingleton(new ProjectionRegistratie(RegelingenProjection.Name, ProjectionSoort.Inline,
            sp => new RegelingenProjection(sp.GetRequiredService<EventTypeRegistry>())));
        services.AddSingleton(new ProjectionRegistratie(TijdvakkenProjection.Name, ProjectionSoort.Inline,
            sp => new TijdvakkenProjection(sp.GetRequiredService<EventTypeRegistry>())));
        services.AddSingleton(new ProjectionRegistratie(AanvragenProjection.Name, ProjectionSoort.Inline,
            sp => new AanvragenProjection(sp.GetRequiredService<EventTypeRegistry>())));
        services.AddSingleton<ProjectionCatalogus>();
        services.AddSingleton<HerbouwService>();
        services.AddHostedService<ProjectionDaemon>();
        return services;
    }
}
