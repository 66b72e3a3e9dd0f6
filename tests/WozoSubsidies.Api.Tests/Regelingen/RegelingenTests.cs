using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WozoSubsidies.Api.Infrastructure.Auth;

namespace WozoSubsidies.Api.Tests.Regelingen;

public sealed class CatalogusTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_default_catalogue_holds_the_seven_regelingen_for_every_role()
    {
        foreach (var rol in Rollen.Alle)
        {
            var client = api.As(rol, org: "12345678", uitvoerder: "DUS-I");
            var lijst = await client.GetFromJsonAsync<JsonElement>("/api/regelingen");
            Assert.Equal(["IOC", "IWO", "REABLEMENT", "SOO", "SPUK-DOS", "STOZ", "SZGW"],
                lijst.EnumerateArray().Select(r => r.GetProperty("code").GetString()).Order(StringComparer.Ordinal));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous().GetAsync("/api/regelingen")).StatusCode);
    }

    [Fact]
    public async Task Iwo_shows_its_three_tijdvakken_with_the_plafonds_of_the_sources_and_its_rules()
    {
        var response = await api.As("behandelaar", uitvoerder: "DUS-I").GetAsync("/api/regelingen/IWO");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        var iwo = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("DUS-I", iwo.GetProperty("uitvoerder").GetString());
        var plafonds = iwo.GetProperty("tijdvakken").EnumerateArray().Select(t => t.GetProperty("budgetplafond").GetDecimal()).ToList();
        Assert.Equal([3_500_000m, 7_800_000m, 1_000_000m], plafonds);
        Assert.Equal("IWO", iwo.GetProperty("regels").GetProperty("parameters").GetProperty("regeling").GetString());
    }

    [Fact]
    public async Task An_unknown_regeling_is_a_404_problem()
    {
        var response = await api.As("auditor").GetAsync("/api/regelingen/BESTAATNIET");
        await response.AssertProblemAsync(404, "niet-gevonden");
    }

    [Fact]
    public async Task Only_a_beheerder_may_create_a_regeling_and_an_existing_code_is_a_conflict()
    {
        var body = NieuweRegeling("IWO");
        await (await api.As("behandelaar", uitvoerder: "DUS-I").PostAsJsonAsync("/api/regelingen", body)).AssertProblemAsync(403, "geen-toegang");
        await (await api.As("aanvrager", org: "1").PostAsJsonAsync("/api/regelingen", body)).AssertProblemAsync(403, "geen-toegang");
        await (await api.As("beheerder").PostAsJsonAsync("/api/regelingen", body)).AssertProblemAsync(409, "regeling-bestaat-al");
    }

    internal static object NieuweRegeling(string code) => new
    {
        code,
        naam = "Subsidieregeling intergenerationeel wonen",
        uitvoerder = "DUS-I",
        verdeelmethode = "VolgordeVanBinnenkomst",
        aanvragerTypen = new[] { "woningcorporatie" },
        vierOgenDrempel = 50000m,
        herverdeling = new { soort = "Elders", bestemming = "programma WOZO" },
        regels = new { ingangsdatum = "2023-07-01", parameters = StandaardParameters(code) },
    };

    internal static JsonElement StandaardParameters(string code) =>
        JsonSerializer.SerializeToElement(WozoSubsidies.Domain.Regels.RegelingCalculators.StandaardParameters(code), WozoSubsidies.Domain.Regels.RegelsJson.Opties);
}

/// <summary>An empty database (Catalogus__Laden=false): a beheerder builds the catalogue.</summary>
public sealed class LegeCatalogusFixture : ApiFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Catalogus:Laden"] = "false" };
}

public sealed class RegelingInstellenTests(LegeCatalogusFixture api) : IClassFixture<LegeCatalogusFixture>
{
    [Fact]
    public async Task Without_the_catalogue_the_service_starts_empty()
    {
        // Other tests of this class create SOO and STOZ; nothing of the catalogue is there.
        var lijst = await api.As("auditor").GetFromJsonAsync<JsonElement>("/api/regelingen");
        var codes = lijst.EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Empty(codes.Intersect(["IWO", "SZGW", "REABLEMENT", "SPUK-DOS", "IOC"]));
        Assert.Equal(0, await api.ScalarAsync<long>("select count(*) from api.tijdvakken"));
    }

