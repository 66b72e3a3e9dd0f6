using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace WozoSubsidies.Api.Features.Rapportages;

/// <summary>The report as CSV (RFC 4180: comma-separated, a header row, decimal points) and as an SVG bar chart of
/// granted against plafond per tijdvak, as the Resultaatmonitor shows them.</summary>
public static class BenuttingOpmaak
{
    private static readonly CultureInfo Nl = CultureInfo.GetCultureInfo("nl-NL");

    public static string Csv(BenuttingRapport rapport)
    {
        var sb = new StringBuilder();
        sb.Append("regeling,tijdvak_id,tijdvak,opent,sluit,jaar,plafond,")
          .Append("aangevraagd_aantal,aangevraagd_bedrag,toegekend_aantal,toegekend_aangevraagd_bedrag,toegekend_bedrag,")
          .Append("in_behandeling_aantal,in_behandeling_bedrag,afgewezen_aantal,afgewezen_bedrag,ingetrokken_aantal,ingetrokken_bedrag,")
          .Append("benutting_procent,benutting_inclusief_in_behandeling_procent\r\n");
        foreach (var t in rapport.Tijdvakken)
        {
            string?[] velden =
            [
                rapport.Regeling, t.TijdvakId.ToString(), t.Naam, Datum(t.Opent), Datum(t.Sluit), Getal(t.Jaar), Getal(t.Plafond),
                Getal(t.Aangevraagd.Aantal), Getal(t.Aangevraagd.AangevraagdBedrag),
                Getal(t.Toegekend.Aantal), Getal(t.Toegekend.AangevraagdBedrag), Getal(t.Toegekend.ToegekendBedrag),
                Getal(t.InBehandeling.Aantal), Getal(t.InBehandeling.AangevraagdBedrag),
                Getal(t.Afgewezen.Aantal), Getal(t.Afgewezen.AangevraagdBedrag),
                Getal(t.Ingetrokken.Aantal), Getal(t.Ingetrokken.AangevraagdBedrag),
                Getal(t.BenuttingPercentage), Getal(t.BenuttingInclusiefInBehandelingPercentage),
            ];
            sb.AppendJoin(',', velden.Select(Veld)).Append("\r\n");
        }
        return sb.ToString();
    }

