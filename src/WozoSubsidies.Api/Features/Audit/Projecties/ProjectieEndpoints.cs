using Microsoft.AspNetCore.Http.HttpResults;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Projections;

namespace WozoSubsidies.Api.Features.Audit.Projecties;

/// <summary>Rebuilding a read model from the log (issue 6): start it (beheerder) and follow it (beheerder, auditor).</summary>
public static class ProjectieEndpoints
{
    public static IEndpointRouteBuilder MapProjecties(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit/projecties").WithTags("Audit");

        group.MapPost("/{naam}/herbouw", async Task<Accepted<HerbouwVoortgang>> (string naam, HerbouwService herbouw, CancellationToken ct) =>
                TypedResults.Accepted($"/api/audit/projecties/{naam}/herbouw", await herbouw.StartAsync(naam, ct)))
            .RequireAuthorization(Beleid.Beheerder)
            .WithName("ProjectieHerbouwen")
            .WithSummary("Herbouwt een leesmodel (regelingen, tijdvakken, aanvragen, benutting) uit het log; het live leesmodel blijft " +
                "antwoorden tot het herbouwde het vervangt. 202 met de voortgang; 409 als er al een herbouw loopt.")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        group.MapGet("/{naam}/herbouw", async Task<Ok<HerbouwVoortgang>> (string naam, HerbouwService herbouw, CancellationToken ct) =>
                TypedResults.Ok(await herbouw.LeesAsync(naam, ct)))
            .RequireAuthorization(Beleid.Jobs) // beheerder and auditor
            .WithName("ProjectieHerbouwVoortgang")
            .WithSummary("De voortgang van de laatste herbouw: events gedaan en totaal, snelheid, geschatte resttijd en status.")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        return app;
    }
}
