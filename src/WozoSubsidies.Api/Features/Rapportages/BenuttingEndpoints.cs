using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WozoSubsidies.Api.Infrastructure.Auth;

namespace WozoSubsidies.Api.Features.Rapportages;

/// <summary>The utilisation reports (issue 6, API.md): per regeling, year and tijdvak, from the async projection
/// "benutting". What a client may rely on: docs/read-models.md.</summary>
public static class BenuttingEndpoints
{
    public const string PositieHeader = "X-Projectie-Positie";
    public const string AchterstandHeader = "X-Projectie-Achterstand";

    public static IServiceCollection AddRapportagesFeatures(this IServiceCollection services) => services.AddScoped<BenuttingLezer>();

    public static IEndpointRouteBuilder MapRapportages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rapportages").WithTags("Rapportages").RequireAuthorization(Beleid.Rapportage);

        group.MapGet("/benutting", async Task<Results<Ok<BenuttingRapport>, ContentHttpResult>> (
                HttpContext http, BenuttingLezer lezer, CancellationToken ct, [FromQuery] string? regeling = null, [FromQuery] int? jaar = null) =>
            {
                var rapport = await lezer.LeesAsync(regeling, jaar, ct);
                Stand(http, rapport);
                return http.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase)
                    ? TypedResults.Text(BenuttingOpmaak.Csv(rapport), "text/csv; charset=utf-8")
                    : TypedResults.Ok(rapport);
            })
            .WithName("BenuttingLezen")
            .WithSummary("Benutting per tijdvak van een regeling (en jaar): plafond, aangevraagd, toegekend, in behandeling, afgewezen en " +
                "ingetrokken (aantal en bedrag) en benutting %. Met Accept: text/csv als CSV. De stand van de projectie staat in " +
                "'projectie' en in de headers X-Projectie-Positie en X-Projectie-Achterstand.")
            .Produces<BenuttingRapport>(200, "application/json", "text/csv")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        group.MapGet("/benutting.svg", async Task<ContentHttpResult> (
                HttpContext http, BenuttingLezer lezer, CancellationToken ct, [FromQuery] string? regeling = null, [FromQuery] int? jaar = null) =>
            {
                var rapport = await lezer.LeesAsync(regeling, jaar, ct);
                Stand(http, rapport);
                return TypedResults.Text(BenuttingOpmaak.SvgGrafiek(rapport), "image/svg+xml; charset=utf-8");
            })
            .WithName("BenuttingGrafiek")
            .WithSummary("De benutting als staafdiagram (SVG): toegekend tegen budgetplafond per tijdvak, met bedragen en benutting %.")
            .Produces<string>(200, "image/svg+xml")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        return app;
    }

    private static void Stand(HttpContext http, BenuttingRapport rapport)
    {
        http.Response.Headers[PositieHeader] = rapport.Projectie.Positie.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers[AchterstandHeader] = rapport.Projectie.AchterstandEvents.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
