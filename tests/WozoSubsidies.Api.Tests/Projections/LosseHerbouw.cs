using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using WozoSubsidies.Api.Projections;

namespace WozoSubsidies.Api.Tests.Projections;

/// <summary>A HerbouwService of its own for one projection, on a test's database, with a batch size the test chooses
/// (the service's own is set once per host).</summary>
internal static class LosseHerbouw
{
    public static HerbouwService Maak(NpgsqlDataSource dataSource, IProjection projection, int batchGrootte) =>
        new(dataSource, new ProjectionCatalogus([new ProjectionRegistratie(projection.Naam, ProjectionSoort.Async, _ => projection)]),
            new ServiceCollection().BuildServiceProvider(), Options.Create(new ProjectieOpties { BatchGrootte = batchGrootte }), TimeProvider.System,
            new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance), NullLogger<HerbouwService>.Instance);
}
