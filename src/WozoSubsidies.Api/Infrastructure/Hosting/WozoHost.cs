using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using FluentValidation;
using WozoSubsidies.Api.Features.Aanvragen;
using WozoSubsidies.Api.Features.Jobs;
using WozoSubsidies.Api.Features.Audit;
using WozoSubsidies.Api.Features.Audit.Projecties;
using WozoSubsidies.Api.Features.Rapportages;
using WozoSubsidies.Api.Features.Regelingen;
using WozoSubsidies.Api.Features.Tijdvakken;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Api.Infrastructure.EventSourcing;
using WozoSubsidies.Api.Infrastructure.Idempotency;
using WozoSubsidies.Api.Infrastructure.Correlation;
using WozoSubsidies.Api.Infrastructure.Database;
using WozoSubsidies.Api.Infrastructure.OpenApi;
using WozoSubsidies.Api.Infrastructure.Problems;
using WozoSubsidies.Api.Infrastructure.Scheduling;
using WozoSubsidies.Api.Projections;

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
        // jsonb stores keys in its own order, so a polymorphic discriminator ("regeling") read back from the
        // event store is rarely the first property.
        options.AllowOutOfOrderMetadataProperties = true;
    }

    public const long MaxRequestBodyBytes = 1_048_576;

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
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        builder.Services.Configure<JsonOptions>(o => Configure(o.SerializerOptions));
        var tijd = VerschovenTijd.Uit(builder.Configuration); // TimeProvider.System unless a test moves it (Klok:Verschuiving)
        builder.Services.AddSingleton(tijd);
        builder.Services.AddWozoProblems();
        builder.Services.AddWozoDatabase(builder.Configuration);
        builder.Services.AddWozoAuth(builder.Configuration);
        builder.Services.AddWozoOpenApi();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddWozoDispatching();
        builder.Services.AddWozoEventSourcing();
        builder.Services.AddWozoIdempotency();
        // FluentValidation's DI package does not restore here: register validators with its own scanner. Singletons: they
        // hold no state, and building one (its rules, its regexes) per request cost measurable CPU under load.
        foreach (var v in AssemblyScanner.FindValidatorsInAssembly(typeof(WozoHost).Assembly))
        {
            builder.Services.AddSingleton(v.InterfaceType, v.ValidatorType);
        }
        builder.Services.AddAuditFeatures();
        builder.Services.AddRegelingenFeatures();
        builder.Services.AddAanvragenFeatures();
        builder.Services.AddBesluitFeatures();
        builder.Services.AddTijdvakkenFeatures();
        builder.Services.AddJobsFeatures();
        builder.Services.AddWozoScheduling(builder.Configuration, tijd);
        builder.Services.AddRapportagesFeatures();
        builder.Services.AddWozoProjecties(builder.Configuration);
        return builder;
    }

    public static WebApplication UseWozoSubsidies(this WebApplication app)
    {
        app.UseMiddleware<CorrelationMiddleware>();
        app.UseExceptionHandler();
        // Kestrel enforces the limit on streamed bodies too; this answers a declared oversize body before reading it,
        // on every server (the in-process test server has no Kestrel limits).
        app.Use((context, next) => context.Request.ContentLength > MaxRequestBodyBytes
            ? throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge)
            : next(context));
        app.UseStatusCodePages();
        app.UseWozoOpenApi();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseWozoIdempotency();
        return app;
    }

    public static WebApplication MapWozoSubsidies(this WebApplication app)
    {
        app.MapWozoHealth();
        app.MapAudit();
        app.MapRegelingen();
        app.MapAanvragen();
        app.MapBesluiten();
        app.MapTijdvakken();
        app.MapJobs();
        app.MapProjecties();
        app.MapRapportages();
        // Unknown routes get a 404 problem (not an empty body) through the status code pages.
        return app;
    }
}
