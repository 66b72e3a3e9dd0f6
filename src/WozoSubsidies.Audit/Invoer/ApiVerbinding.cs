using System.Net.Http.Headers;

namespace WozoSubsidies.Audit.Invoer;

/// <summary>The service as the tool reaches it: a base URL and an auditor's bearer token.</summary>
public static class ApiVerbinding
{
    public const string NdjsonType = "application/x-ndjson";

    /// <summary>The default client: the token on every request, and no timeout (an export of a large log takes minutes).</summary>
    public static HttpClient Maak(Uri basis, string? token)
    {
        var http = new HttpClient { BaseAddress = basis, Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return http;
    }

    /// <summary>Opens the whole log as NDJSON (GET /api/audit/events, Accept: application/x-ndjson), streamed, not buffered.</summary>
    public static async Task<HttpResponseMessage> OpenExportAsync(HttpClient http, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/audit/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(NdjsonType));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        await ControleerAsync(response, "GET /api/audit/events", ct);
        return response;
    }

    /// <summary>Throws with the service's problem text when the answer is not a success.</summary>
    public static async Task ControleerAsync(HttpResponseMessage response, string wat, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            response.Dispose();
            throw new HttpRequestException($"{wat} antwoordde {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }
    }
}
