using System.Globalization;
using WozoSubsidies.Api.Infrastructure.Problems;

namespace WozoSubsidies.Api.Infrastructure.Http;

/// <summary>Optimistic concurrency over HTTP (ARCHITECTURE.md style 5): the stream version goes out as
/// <c>ETag: "n"</c>, comes back as <c>If-Match: "n"</c>, and a change made meanwhile answers 412.</summary>
public static class Versions
{
    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void SetETag(this HttpContext context, long version) => context.Response.Headers.ETag = ETag(version);

    /// <summary>The version the client pinned with If-Match, or null when it sent none (or <c>*</c>).</summary>
    public static long? IfMatch(this HttpContext context)
    {
        var raw = context.Request.Headers.IfMatch.ToString().Trim();
        if (raw.Length == 0 || raw == "*")
        {
            return null;
        }
        var value = raw.StartsWith("W/", StringComparison.Ordinal) ? raw[2..] : raw;
        value = value.Trim('"');
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new ApiProblem(400, "validatie", $"If-Match moet een ETag zijn zoals \"3\", niet {raw}.");
        }
        return version;
    }

    /// <summary>Throws 412 when the client pinned a version that is no longer current.</summary>
    public static void CheckIfMatch(this HttpContext context, long current)
    {
        var pinned = context.IfMatch();
        if (pinned is not null && pinned.Value != current)
        {
            throw ApiProblem.VersieConflict(current, ETag(pinned.Value));
        }
    }
}