    private static string Datum(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Getal(decimal? d) => d?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Getal(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string Veld(string? v) =>
        v is null ? "" : v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{v.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : v;

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Per tijdvak two bars, plafond and granted, on a euro axis with rounded ticks; each bar labelled with its
    /// amount, the granted bar also with its utilisation %. Built as XML, so names with &lt; or &amp; stay well-formed.</summary>
    public static string SvgGrafiek(BenuttingRapport rapport)
    {
        const int links = 110, rechts = 30, boven = 70, onder = 90, hoogte = 460;
        var groep = 150;
        var breedte = links + rechts + Math.Max(1, rapport.Tijdvakken.Count) * groep;
        var plotHoogte = hoogte - boven - onder;
        var max = rapport.Tijdvakken.Select(t => Math.Max(t.Plafond ?? 0m, t.Toegekend.ToegekendBedrag ?? 0m)).DefaultIfEmpty(0m).Max();
        var stap = MooieStap(max / 5m);
        var top = Math.Max(stap, Math.Ceiling(max / stap) * stap);
        double Y(decimal bedrag) => boven + plotHoogte - (double)(bedrag / top) * plotHoogte;

        var svg = new XElement(Svg + "svg",
            new XAttribute("width", breedte), new XAttribute("height", hoogte),
            new XAttribute("viewBox", $"0 0 {breedte} {hoogte}"), new XAttribute("font-family", "sans-serif"), new XAttribute("font-size", 12),
            new XElement(Svg + "title", $"Benutting {rapport.Regeling}: toegekend tegen budgetplafond per tijdvak"),
            Tekst(links, 24, $"Benutting {rapport.Regeling}{(rapport.Jaar is { } j ? $" {j}" : "")}: toegekend tegen budgetplafond per tijdvak", 16, "start", "bold"),
            Rect(links, 38, 12, 12, "#b0bec5"), Tekst(links + 18, 48, "Budgetplafond", 12, "start"),
            Rect(links + 130, 38, 12, 12, "#1565c0"), Tekst(links + 148, 48, "Toegekend (benutting %)", 12, "start"));

        // The euro axis with gridlines.
        for (var v = 0m; v <= top; v += stap)
        {
            var y = Y(v);
            svg.Add(Lijn(links, y, breedte - rechts, y, "#e0e0e0"), Tekst(links - 8, y + 4, Euro(v), 11, "end"));
        }
        svg.Add(Lijn(links, boven, links, boven + plotHoogte, "#424242"), Lijn(links, boven + plotHoogte, breedte - rechts, boven + plotHoogte, "#424242"));
        svg.Add(Tekst(18, boven + (plotHoogte / 2.0), "Bedrag (EUR)", 12, "middle", transform: $"rotate(-90 18 {boven + (plotHoogte / 2.0):0.#})"));

        if (rapport.Tijdvakken.Count == 0)
        {
            svg.Add(Tekst(links + 20, boven + (plotHoogte / 2.0), "Geen tijdvakken", 14, "start"));
        }
        for (var i = 0; i < rapport.Tijdvakken.Count; i++)
        {
            var t = rapport.Tijdvakken[i];
            var x = links + (i * groep) + 25;
            var plafond = t.Plafond ?? 0m;
            var toegekend = t.Toegekend.ToegekendBedrag ?? 0m;
            svg.Add(Rect(x, Y(plafond), 45, Y(0) - Y(plafond), "#b0bec5", $"Budgetplafond {t.Naam}: {Euro(plafond)}"),
                Tekst(x + 22.5, Y(plafond) - 5, Euro(plafond), 10, "middle"));
            svg.Add(Rect(x + 50, Y(toegekend), 45, Y(0) - Y(toegekend), "#1565c0", $"Toegekend {t.Naam}: {Euro(toegekend)}"),
                Tekst(x + 72.5, Y(toegekend) - 18, Euro(toegekend), 10, "middle"),
                Tekst(x + 72.5, Y(toegekend) - 5, t.BenuttingPercentage is { } p ? $"{p.ToString("0.0", Nl)}%" : "", 10, "middle", "bold"));
            svg.Add(Tekst(x + 47.5, boven + plotHoogte + 18, t.Naam, 12, "middle"),
                Tekst(x + 47.5, boven + plotHoogte + 34, $"{t.Opent.ToString("dd-MM-yyyy", Nl)} t/m {t.Sluit.ToString("dd-MM-yyyy", Nl)}", 10, "middle"),
                Tekst(x + 47.5, boven + plotHoogte + 50, $"{t.Toegekend.Aantal} toegekend, {t.Ingetrokken.Aantal} ingetrokken", 10, "middle"));
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), svg).Declaration + "\n" + svg.ToString(SaveOptions.DisableFormatting);
    }

    private static string Euro(decimal bedrag) => "€ " + bedrag.ToString("#,##0", Nl);

    // 1, 2 or 5 times a power of ten: axis ticks a reader can add up.
    private static decimal MooieStap(decimal ruw)
    {
        if (ruw <= 0)
        {
            return 1m;
        }
        var macht = 1m;
        while (macht * 10 <= ruw)
        {
            macht *= 10;
        }
        while (macht > ruw)
        {
            macht /= 10;
        }
        var factor = ruw / macht;
        return (factor <= 1 ? 1 : factor <= 2 ? 2 : factor <= 5 ? 5 : 10) * macht;
    }

    private static XElement Rect(double x, double y, double w, double h, string kleur, string? titel = null)
    {
        var rect = new XElement(Svg + "rect", new XAttribute("x", F(x)), new XAttribute("y", F(y)), new XAttribute("width", F(w)),
            new XAttribute("height", F(Math.Max(h, 0))), new XAttribute("fill", kleur));
        if (titel is not null)
        {
            rect.Add(new XElement(Svg + "title", titel));
        }
        return rect;
    }

    private static XElement Lijn(double x1, double y1, double x2, double y2, string kleur) =>
        new(Svg + "line", new XAttribute("x1", F(x1)), new XAttribute("y1", F(y1)), new XAttribute("x2", F(x2)), new XAttribute("y2", F(y2)),
            new XAttribute("stroke", kleur));

    private static XElement Tekst(double x, double y, string tekst, int grootte, string anker, string? gewicht = null, string? transform = null)
    {
        var e = new XElement(Svg + "text", new XAttribute("x", F(x)), new XAttribute("y", F(y)), new XAttribute("font-size", grootte),
            new XAttribute("text-anchor", anker), tekst);
        if (gewicht is not null)
        {
            e.Add(new XAttribute("font-weight", gewicht));
        }
        if (transform is not null)
        {
            e.Add(new XAttribute("transform", transform));
        }
        return e;
    }

    private static string F(double d) => d.ToString("0.#", CultureInfo.InvariantCulture);
}
