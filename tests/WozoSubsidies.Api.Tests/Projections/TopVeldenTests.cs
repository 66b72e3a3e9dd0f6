using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WozoSubsidies.Api.Projections;

namespace WozoSubsidies.Api.Tests.Projections;

/// <summary>The fast field reader of the benutting projection against System.Text.Json's reading of the same bodies.</summary>
public sealed class TopVeldenTests
{
    private static readonly string[][] Velden = [["a"], ["bedrag"], ["naam"], ["plafondNa", "plafond"], ["x\"y"]];

    private static string?[] Verwacht(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        return [.. Velden.Select(keys => keys
            .Select(k => root.TryGetProperty(k, out var v) ? v : default)
            .Where(v => v.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            .Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())
            .FirstOrDefault())];
    }

    private static string?[] Gelezen(string json)
    {
        var uit = new string?[Velden.Length];
        new TopVelden(Velden).Lees(Encoding.UTF8.GetBytes(json), uit);
        return uit;
    }

    [Theory]
    [InlineData("""{"a": "1", "bedrag": 115200.00, "naam": "De \"Linde\" \\ {[", "plafond": 3500000}""")]
    [InlineData("""{"nested": {"a": "niet deze", "b": ["}", "]", {"naam": "x"}]}, "a": "wel deze", "bedrag": -1.5e3}""")]
    [InlineData("""{"plafondNa": null, "plafond": 12.50, "naam": "\u00e9\u00e9n \ud83d\ude00", "a": true}""")]
    [InlineData("""{"plafond": 1, "plafondNa": 2, "x\"y": "sleutel met escape", "a": false}""")]
    [InlineData("""{"a": ["arrays", "tellen", "niet"], "naam": {"ook": "objecten niet"}, "bedrag": null}""")]
    [InlineData("{\n  \"a\" :\t\"ruimte\" ,\r\n  \"bedrag\":7 }")]
    [InlineData("{}")]
    public void Leest_dezelfde_velden_als_System_Text_Json(string json) => Assert.Equal(Verwacht(json), Gelezen(json));

    [Fact]
    public void Leest_willekeurige_geneste_bodies_zoals_System_Text_Json()
    {
        var random = new Random(20261123);
        string[] namen = ["a", "bedrag", "naam", "plafondNa", "plafond", "x\"y", "ander", "b"];
        JsonNode? Waarde(int diepte) => random.Next(diepte > 2 ? 5 : 7) switch
        {
            0 => JsonValue.Create(random.Next(-1000, 1000) / 100m),
            1 => JsonValue.Create(new string([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => "ab\"\\{}[],: é\n😀"[random.Next(14)])])),
            2 => JsonValue.Create(random.Next(2) == 0),
            3 => null,
            4 => JsonValue.Create("gewoon"),
            5 => new JsonArray([.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => Waarde(diepte + 1))]),
            _ => Object(diepte + 1),
        };
        JsonObject Object(int diepte)
        {
            var o = new JsonObject();
            foreach (var naam in namen.OrderBy(_ => random.Next()).Take(random.Next(0, namen.Length)))
            {
                o[naam] = Waarde(diepte);
            }
            return o;
        }
        for (var n = 0; n < 2000; n++)
        {
            var json = Object(0).ToJsonString(new JsonSerializerOptions { WriteIndented = n % 2 == 0 });
            Assert.True(Verwacht(json).SequenceEqual(Gelezen(json)), json);
        }
    }
}
