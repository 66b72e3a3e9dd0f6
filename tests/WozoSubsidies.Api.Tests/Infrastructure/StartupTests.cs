using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace WozoSubsidies.Api.Tests.Infrastructure;

public sealed class StartupTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public void Without_a_signing_key_or_authority_the_service_refuses_to_start()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Wozo", api.ConnectionString);
            b.UseSetting("Auth:SigningKey", "");
            b.UseSetting("Auth:Authority", "");
        });
        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());
        Assert.Contains("Auth__SigningKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signing_key_too_short_for_hs256_is_refused()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Wozo", api.ConnectionString);
            b.UseSetting("Auth:SigningKey", "kort");
        });
        Assert.Throws<InvalidOperationException>(() => factory.CreateClient());
    }
}

/// <summary>Its own database, because it drops it.</summary>
public sealed class ReadinessTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Readiness_turns_503_when_the_database_goes_away_while_liveness_stays_200()
    {
        var client = api.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        await WozoSubsidies.Testing.PostgresServer.DropDatabaseAsync(api.ConnectionString);

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.DoesNotContain("Host=", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}
