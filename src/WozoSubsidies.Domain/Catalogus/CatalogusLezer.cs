using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using WozoSubsidies.Domain.Regelingen;
using WozoSubsidies.Domain.Regels;

namespace WozoSubsidies.Domain.Catalogus;

/// <summary>Reads and validates the catalogue (Catalogus/catalogus.json). Pure: the caller reads the file
/// (the Domain does no I/O) and passes its text.</summary>
/// <remarks>The file is read field by field rather than bound to DTOs, so every problem names the entry it is in
/// ("SZGW, tijdvak 'Tranche 2'") and an unknown field (a typo such as "budgetplafon") is an error, not silence.
/// All problems are collected and thrown together in one <see cref="CatalogusOngeldigException"/>.</remarks>
public static class CatalogusLezer
{
    // API spellings (API.md: "DUS-I") mapped to the Regelingen aggregate's enum.
    private static readonly Dictionary<string, Uitvoerder> Uitvoerders = new(StringComparer.Ordinal)
    {
        ["DUS-I"] = Uitvoerder.DusI,
        ["RVO"] = Uitvoerder.Rvo,
        ["ZonMw"] = Uitvoerder.ZonMw,
        ["VWS"] = Uitvoerder.Vws,
        ["zorgkantoor"] = Uitvoerder.Zorgkantoor,
    };

    private static readonly Dictionary<string, Verdeelmethode> Verdeelmethoden = new(StringComparer.Ordinal)
    {
        [nameof(Verdeelmethode.VolgordeVanBinnenkomst)] = Verdeelmethode.VolgordeVanBinnenkomst,
        [nameof(Verdeelmethode.Rangschikking)] = Verdeelmethode.Rangschikking,
    };

    private static readonly string[] Herverdelingsbeleiden = ["VolgendeTijdvak", "Elders", "ProgrammaReserve"];

    // Parameters are read with the options of the API and the events, but refuse unknown members: in a hand-edited
    // file an unknown member is a typo that would otherwise silently leave the standard value... or none at all.
    private static readonly JsonSerializerOptions ParameterOpties = MaakParameterOpties();

