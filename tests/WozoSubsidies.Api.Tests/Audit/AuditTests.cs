using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WozoSubsidies.Api.Tests.Audit;

public sealed class AuditTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Scenario _s = new(api);

    [Fact]
    public async Task Only_an_auditor_reads_the_log()
    {
        foreach (var client in new[] { _s.Beheerder, _s.Behandelaar(), _s.Aanvrager("60000001") })
        {
            await (await client.GetAsync("/api/audit/events")).AssertProblemAsync(403, "geen-toegang");
            await (await client.GetAsync("/api/audit/verificatie")).AssertProblemAsync(403, "geen-toegang");
        }
        await (await api.Anonymous().GetAsync("/api/audit/events")).AssertProblemAsync(401, "niet-geauthenticeerd");
    }

    [Fact]
    public async Task A_stream_shows_every_event_with_metadata_and_hash()
    {
        var tijdvak = await _s.OpenTijdvakAsync(50_000m);
        var id = (await _s.DienInAsync("60000002", tijdvakId: tijdvak)).GetProperty("id").GetGuid();
        var events = await api.As("auditor").GetFromJsonAsync<JsonElement>($"/api/audit/streams/aanvraag-{id:D}");
        var e = Assert.Single(events.EnumerateArray());
        Assert.Equal("aanvraag-ingediend.v1", e.GetProperty("type").GetString());
        Assert.Equal("aanvrager", e.GetProperty("metadata").GetProperty("actorRole").GetString());
        Assert.Equal("AanvraagIndienen", e.GetProperty("metadata").GetProperty("source").GetString());
        Assert.Equal(64, e.GetProperty("hash").GetString()!.Length);
        await (await api.As("auditor").GetAsync("/api/audit/streams/bestaat-niet")).AssertProblemAsync(404, "niet-gevonden");
    }

    [Fact]
    public async Task The_log_pages_in_commit_order_and_streams_as_ndjson()
    {
        await _s.OpenTijdvakAsync(50_000m);
        var auditor = api.As("auditor");
        var alle = new List<long>();
        long positie = 0;
        while (true)
        {
            var pagina = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit/events?vanafPositie={positie}&limiet=7");
            var events = pagina.GetProperty("events").EnumerateArray().ToList();
            if (events.Count == 0)
            {
                break;
            }
            Assert.True(events.Count <= 7);
            alle.AddRange(events.Select(e => e.GetProperty("positie").GetInt64()));
            positie = pagina.GetProperty("volgendePositie").GetInt64();
        }
        Assert.Equal(alle.Order(), alle);
        Assert.True(alle.Count > 30); // the catalogue alone is dozens of events

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/audit/events");
        request.Headers.Accept.ParseAdd("application/x-ndjson");
        var ndjson = await auditor.SendAsync(request);
        Assert.Equal("application/x-ndjson", ndjson.Content.Headers.ContentType?.MediaType);
        var regels = (await ndjson.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(regels.Length >= alle.Count);
        Assert.Equal(alle, regels.Take(alle.Count).Select(r => JsonDocument.Parse(r).RootElement.GetProperty("positie").GetInt64()));

        await (await auditor.GetAsync("/api/audit/events?limiet=5000")).AssertProblemAsync(400, "validatie");
    }
}

/// <summary>Its own database: it changes an event behind the service's back.</summary>
public sealed class VerificatieTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task An_event_changed_in_the_database_is_found_by_the_api_at_exactly_that_event()
    {
        var auditor = api.As("auditor");
        var schoon = await auditor.GetFromJsonAsync<JsonElement>("/api/audit/verificatie");
        Assert.True(schoon.GetProperty("ok").GetBoolean());
        Assert.True(schoon.GetProperty("gecontroleerd").GetInt64() > 30);

        var positie = await api.ScalarAsync<long>(
            "select position from eventstore.events where stream_id = 'regeling-IWO' and stream_version = 2");
        await api.ExecuteAsync(
            "update eventstore.events set data = jsonb_set(data, '{versie}', '9') where stream_id = 'regeling-IWO' and stream_version = 2");

        var na = await auditor.GetFromJsonAsync<JsonElement>("/api/audit/verificatie");
        Assert.False(na.GetProperty("ok").GetBoolean());
        var afwijking = na.GetProperty("eersteAfwijking");
        Assert.Equal("regeling-IWO", afwijking.GetProperty("streamId").GetString());
        Assert.Equal(2, afwijking.GetProperty("versie").GetInt64());
        Assert.Equal(positie, afwijking.GetProperty("positie").GetInt64());
    }
}
