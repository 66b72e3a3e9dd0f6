using System.Net;
using System.Text.Json;

namespace WozoSubsidies.Api.Tests.Infrastructure;

public sealed class HostTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Liveness_and_readiness_answer_and_readiness_checks_the_database()
    {
        var client = api.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem_with_a_code_and_correlation_id()
    {
        var response = await api.Anonymous().GetAsync("/api/bestaat-niet");
        var problem = await response.AssertProblemAsync(404, "niet-gevonden");
        Assert.Equal(response.Headers.GetValues("X-Correlation-Id").Single(), problem.GetProperty("correlationId").GetString());
    }

    [Fact]
    public async Task A_callers_correlation_id_is_kept_and_a_malicious_one_replaced()
    {
        var client = api.Anonymous();
        using var good = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        good.Headers.Add("X-Correlation-Id", "portal-123");
        Assert.Equal("portal-123", (await client.SendAsync(good)).Headers.GetValues("X-Correlation-Id").Single());

        using var bad = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        bad.Headers.TryAddWithoutValidation("X-Correlation-Id", "<script>" + new string('x', 300));
        var replaced = (await client.SendAsync(bad)).Headers.GetValues("X-Correlation-Id").Single();
        Assert.Matches("^[0-9a-f]{32}$", replaced);
    }

    [Fact]
    public async Task The_openapi_document_and_swagger_ui_are_served()
    {
        var client = api.Anonymous();
        var doc = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("http", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("type").GetString());
        var ui = await client.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Contains("swagger-ui", await ui.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
