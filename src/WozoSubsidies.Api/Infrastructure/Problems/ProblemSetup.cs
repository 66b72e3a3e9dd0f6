using Microsoft.AspNetCore.Diagnostics;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Api.Infrastructure.Problems;

/// <summary>Every error is an RFC 9457 problem (application/problem+json) with a stable machine-readable <c>code</c>
/// (API.md). No stack traces, no SQL: an unexpected exception is logged with its correlation id and answered with a
/// bare 500 problem.</summary>
public static class ProblemSetup
{
    public const string TypeBase = "https://wozo-subsidies.nl/problemen/";

    public static IServiceCollection AddWozoProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var problem = ctx.ProblemDetails;
            var status = problem.Status ?? ctx.HttpContext.Response.StatusCode;
            if (!problem.Extensions.TryGetValue("code", out var existing) || existing is not string code)
            {
                code = CodeFor(status);
                problem.Extensions["code"] = code;
            }
            if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org", StringComparison.Ordinal))
            {
                problem.Type = TypeBase + code;
            }
            // The framework fills in English reason phrases; the contract speaks Dutch. A title a handler set stays.
            if (problem.Title is null || problem.Title == Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)
                || problem.Title.StartsWith("One or more validation errors", StringComparison.Ordinal)
                || problem.Title.StartsWith("An error occurred", StringComparison.Ordinal))
            {
                problem.Title = TitleFor(status);
            }
            problem.Instance ??= ctx.HttpContext.Request.Path;
            problem.Extensions["correlationId"] = ctx.HttpContext.TraceIdentifier;
            problem.Extensions.Remove("traceId");
        });
        services.AddExceptionHandler<WozoExceptionHandler>();
        return services;
    }

    public static string CodeFor(int status) => status switch
    {
        400 => "ongeldig-verzoek",
        401 => "niet-geauthenticeerd",
        403 => "geen-toegang",
        404 => "niet-gevonden",
        405 => "methode-niet-toegestaan",
        406 => "niet-aanvaardbaar",
        409 => "conflict",
        412 => "versie-conflict",
        413 => "verzoek-te-groot",
        415 => "mediatype-niet-ondersteund",
        422 => "niet-verwerkbaar",
        428 => "if-match-vereist",
        503 => "niet-beschikbaar",
        >= 500 => "interne-fout",
        _ => "fout",
    };

    public static string TitleFor(int status) => status switch
    {
        400 => "Het verzoek is ongeldig.",
        401 => "Aanmelden is vereist.",
        403 => "U mag deze handeling niet uitvoeren.",
        404 => "Niet gevonden.",
        405 => "Deze methode is hier niet toegestaan.",
        409 => "De handeling is in strijd met een regel.",
        412 => "De versie is gewijzigd sinds u haar las.",
        413 => "Het verzoek is te groot.",
        415 => "Dit mediatype wordt niet ondersteund.",
        503 => "De dienst is tijdelijk niet beschikbaar.",
        >= 500 => "Er ging iets mis aan onze kant.",
        _ => "Fout.",
    };
}

/// <summary>Turns exceptions into problems. What a client caused (malformed JSON, a body too large, a stale version)
/// is a 4xx; only a genuine fault of the service is a 500.</summary>
public sealed partial class WozoExceptionHandler(IProblemDetailsService problems, ILogger<WozoExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var context = httpContext;
        var extensions = new Dictionary<string, object?>();
        var (status, code, detail) = exception switch
        {
            ApiProblem p => (p.Status, p.Code, p.Message),
            ValidationException v => (400, "validatie", "Het verzoek bevat ongeldige velden; zie errors."),
            // The same behandelaar may not approve their own proposal: that is a matter of authority (API.md: 403).
            RegelSchending r when r.Code == "vier-ogen-zelfde-persoon" => (403, r.Code, r.Melding),
            RegelSchending r when r.Overtredingen.Count > 0 => (422, r.Code, r.Melding),
            RegelSchending r => (409, r.Code, r.Melding),
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                (413, "verzoek-te-groot", "Het verzoek is groter dan 1 MB."),
            BadHttpRequestException bad when bad.InnerException is System.Text.Json.JsonException json =>
                (400, "ongeldige-json", $"De JSON is ongeldig: {json.Message}"),
            BadHttpRequestException bad => (bad.StatusCode, ProblemSetup.CodeFor(bad.StatusCode), bad.Message),
            System.Text.Json.JsonException json => (400, "ongeldige-json", $"De JSON is ongeldig: {json.Message}"),
            ConcurrencyException => (409, "gelijktijdige-wijziging", "Iemand anders wijzigde dit tegelijk; probeer het opnieuw."),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, "afgebroken", "De client brak het verzoek af."),
            _ => (500, "interne-fout", "Er ging iets mis aan onze kant. Noem de correlationId als u contact opneemt."),
        };
        if (exception is ValidationException validation)
        {
            extensions["errors"] = validation.Errors
                .GroupBy(e => Camel(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        }
        if (exception is RegelSchending { Overtredingen.Count: > 0 } schending)
        {
            extensions["overtredingen"] = schending.Overtredingen
                .Select(o => new { code = o.Code, melding = o.Melding, veld = o.Veld }).ToArray();
        }
        if (status >= 500)
        {
            LogUnhandled(logger, exception, context.TraceIdentifier);
        }
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = Problem(status, code, detail, extensions),
        });
    }

    private static ProblemDetails Problem(int status, string code, string detail, Dictionary<string, object?> extensions)
    {
        var problem = new ProblemDetails { Status = status, Detail = detail };
        problem.Extensions["code"] = code;
        foreach (var (k, v) in extensions)
        {
            problem.Extensions[k] = v;
        }
        return problem;
    }

    // "Aanvrager.KvkNummer" -> "aanvrager.kvkNummer", as the client wrote it.
    private static string Camel(string path) => string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for request {CorrelationId}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string correlationId);
}
