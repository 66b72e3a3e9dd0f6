using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Api.Tests.OpenApi;

/// <summary>An empty catalogue: the test sets up every regeling from the document's own examples.</summary>
public sealed class LegeCatalogusFixture : ApiFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Catalogus:Laden"] = "false" };
}

/// <summary>The examples in the OpenAPI document work against the service itself: a regeling set up with the
/// document's parameters example accepts the document's request example for it (201), for all seven regelingen.</summary>
public sealed class VoorbeeldenInDeDienstTests(LegeCatalogusFixture api) : IClassFixture<LegeCatalogusFixture>
{
    [Fact]
    public async Task Every_request_example_of_the_document_is_accepted_by_POST_api_aanvragen()
    {
        var doc = JsonDocument.Parse(await api.Anonymous().GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        if (!doc.GetProperty("paths").TryGetProperty("/api/aanvragen", out var aanvragen) || !aanvragen.TryGetProperty("post", out var post))
        {
            return; // POST /api/aanvragen is not served yet
        }
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var examples = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("examples");
        Assert.Equal(RegelingCodes.Alle, examples.EnumerateObject().Select(e => e.Name));

        var vandaag = Amsterdam.Dag(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var beheerder = api.As("beheerder");
        foreach (var example in examples.EnumerateObject())
        {
            var code = example.Name;
            var parameters = schemas.GetProperty(RegelingCalculators.ParametersType(code).Name).GetProperty("example");
            var regeling = await beheerder.PostAsJsonAsync("/api/regelingen", new
            {
                code,
                naam = $"Regeling {code}",
                uitvoerder = "DUS-I",
                verdeelmethode = "VolgordeVanBinnenkomst",
                aanvragerTypen = RegelingCalculators.StandaardParameters(code).ToegestaneAanvragerTypen,
                vierOgenDrempel = 1_000_000m,
                regels = new { ingangsdatum = "2024-01-01", parameters },
            });
            Assert.True(regeling.StatusCode == HttpStatusCode.Created, $"{code} with the document's parameters example: {await regeling.Content.ReadAsStringAsync()}");

            var tijdvak = await beheerder.PostAsJsonAsync($"/api/regelingen/{code}/tijdvakken", new
            {
                naam = $"Voorbeeld {code}",
                opent = vandaag,
                sluit = vandaag,
                budgetplafond = 1_000_000m,
            });
            Assert.True(tijdvak.StatusCode == HttpStatusCode.Created, $"{code}: {await tijdvak.Content.ReadAsStringAsync()}");

            var verzoek = JsonNode.Parse(example.Value.GetProperty("value").GetRawText())!.AsObject();
            var org = verzoek["aanvrager"]!["kvkNummer"]!.GetValue<string>();
            var response = await api.As("aanvrager", org: org).PostAsJsonAsync("/api/aanvragen", verzoek);
            Assert.True(response.StatusCode == HttpStatusCode.Created,
                $"the request example {code} is refused ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
            var antwoord = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(antwoord.GetProperty("aangevraagdBedrag").GetDecimal() > 0);
        }
    }
}