    /// <summary>Parses and validates the catalogue.</summary>
    /// <exception cref="CatalogusOngeldigException">The text is not JSON, or any entry is invalid; the message names every entry at fault.</exception>
    public static CatalogusInhoud Lees(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            // A key written twice in a hand-edited file would silently keep one of the two values: refuse it.
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow, AllowDuplicateProperties = false });
        }
        catch (JsonException fout)
        {
            throw new CatalogusOngeldigException([$"De catalogus is geen geldige JSON: {fout.Message}"]);
        }

        using (document)
        {
            var fouten = new List<string>();
            var inhoud = LeesInhoud(document.RootElement, fouten);
            if (fouten.Count > 0 || inhoud is null)
            {
                throw new CatalogusOngeldigException(fouten.Count > 0 ? fouten : ["De catalogus is leeg."]);
            }

            return inhoud;
        }
    }

    private static CatalogusInhoud? LeesInhoud(JsonElement root, List<string> fouten)
    {
        var lezer = new Veldlezer(root, "catalogus", fouten);
        if (!lezer.IsObject)
        {
            return null;
        }

        lezer.AlleenVelden("versie", "beschrijving", "regelingen");
        var versie = lezer.Geheel("versie");
        lezer.Eis(versie is null or >= 1, "versie moet 1 of hoger zijn.");
        var beschrijving = lezer.Tekst("beschrijving", verplicht: false);
        var elementen = lezer.Lijst("regelingen");
        lezer.Eis(elementen is null || elementen.Count > 0, "regelingen mag niet leeg zijn.");

        var regelingen = new List<CatalogusRegeling>();
        var gezien = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (elementen?.Count ?? 0); i++)
        {
            // Checked on the raw code, so a duplicate is reported even when the entry has other errors too.
            if (CodeVan(elementen![i]) is { } code && !gezien.Add(code))
            {
                fouten.Add($"{code}: de code komt meer dan één keer voor in de catalogus.");
            }

            if (LeesRegeling(elementen[i], i, fouten) is { } regeling)
            {
                regelingen.Add(regeling);
            }
        }

        return versie is null ? null : new CatalogusInhoud { Versie = versie.Value, Beschrijving = beschrijving, Regelingen = regelingen };
    }

    private static CatalogusRegeling? LeesRegeling(JsonElement element, int index, List<string> fouten)
    {
        var onderdeel = CodeVan(element) ?? $"regelingen[{index}]";
        var lezer = new Veldlezer(element, onderdeel, fouten);
        if (!lezer.IsObject)
        {
            return null;
        }

        var aantalFouten = fouten.Count;
        lezer.AlleenVelden(
            "code", "naam", "uitvoerder", "verdeelmethode", "toegestaneAanvragerTypen", "beslistermijnWeken", "vierOgenDrempel",
            "herverdelingsbeleid", "herverdelingsbestemming", "totaalBudget", "bronnen", "aannames", "regels", "tijdvakken");

        var code = lezer.Tekst("code");
        lezer.Eis(code is null || RegelingCalculators.IsBekend(code),
            $"de code '{code}' is geen bekende regeling; bekend zijn {string.Join(", ", RegelingCodes.Alle)}.");
        var naam = lezer.Tekst("naam");
        var uitvoerder = lezer.Keuze("uitvoerder", Uitvoerders);
        var verdeelmethode = lezer.Keuze("verdeelmethode", Verdeelmethoden);
        var aanvragerTypen = lezer.Teksten("toegestaneAanvragerTypen");
        lezer.Eis(aanvragerTypen is null || aanvragerTypen.Count > 0, "toegestaneAanvragerTypen mag niet leeg zijn.");
        var beslistermijn = lezer.Geheel("beslistermijnWeken");
        lezer.Eis(beslistermijn is null or > 0, "beslistermijnWeken moet groter zijn dan 0.");
        var vierOgenDrempel = lezer.Bedrag("vierOgenDrempel");
        var herverdeling = LeesHerverdelingsbeleid(lezer);
        var totaalBudget = lezer.Bedrag("totaalBudget", verplicht: false);
        lezer.Eis(totaalBudget is null or > 0, "totaalBudget moet groter zijn dan 0 of null.");
        var bronnen = LeesBronnen(lezer);
        var aannames = LeesAannames(lezer);

        var geldigeCode = code is not null && RegelingCalculators.IsBekend(code);
        var regels = new List<CatalogusRegelsVersie>();
        var regelElementen = lezer.Lijst("regels");
        lezer.Eis(regelElementen is null || regelElementen.Count > 0, "regels moet minstens één regelsversie bevatten.");
        for (var i = 0; i < (regelElementen?.Count ?? 0); i++)
        {
            var versie = LeesRegelsVersie(regelElementen![i], $"{onderdeel}, regels[{i}]", geldigeCode ? code! : null, aanvragerTypen, fouten);
            if (versie is not null)
            {
                lezer.Eis(versie.Versie == i + 1, $"regels[{i}] heeft versie {versie.Versie}; de versies lopen op vanaf 1 zonder gaten.");
                lezer.Eis(i == 0 || regels.Count == 0 || versie.Ingangsdatum >= regels[^1].Ingangsdatum,
                    $"regelsversie {versie.Versie} gaat eerder in dan de versie ervoor.");
                regels.Add(versie);
            }
        }

        var tijdvakken = new List<CatalogusTijdvak>();
        var tijdvakElementen = lezer.Lijst("tijdvakken");
        var namen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (tijdvakElementen?.Count ?? 0); i++)
        {
            var tijdvak = LeesTijdvak(tijdvakElementen![i], onderdeel, i, verdeelmethode ?? Verdeelmethode.VolgordeVanBinnenkomst, fouten);
            if (tijdvak is null)
            {
                continue;
            }

            lezer.Eis(namen.Add(tijdvak.Naam), $"de tijdvaknaam '{tijdvak.Naam}' komt meer dan één keer voor.");
            lezer.Eis(regels.Count == 0 || regels[0].Ingangsdatum <= tijdvak.Opent,
                $"tijdvak '{tijdvak.Naam}' opent op {Datum(tijdvak.Opent)}, voordat de eerste regelsversie ingaat ({(regels.Count > 0 ? Datum(regels[0].Ingangsdatum) : "")}).");
            tijdvakken.Add(tijdvak);
        }

        // 000:634-635: the sum of all tranche plafonds may never exceed the regeling's total (SZGW €312m); an
        // unstated plafond counts as 0 until it is set (the Regelingen aggregate guards later changes).
        var somPlafonds = tijdvakken.Sum(t => t.Budgetplafond ?? 0m);
        lezer.Eis(totaalBudget is null || somPlafonds <= totaalBudget,
            $"de budgetplafonds van de tijdvakken zijn samen {Bedrag(somPlafonds)}, meer dan het totaalBudget van {Bedrag(totaalBudget ?? 0m)}.");

        if (fouten.Count > aantalFouten)
        {
            return null;
        }

        return new CatalogusRegeling
        {
            Code = code!,
            Naam = naam!,
            Uitvoerder = uitvoerder!.Value,
            Verdeelmethode = verdeelmethode!.Value,
            ToegestaneAanvragerTypen = aanvragerTypen!,
            BeslistermijnWeken = beslistermijn!.Value,
            VierOgenDrempel = vierOgenDrempel!.Value,
            Herverdelingsbeleid = herverdeling!,
            TotaalBudget = totaalBudget,
            Regels = regels,
            Tijdvakken = tijdvakken,
            Bronnen = bronnen,
            Aannames = aannames,
        };
    }

    /// <summary>The entry's code as written, to name it in messages; null when absent or not a text.</summary>
    private static string? CodeVan(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty("code", out var code)
        && code.ValueKind == JsonValueKind.String
        && !string.IsNullOrWhiteSpace(code.GetString())
            ? code.GetString()
            : null;

    private static Herverdelingsbeleid? LeesHerverdelingsbeleid(Veldlezer lezer)
    {
        var soort = lezer.Tekst("herverdelingsbeleid");
        var bestemming = lezer.Tekst("herverdelingsbestemming", verplicht: false);
        if (soort is null)
        {
            return null;
        }

        if (!Herverdelingsbeleiden.Contains(soort, StringComparer.Ordinal))
        {
            lezer.Eis(false, $"herverdelingsbeleid '{soort}' is onbekend; kies uit {string.Join(", ", Herverdelingsbeleiden)}.");
            return null;
        }

        // LIFECYCLE.md: IWO sends unspent budget "elders"; that needs a destination a person can read.
        lezer.Eis(soort != "Elders" || !string.IsNullOrWhiteSpace(bestemming), "herverdelingsbeleid Elders vraagt een herverdelingsbestemming.");
        lezer.Eis(soort == "Elders" || bestemming is null, "herverdelingsbestemming hoort alleen bij herverdelingsbeleid Elders.");
        return soort switch
        {
            "VolgendeTijdvak" => new Herverdelingsbeleid.VolgendeTijdvak(),
            "Elders" => new Herverdelingsbeleid.Elders(bestemming ?? ""),
            _ => new Herverdelingsbeleid.ProgrammaReserve(),
        };
    }

    private static CatalogusRegelsVersie? LeesRegelsVersie(
        JsonElement element, string onderdeel, string? code, IReadOnlyList<string>? aanvragerTypen, List<string> fouten)
    {
        var lezer = new Veldlezer(element, onderdeel, fouten);
        if (!lezer.IsObject)
        {
            return null;
        }

        var aantalFouten = fouten.Count;
        lezer.AlleenVelden("versie", "ingangsdatum", "parameters", "bronnen", "aannames");
        var versie = lezer.Geheel("versie");
        var ingangsdatum = lezer.Datum("ingangsdatum");
        var bronnen = LeesBronnen(lezer);
        var aannames = LeesAannames(lezer);
        RegelParameters? parameters = null;
        if (lezer.Element("parameters") is { } parameterElement && code is not null)
        {
            try
            {
                parameters = RegelsJson.LeesParameters(code, parameterElement, ParameterOpties);
            }
            catch (JsonException fout)
            {
                lezer.Eis(false, $"parameters passen niet bij regeling {code}: {fout.Message}");
            }
        }

        if (parameters is not null)
        {
            foreach (var probleem in parameters.Valideer())
            {
                lezer.Eis(false, $"parameters: {probleem}");
            }

            // The regeling's list (RegelingInstellen) and the rules version's list (the calculator) must agree,
            // or an aanvrager type admitted at the door would be refused by the rules, or the other way round.
            lezer.Eis(aanvragerTypen is null || parameters.ToegestaneAanvragerTypen.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(aanvragerTypen),
                "parameters.toegestaneAanvragerTypen wijkt af van toegestaneAanvragerTypen van de regeling.");
        }

        return fouten.Count > aantalFouten || versie is null || ingangsdatum is null || parameters is null
            ? null
            : new CatalogusRegelsVersie
            {
                Versie = versie.Value,
                Ingangsdatum = ingangsdatum.Value,
                Parameters = parameters,
                Bronnen = bronnen,
                Aannames = aannames,
            };
    }

    private static CatalogusTijdvak? LeesTijdvak(JsonElement element, string regeling, int index, Verdeelmethode standaard, List<string> fouten)
    {
        var naamTekst = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("naam", out var n) && n.ValueKind == JsonValueKind.String
            ? n.GetString()
            : null;
        var lezer = new Veldlezer(element, string.IsNullOrWhiteSpace(naamTekst) ? $"{regeling}, tijdvakken[{index}]" : $"{regeling}, tijdvak '{naamTekst}'", fouten);
        if (!lezer.IsObject)
        {
            return null;
        }

        var aantalFouten = fouten.Count;
        lezer.AlleenVelden("naam", "opent", "sluit", "budgetplafond", "verdeelmethode", "opUitnodiging", "uitnodigingen", "regels", "bronnen", "aannames", "herverdelingOp");
        var naam = lezer.Tekst("naam");
        var opent = lezer.Datum("opent");
        var sluit = lezer.Datum("sluit");
        lezer.Eis(opent is null || sluit is null || opent <= sluit, $"opent ({Datum(opent)}) ligt na sluit ({Datum(sluit)}).");
        var plafond = lezer.Bedrag("budgetplafond", verplicht: false);
        var herverdelingOp = lezer.Datum("herverdelingOp", verplicht: false);
        lezer.Eis(herverdelingOp is null || sluit is null || herverdelingOp >= sluit,
            $"herverdelingOp ({Datum(herverdelingOp)}) ligt vóór sluit ({Datum(sluit)}).");
        var verdeelmethode = lezer.Keuze("verdeelmethode", Verdeelmethoden, verplicht: false);
        var opUitnodiging = lezer.JaNee("opUitnodiging") ?? false;
        var uitnodigingen = lezer.Teksten("uitnodigingen", verplicht: false) ?? [];
        lezer.Eis(!opUitnodiging || uitnodigingen.Count > 0, "een tijdvak op uitnodiging heeft minstens één uitnodiging.");
        lezer.Eis(opUitnodiging || uitnodigingen.Count == 0, "uitnodigingen horen alleen bij een tijdvak met opUitnodiging: true.");
        foreach (var nummer in uitnodigingen)
        {
            // An aanvrager is identified by KvK number (8 digits) or OIN (20 digits) (LIFECYCLE.md glossary).
            lezer.Eis(nummer.Length is 8 or 20 && nummer.All(char.IsAsciiDigit),
                $"uitnodiging '{nummer}' is geen KvK-nummer (8 cijfers) of OIN (20 cijfers).");
        }

        lezer.Eis(uitnodigingen.Distinct(StringComparer.Ordinal).Count() == uitnodigingen.Count, "uitnodigingen bevat een nummer twee keer.");
        var regels = LeesTijdvakRegels(lezer);
        var bronnen = LeesBronnen(lezer);
        var aannames = LeesAannames(lezer);

        return fouten.Count > aantalFouten || naam is null || opent is null || sluit is null
            ? null
            : new CatalogusTijdvak
            {
                Naam = naam,
                Opent = opent.Value,
                Sluit = sluit.Value,
                Budgetplafond = plafond,
                HerverdelingOp = herverdelingOp,
                Verdeelmethode = verdeelmethode ?? standaard,
                OpUitnodiging = opUitnodiging,
                Uitnodigingen = uitnodigingen,
                Regels = regels,
                Bronnen = bronnen,
                Aannames = aannames,
            };
    }

    private static TijdvakRegels LeesTijdvakRegels(Veldlezer tijdvak)
    {
        if (tijdvak.Element("regels", verplicht: false) is not { } element)
        {
            return TijdvakRegels.Geen;
        }

        var lezer = tijdvak.Onder(element, "regels");
        if (!lezer.IsObject)
        {
            return TijdvakRegels.Geen;
        }

        lezer.AlleenVelden("uitgeslotenBeroepsgroepen", "maxLooptijdMaanden");
        var uitgesloten = lezer.Teksten("uitgeslotenBeroepsgroepen", verplicht: false) ?? [];
        var maxLooptijd = lezer.Geheel("maxLooptijdMaanden", verplicht: false);
        lezer.Eis(maxLooptijd is null or > 0, "maxLooptijdMaanden moet groter zijn dan 0.");
        return new TijdvakRegels { UitgeslotenBeroepsgroepen = uitgesloten, MaxLooptijdMaanden = maxLooptijd };
    }

    private static List<CatalogusBron> LeesBronnen(Veldlezer ouder)
    {
        var bronnen = new List<CatalogusBron>();
        foreach (var (element, i) in (ouder.Lijst("bronnen", verplicht: false) ?? []).Select((e, i) => (e, i)))
        {
            var lezer = ouder.Onder(element, $"bronnen[{i}]");
            if (!lezer.IsObject)
            {
                continue;
            }

            lezer.AlleenVelden("veld", "bron");
            var veld = lezer.Tekst("veld");
            var bron = lezer.Tekst("bron");
            lezer.Eis(bron is null || IsBronverwijzing(bron), $"bron '{bron}' is geen verwijzing als '001:736' of '001:2789-2804'.");
            if (veld is not null && bron is not null)
            {
                bronnen.Add(new CatalogusBron(veld, bron));
            }
        }

        return bronnen;
    }

    private static List<CatalogusAanname> LeesAannames(Veldlezer ouder)
    {
        var aannames = new List<CatalogusAanname>();
        foreach (var (element, i) in (ouder.Lijst("aannames", verplicht: false) ?? []).Select((e, i) => (e, i)))
        {
            var lezer = ouder.Onder(element, $"aannames[{i}]");
            if (!lezer.IsObject)
            {
                continue;
            }

            lezer.AlleenVelden("veld", "toelichting");
            var veld = lezer.Tekst("veld");
            var toelichting = lezer.Tekst("toelichting");
            if (veld is not null && toelichting is not null)
            {
                aannames.Add(new CatalogusAanname(veld, toelichting));
            }
        }

        return aannames;
    }

    /// <summary>"001:736" or "001:2789-2804": a three-digit seed file, a colon, a line or a line range.</summary>
    private static bool IsBronverwijzing(string bron)
    {
        var delen = bron.Split(':');
        if (delen.Length != 2 || delen[0].Length != 3 || !delen[0].All(char.IsAsciiDigit))
        {
            return false;
        }

        var regels = delen[1].Split('-');
        return regels.Length is 1 or 2 && regels.All(r => r.Length > 0 && r.All(char.IsAsciiDigit));
    }

    private static string Datum(DateOnly? datum) => datum?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?";

    private static string Bedrag(decimal bedrag) => "€ " + bedrag.ToString("N2", CultureInfo.InvariantCulture);

    private static JsonSerializerOptions MaakParameterOpties()
    {
        var opties = new JsonSerializerOptions(RegelsJson.Opties) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
        opties.MakeReadOnly(populateMissingResolver: true);
        return opties;
    }

    /// <summary>Reads typed fields of one JSON object and records every problem, prefixed with the entry's name.</summary>
    private sealed class Veldlezer
    {
        private readonly JsonElement _element;
        private readonly string _onderdeel;
        private readonly List<string> _fouten;

        public Veldlezer(JsonElement element, string onderdeel, List<string> fouten)
        {
            _element = element;
            _onderdeel = onderdeel;
            _fouten = fouten;
            IsObject = element.ValueKind == JsonValueKind.Object;
            Eis(IsObject, $"verwacht een object, niet {element.ValueKind}.");
        }

        public bool IsObject { get; }

        public Veldlezer Onder(JsonElement element, string pad) => new(element, $"{_onderdeel}, {pad}", _fouten);

        public void Eis(bool voorwaarde, string melding)
        {
            if (!voorwaarde)
            {
                _fouten.Add($"{_onderdeel}: {melding}");
            }
        }

        public void AlleenVelden(params string[] bekend)
        {
            foreach (var veld in _element.EnumerateObject())
            {
                Eis(bekend.Contains(veld.Name, StringComparer.Ordinal), $"onbekend veld '{veld.Name}'.");
            }
        }

        /// <summary>The element of a present, non-null field; null (and an error when required) otherwise.</summary>
        public JsonElement? Element(string naam, bool verplicht = true)
        {
            if (_element.TryGetProperty(naam, out var waarde) && waarde.ValueKind != JsonValueKind.Null)
            {
                return waarde;
            }

            Eis(!verplicht, $"het veld '{naam}' ontbreekt.");
            return null;
        }

        public string? Tekst(string naam, bool verplicht = true)
        {
            if (Element(naam, verplicht) is not { } waarde)
            {
                return null;
            }

            if (waarde.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(waarde.GetString()))
            {
                Eis(false, $"{naam} moet een niet-lege tekst zijn.");
                return null;
            }

            return waarde.GetString();
        }

        public int? Geheel(string naam, bool verplicht = true)
        {
            if (Element(naam, verplicht) is not { } waarde)
            {
                return null;
            }

            if (waarde.ValueKind != JsonValueKind.Number || !waarde.TryGetInt32(out var getal))
            {
                Eis(false, $"{naam} moet een geheel getal zijn.");
                return null;
            }

            return getal;
        }

        /// <summary>A non-negative amount in euros with at most two decimals (API.md: money has two decimals).</summary>
        public decimal? Bedrag(string naam, bool verplicht = true)
        {
            if (Element(naam, verplicht) is not { } waarde)
            {
                return null;
            }

            if (waarde.ValueKind != JsonValueKind.Number || !waarde.TryGetDecimal(out var bedrag) || bedrag < 0 || decimal.Round(bedrag, 2) != bedrag)
            {
                Eis(false, $"{naam} moet een bedrag van 0 of meer in hele centen zijn.");
                return null;
            }

            return bedrag;
        }

        public DateOnly? Datum(string naam, bool verplicht = true)
        {
            if (Element(naam, verplicht) is not { } waarde)
            {
                return null;
            }

            if (waarde.ValueKind != JsonValueKind.String
                || !DateOnly.TryParseExact(waarde.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var datum))
            {
                Eis(false, $"{naam} moet een bestaande datum als yyyy-MM-dd zijn, niet {waarde}.");
                return null;
            }

            return datum;
        }

        public bool? JaNee(string naam)
        {
            if (Element(naam, verplicht: false) is not { } waarde)
            {
                return null;
            }

            if (waarde.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Eis(false, $"{naam} moet true of false zijn.");
                return null;
            }

            return waarde.GetBoolean();
        }

        public T? Keuze<T>(string naam, Dictionary<string, T> keuzes, bool verplicht = true)
            where T : struct
        {
            var tekst = Tekst(naam, verplicht);
            if (tekst is null)
            {
                return null;
            }

            if (keuzes.TryGetValue(tekst, out var keuze))
            {
                return keuze;
            }

            Eis(false, $"{naam} '{tekst}' is onbekend; kies uit {string.Join(", ", keuzes.Keys)}.");
            return null;
        }

        public List<JsonElement>? Lijst(string naam, bool verplicht = true)
        {
            if (Element(naam, verplicht) is not { } waarde)
            {
                return null;
            }

            if (waarde.ValueKind != JsonValueKind.Array)
            {
                Eis(false, $"{naam} moet een lijst zijn.");
                return null;
            }

            return [.. waarde.EnumerateArray()];
        }

        public List<string>? Teksten(string naam, bool verplicht = true)
        {
            if (Lijst(naam, verplicht) is not { } lijst)
            {
                return null;
            }

            if (lijst.Any(e => e.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(e.GetString())))
            {
                Eis(false, $"{naam} mag alleen niet-lege teksten bevatten.");
                return null;
            }

            return [.. lijst.Select(e => e.GetString()!)];
        }
    }
}
