using System.Text.RegularExpressions;

namespace WozoSubsidies.Api.Infrastructure.Correlation;

/// <summary>Gives every request a correlation id (the caller's <c>X-Correlation-Id</c> when it is sane, else a new one),
/// returns it in the response, and puts it on every log line of the request. Events record it in their metadata.</summary>
public sealed partial class CorrelationMiddleware(RequestDelegate next, ILogger<CorrelationMiddleware> logger)
{
    public const string Header = "X-Correlation-Id";

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex Sane();

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[Header].ToString();
        var id = Sane().IsMatch(incoming) ? incoming : Guid.NewGuid().ToString("N");
        context.TraceIdentifier = id;
        context.Response.Headers[Header] = id;
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await next(context);
            if (logger.IsEnabled(LogLevel.Information))
            {
                var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogRequest(logger, context.Request.Method, context.Request.Path.Value ?? "", context.Response.StatusCode, elapsed);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} -> {StatusCode} in {ElapsedMs:F1} ms")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, double elapsedMs);
}

public static class CorrelationExtensions
{
    public static string CorrelationId(this HttpContext context) => context.TraceIdentifier;
}
