using Microsoft.OpenApi;

namespace WozoSubsidies.Api.Infrastructure.OpenApi;

/// <summary>The OpenAPI document at /swagger/v1/swagger.json and its UI at /swagger. The applicant portal is generated
/// from this document, so every route carries a name, summary and tags (ARCHITECTURE.md style rule 9).
/// The filters here make the conventions of API.md visible without anything per route: problem responses,
/// bearer security, exact decimals, the regeling-specific JSON with examples, and the headers. The test
/// OpenApiContractTests lints the document with Redocly and compiles a generated TypeScript client.</summary>
public static class OpenApiSetup
{
    public const string DocumentNaam = "v1";

    public static IServiceCollection AddWozoOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc(DocumentNaam, new OpenApiInfo
            {
                Title = "WozoSubsidies",
                Version = "v1",
                Description = "Regelingen, tijdvakken en aanvragen van het programma WOZO: indienen, beoordelen, toekennen, bevoorschotten en vaststellen. "
                    + "JSON in camelCase; bedragen zijn exacte decimalen in euro's (twee decimalen), datums yyyy-MM-dd (Europe/Amsterdam), "
                    + "momenten ISO 8601 met offset. Fouten volgen RFC 9457 (application/problem+json) met een stabiele `code`.",
            });
            o.AddSecurityDefinition(BearerBeveiligingFilter.Schema, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "Een JWT met de claims sub, role (aanvrager, behandelaar, auditor, beheerder) en org of uitvoerder.",
            });
            // Per operation, not for the whole document: the health probes need no token (BearerBeveiligingFilter).

            // A non-nullable reference type is required and never null, as the records say.
            o.SupportNonNullableReferenceTypes();
            o.NonNullableReferenceTypesAsRequired();
            o.CustomSchemaIds(SchemaIds.Voor);

            o.SchemaFilter<DecimaalSchemaFilter>();
            o.SchemaFilter<PolymorfieSchemaFilter>();
            o.SchemaFilter<RegelingSchemaFilter>();
            o.OperationFilter<BearerBeveiligingFilter>();
            o.OperationFilter<AntwoordenFilter>();
            o.OperationFilter<HeaderConventiesFilter>();
            o.OperationFilter<AanvraagVoorbeeldenFilter>();
            o.DocumentFilter<DocumentAfwerking>();
        });
        return services;
    }

    public static WebApplication UseWozoOpenApi(this WebApplication app)
    {
        app.UseSwagger(o => o.PreSerializeFilters.Add((document, request) =>
            // Relative: the service where the document was fetched (Swagger UI, a portal on the same origin); a client
            // generated elsewhere sets its base URL.
            document.Servers = [new OpenApiServer { Url = request.PathBase.HasValue ? request.PathBase.Value : "/", Description = "Deze omgeving" }]));
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint($"/swagger/{DocumentNaam}/swagger.json", "WozoSubsidies v1");
            o.DocumentTitle = "WozoSubsidies API";
        });
        return app;
    }
}
