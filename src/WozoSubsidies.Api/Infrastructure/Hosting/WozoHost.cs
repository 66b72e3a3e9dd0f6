using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Infrastructure.Correlation;
using WozoSubsidies.Api.Infrastructure.Database;
using WozoSubsidies.Api.Infrastructure.OpenApi;
using WozoSubsidies.Api.Infrastructure.Problems;

namespace WozoSubsidies.Api.Infrastructure.Hosting;

public static class WozoHost
{
    /// <summary>The JSON conventions of the contract (API.md): camelCase, enums as strings, decimals as numbers.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
    }

    public static WebApplicationBuilder AddWozoSubsidies(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffzzz ";
            o.UseUtcTimestamp = true;
        });

        // A JSON API has no use for multi-megabyte bodies; larger ones get a 413 problem, never a 500.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1_048_576);

        builder.Services.Configure<JsonOptions>(o => Configure(o.SerializerOptions));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddWozoProblems();
        builder.Services.AddWozoDatabase(builder.Configuration);
        builder.Services.AddWozoAuth(builder.Configuration);
        builder.Services.AddWozoOpenApi();
        return builder;
    }

    public static WebApplication UseWozoSubsidies(this WebApplication app)
    {
        app.UseMiddleware<CorrelationMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWozoOpenApi();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapWozoSubsidies(this WebApplication app)
    {
        app.MapWozoHealth();
        // Unknown routes get a 404 problem (not an empty body) through the status code pages.
        return app;
    }
}
