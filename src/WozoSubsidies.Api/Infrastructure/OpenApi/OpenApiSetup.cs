using Microsoft.OpenApi;

namespace WozoSubsidies.Api.Infrastructure.OpenApi;

/// <summary>The OpenAPI document at /swagger/v1/swagger.json and its UI at /swagger. The applicant portal is generated
/// from this document, so every route carries a name, summary and tags (ARCHITECTURE.md style rule 9).</summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddWozoOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "WozoSubsidies",
                Version = "v1",
                Description = "Regelingen, tijdvakken en aanvragen van het programma WOZO: indienen, beoordelen, toekennen, bevoorschotten en vaststellen. Fouten volgen RFC 9457 met een stabiele `code`.",
            });
            o.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "Een JWT met de claims sub, role (aanvrager, behandelaar, auditor, beheerder) en org of uitvoerder.",
            });
            o.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference("bearer", document)] = [],
            });
        });
        return services;
    }

    public static WebApplication UseWozoOpenApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/swagger/v1/swagger.json", "WozoSubsidies v1");
            o.DocumentTitle = "WozoSubsidies API";
        });
        return app;
    }
}