    [Fact]
    public async Task A_beheerder_creates_a_regeling_and_a_second_rules_version_with_if_match()
    {
        var beheerder = api.As("beheerder");
        var created = await beheerder.PostAsJsonAsync("/api/regelingen", CatalogusTests.NieuweRegeling("SOO"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/regelingen/SOO", created.Headers.Location!.OriginalString);
        var etag = created.Headers.ETag!.Tag;

        using var stale = new HttpRequestMessage(HttpMethod.Put, "/api/regelingen/SOO/regels")
        {
            Content = JsonContent.Create(new { ingangsdatum = "2025-01-01", parameters = CatalogusTests.StandaardParameters("SOO") }),
        };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await (await beheerder.SendAsync(stale)).AssertProblemAsync(412, "versie-conflict");

        using var fresh = new HttpRequestMessage(HttpMethod.Put, "/api/regelingen/SOO/regels")
        {
            Content = JsonContent.Create(new { ingangsdatum = "2025-01-01", parameters = CatalogusTests.StandaardParameters("SOO") }),
        };
        fresh.Headers.TryAddWithoutValidation("If-Match", etag);
        var updated = await beheerder.SendAsync(fresh);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var soo = await updated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([1, 2], soo.GetProperty("regelsVersies").EnumerateArray().Select(v => v.GetProperty("versie").GetInt32()));
    }

    [Fact]
    public async Task Every_invalid_field_is_listed_at_once()
    {
        var response = await api.As("beheerder").PostAsJsonAsync("/api/regelingen", new
        {
            code = "x",
            naam = "",
            uitvoerder = "Belastingdienst",
            verdeelmethode = "VolgordeVanBinnenkomst",
            aanvragerTypen = Array.Empty<string>(),
            vierOgenDrempel = -1m,
            regels = new { ingangsdatum = "2025-01-01", parameters = new { } },
        });
        var problem = await response.AssertProblemAsync(400, "validatie");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Superset(new HashSet<string> { "code", "naam", "uitvoerder", "aanvragerTypen", "vierOgenDrempel" }, fields.ToHashSet());
    }

    [Theory]
    [InlineData("{ this is not json")]
    [InlineData("{\"code\": 12, \"naam\": []}")]
    [InlineData("{\"code\":\"SZGW\",\"naam\":\"n\",\"uitvoerder\":\"RVO\",\"verdeelmethode\":\"Loterij\",\"aanvragerTypen\":[\"a\"],\"vierOgenDrempel\":1,\"regels\":{\"ingangsdatum\":\"2025-01-01\",\"parameters\":{}}}")]
    [InlineData("{\"code\":\"SZGW\",\"naam\":\"n\",\"uitvoerder\":\"RVO\",\"verdeelmethode\":\"Rangschikking\",\"aanvragerTypen\":[\"a\"],\"vierOgenDrempel\":1e400,\"regels\":{\"ingangsdatum\":\"2025-01-01\",\"parameters\":{}}}")]
    [InlineData("{\"code\":\"SZGW\",\"naam\":\"n\",\"uitvoerder\":\"RVO\",\"verdeelmethode\":\"Rangschikking\",\"aanvragerTypen\":[\"a\"],\"vierOgenDrempel\":1,\"regels\":{\"ingangsdatum\":\"2025-13-45\",\"parameters\":{}}}")]
    public async Task Malformed_json_wrong_types_unknown_enums_and_absurd_values_are_400_problems_never_500(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await api.As("beheerder").PostAsync("/api/regelingen", content);
        await response.AssertProblemAsync(400, response.StatusCode == HttpStatusCode.BadRequest
            ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()!
            : "ongeldige-json");
        var lijst = await api.As("auditor").GetFromJsonAsync<JsonElement>("/api/regelingen");
        Assert.DoesNotContain(lijst.EnumerateArray(), r => r.GetProperty("code").GetString() == "SZGW");
    }

    [Fact]
    public async Task A_body_larger_than_a_megabyte_is_a_413_problem()
    {
        using var content = new StringContent("{\"naam\":\"" + new string('x', 2_000_000) + "\"}", Encoding.UTF8, "application/json");
        var response = await api.As("beheerder").PostAsync("/api/regelingen", content);
        await response.AssertProblemAsync(413, "verzoek-te-groot");
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_first_response_and_creates_nothing_twice()
    {
        var beheerder = api.As("beheerder");
        async Task<HttpResponseMessage> Post(object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/regelingen") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "regeling-stoz-1");
            return await beheerder.SendAsync(request);
        }
        var first = await Post(CatalogusTests.NieuweRegeling("STOZ"));
        var again = await Post(CatalogusTests.NieuweRegeling("STOZ"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await api.ScalarAsync<long>("select count(*) from eventstore.streams where stream_id = 'regeling-STOZ'"));

        var other = await Post(CatalogusTests.NieuweRegeling("IOC"));
        await other.AssertProblemAsync(422, "idempotency-key-hergebruikt");
    }
}
