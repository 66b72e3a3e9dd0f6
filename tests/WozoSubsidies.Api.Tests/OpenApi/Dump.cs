namespace WozoSubsidies.Api.Tests.OpenApi;

public sealed class DumpOpenApiScratch(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Dump()
    {
        var json = await api.Anonymous().GetStringAsync("/swagger/v1/swagger.json");
        await File.WriteAllTextAsync("/tmp/swagger-baseline.json", json);
    }
}
