using System.Net.Http.Json;
using System.Text.Json;
using WozoSubsidies.Api.Tests.Besluiten;

namespace WozoSubsidies.Audit.Tests;

public static class StreamEvents
{
    /// <summary>Where one event of a stream stands in the log, as the service's audit API shows it.</summary>
    public static async Task<(long Positie, Guid EventId)> EventAsync(this Dossier d, string stream, long versie)
    {
        var events = await d.Auditor.GetFromJsonAsync<JsonElement>($"/api/audit/streams/{stream}");
        var e = events.EnumerateArray().Single(e => e.GetProperty("versie").GetInt64() == versie);
        return (e.GetProperty("positie").GetInt64(), e.GetProperty("eventId").GetGuid());
    }
}
