using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using WozoSubsidies.Api.Infrastructure.Auth;
using WozoSubsidies.Api.Infrastructure.Database;
using WozoSubsidies.EventStore;
using WozoSubsidies.Testing;

namespace WozoSubsidies.Api.Tests;

/// <summary>The API in process over a fresh database per test class, with the real host, middleware and PostgreSQL.</summary>
public class ApiFixture : DatabaseFixture
{
    public const string SigningKey = "test-signing-key-for-wozo-subsidies-0123456789";
    private WebApplicationFactory<Program>? _factory;

    protected override IReadOnlyList<MigrationSet> Migrations => DatabaseSetup.AllMigrations;

    /// <summary>Extra configuration a test class needs (e.g. the catalogue switched off).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public WebApplicationFactory<Program> Factory => _factory ??= new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Wozo"] = ConnectionString,
            ["Auth:SigningKey"] = SigningKey,
            // No scheduled job acts between a test's steps (the clock moves); the jobs' own tests switch them on.
            ["Jobs:Triggers"] = "false",
        };
        foreach (var (k, v) in Settings)
        {
            settings[k] = v;
        }
        b.UseSetting("ConnectionStrings:Wozo", ConnectionString);
        b.UseSetting("Auth:SigningKey", SigningKey);
        b.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings));
    });

    public HttpClient Anonymous() => Factory.CreateClient();

    public HttpClient As(string role, string? subject = null, string? org = null, string? uitvoerder = null)
    {
        var claims = new Dictionary<string, string>();
        if (org is not null)
        {
            claims["org"] = org;
        }
        if (uitvoerder is not null)
        {
            claims["uitvoerder"] = uitvoerder;
        }
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", AuthSetup.MintToken(SigningKey, subject ?? $"test-{role}", role, claims));
        return client;
    }

    public override async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}

public static class ProblemAssertions
{
    /// <summary>Asserts an RFC 9457 problem with the given status and code, and returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, json.GetProperty("status").GetInt32());
        Assert.Equal(code, json.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("title").GetString()));
        Assert.StartsWith("https://", json.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal); // no stack traces
        return json;
    }

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string url, T body) => client.PostAsJsonAsync(url, body);
}
