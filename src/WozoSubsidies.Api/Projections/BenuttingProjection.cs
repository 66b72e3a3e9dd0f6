using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace WozoSubsidies.Api.Projections;

/// <summary>The utilisation report's rows (0004_projecties.sql), folded by the async daemon: per tijdvak its regeling,
/// dates and plafond; per aanvraag its tijdvak, its one category and its requested and granted amounts. The report sums
/// them per tijdvak (Features/Rapportages). It reads ten fields of the events it needs, not whole events.</summary>
public sealed class BenuttingProjection : IProjection
{
    public const string Name = "benutting";

    public const string Toegekend = "Toegekend";
    public const string InBehandeling = "InBehandeling";
    public const string Afgewezen = "Afgewezen";
    public const string Ingetrokken = "Ingetrokken";

    // Which category an event puts its aanvraag in (null: it only changes amounts). A toekenning revoked in full grants
    // nothing and counts as refused; a buiten-behandeling-stelling is a refusal to decide and counts as refused.
    private static readonly Dictionary<string, string?> AanvraagEvents = new(StringComparer.Ordinal)
    {
        ["aanvraag-ingediend.v1"] = InBehandeling,
        ["aanvulling-ontvangen.v1"] = null,
        ["aanvraag-in-behandeling-genomen.v1"] = InBehandeling,
        ["aanvraag-toegekend.v1"] = Toegekend,
        ["aanvraag-afgewezen.v1"] = Afgewezen,
        ["aanvraag-buiten-behandeling-gesteld.v1"] = Afgewezen,
        ["aanvraag-ingetrokken.v1"] = Ingetrokken,
        ["toekenning-ingetrokken.v1"] = null,
        ["subsidie-vastgesteld.v1"] = null,
    };

    private static readonly string[] TijdvakEvents =
        ["tijdvak-gepland.v1", "budgetplafond-gewijzigd.v1", "budget-overgeboekt.v1", "budget-ontvangen.v1"];

    public string Naam => Name;

    public IReadOnlyList<string> Tabellen { get; } = ["benutting_tijdvakken", "benutting_aanvragen"];

    public IReadOnlyCollection<string>? EventTypes { get; } = [.. TijdvakEvents, .. AanvraagEvents.Keys];

    // Positional, as text: [tijdvakId, aanvraagId, regelingCode, naam, opent, sluit, plafond, aangevraagd, toegekend, volledig];
    // a position with two keys takes the first one present.
    private static readonly string[][] Velden =
    [
        ["tijdvakId"], ["aanvraagId"], ["regelingCode"], ["naam"], ["opent"], ["sluit"], ["plafondNa", "plafond"],
        ["aangevraagdBedrag"], ["vastgesteldNa", "toegekendNa"], ["volledig"],
    ];

    private static readonly TopVelden Lezer = new(Velden);

    // The stored canonical text (migration 0006), with the ten fields picked out here: PostgreSQL only decompresses it.
    // Picking them out in SQL (jsonb_to_record, ->>) cost the server 8.5 us per large event against about 1 us to send
    // the text, and the server is the rebuild's busier side (docs/benchmarks.md, phase g).
    public string DataExpression => "data_text";

    private sealed class TijdvakRij
    {
        public string? Regeling;
        public string? Naam;
        public DateOnly? Opent;
        public DateOnly? Sluit;
        public decimal? Plafond;
    }

    private sealed class AanvraagRij
    {
        public Guid? Tijdvak;
        public string? Categorie;
        public decimal? Aangevraagd;
        public decimal? Toegekend;
    }

    // Set by a rebuild (BeginLeeg): the aanvragen this instance has written so far into tables that started empty. Any other
    // is not there yet, so its row is inserted without ON CONFLICT, which cost the server about twice as much per row
    // (docs/benchmarks.md, phase g); live (null) every row is an upsert.
    private HashSet<Guid>? _geschreven;

    public void BeginLeeg() => _geschreven = [];

    public async Task ApplyAsync(IReadOnlyList<ProjectionEvent> batch, string schema, NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var tijdvakken = new Dictionary<Guid, TijdvakRij>();
        var aanvragen = new Dictionary<Guid, AanvraagRij>();
        foreach (var e in batch)
        {
            var velden = e.Voorgelezen as string?[] ?? LeesVelden(e);
            if (AanvraagEvents.TryGetValue(e.EventType, out var categorie))
            {
                var id = Guid.Parse(velden[1]!);
                if (!aanvragen.TryGetValue(id, out var rij))
                {
                    aanvragen[id] = rij = new AanvraagRij();
                }
                rij.Tijdvak = velden[0] is { } t ? Guid.Parse(t) : rij.Tijdvak;
                rij.Aangevraagd = Bedrag(velden[7]) ?? rij.Aangevraagd;
                rij.Categorie = categorie ?? rij.Categorie;
                if (e.EventType == "toekenning-ingetrokken.v1" && velden[9] == "true")
                {
                    rij.Categorie = Afgewezen;
                }
                if (e.EventType is "aanvraag-toegekend.v1" or "toekenning-ingetrokken.v1" or "subsidie-vastgesteld.v1")
                {
                    rij.Toegekend = Bedrag(velden[8]);
                }
            }
            else
            {
                var id = Guid.Parse(velden[0]!);
                if (!tijdvakken.TryGetValue(id, out var rij))
                {
                    tijdvakken[id] = rij = new TijdvakRij();
                }
                rij.Regeling = velden[2] ?? rij.Regeling;
                rij.Naam = velden[3] ?? rij.Naam;
                rij.Opent = velden[4] is { } o ? DateOnly.Parse(o, CultureInfo.InvariantCulture) : rij.Opent;
                rij.Sluit = velden[5] is { } s ? DateOnly.Parse(s, CultureInfo.InvariantCulture) : rij.Sluit;
                rij.Plafond = Bedrag(velden[6]) ?? rij.Plafond;
            }
        }

        await using var write = new NpgsqlBatch(conn, tx);
        if (tijdvakken.Count > 0)
        {
            var cmd = new NpgsqlBatchCommand(
                $"""
                 insert into {schema}.benutting_tijdvakken as t (tijdvak_id, regeling_code, naam, opent, sluit, plafond)
                 select * from unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::date[], $6::numeric[])
                 on conflict (tijdvak_id) do update set regeling_code = coalesce(excluded.regeling_code, t.regeling_code),
                     naam = coalesce(excluded.naam, t.naam), opent = coalesce(excluded.opent, t.opent),
                     sluit = coalesce(excluded.sluit, t.sluit), plafond = coalesce(excluded.plafond, t.plafond)
                 """);
            var rijen = tijdvakken.ToList();
            Array(cmd, rijen.Select(r => r.Key).ToArray(), NpgsqlDbType.Uuid);
            Array(cmd, rijen.Select(r => r.Value.Regeling).ToArray(), NpgsqlDbType.Text);
            Array(cmd, rijen.Select(r => r.Value.Naam).ToArray(), NpgsqlDbType.Text);
            Array(cmd, rijen.Select(r => r.Value.Opent).ToArray(), NpgsqlDbType.Date);
            Array(cmd, rijen.Select(r => r.Value.Sluit).ToArray(), NpgsqlDbType.Date);
            Array(cmd, rijen.Select(r => r.Value.Plafond).ToArray(), NpgsqlDbType.Numeric);
            write.BatchCommands.Add(cmd);
        }
        List<KeyValuePair<Guid, AanvraagRij>> nieuw = [], bekend = [];
        foreach (var rij in aanvragen)
        {
            (_geschreven?.Add(rij.Key) == true ? nieuw : bekend).Add(rij);
        }
        AanvraagRijen(write, schema, nieuw, upsert: false);
        AanvraagRijen(write, schema, bekend, upsert: true);
        if (write.BatchCommands.Count > 0)
        {
            await write.ExecuteNonQueryAsync(ct);
        }
    }

    private static void AanvraagRijen(NpgsqlBatch write, string schema, List<KeyValuePair<Guid, AanvraagRij>> rijen, bool upsert)
    {
        if (rijen.Count == 0)
        {
            return;
        }
        var cmd = new NpgsqlBatchCommand(
            $"""
             insert into {schema}.benutting_aanvragen as a (aanvraag_id, tijdvak_id, categorie, aangevraagd, toegekend)
             select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::numeric[], $5::numeric[])
             """ + (upsert
                ? """

                  on conflict (aanvraag_id) do update set tijdvak_id = coalesce(excluded.tijdvak_id, a.tijdvak_id),
                      categorie = coalesce(excluded.categorie, a.categorie), aangevraagd = coalesce(excluded.aangevraagd, a.aangevraagd),
                      toegekend = coalesce(excluded.toegekend, a.toegekend)
                  """
                : ""));
        Array(cmd, rijen.Select(r => r.Key).ToArray(), NpgsqlDbType.Uuid);
        Array(cmd, rijen.Select(r => r.Value.Tijdvak).ToArray(), NpgsqlDbType.Uuid);
        Array(cmd, rijen.Select(r => r.Value.Categorie).ToArray(), NpgsqlDbType.Text);
        Array(cmd, rijen.Select(r => r.Value.Aangevraagd).ToArray(), NpgsqlDbType.Numeric);
        Array(cmd, rijen.Select(r => r.Value.Toegekend).ToArray(), NpgsqlDbType.Numeric);
        write.BatchCommands.Add(cmd);
    }

    public object? Voorlezen(ProjectionEvent e) => LeesVelden(e);

    private static string?[] LeesVelden(ProjectionEvent e)
    {
        var velden = new string?[Lezer.Aantal];
        Lezer.Lees(e.Data, velden);
        return velden;
    }

    private static void Array<T>(NpgsqlBatchCommand cmd, T[] values, NpgsqlDbType type) =>
        cmd.Parameters.Add(new NpgsqlParameter { Value = values, NpgsqlDbType = NpgsqlDbType.Array | type });

    private static decimal? Bedrag(string? tekst) =>
        tekst is null ? null : decimal.Parse(tekst, NumberStyles.Number, CultureInfo.InvariantCulture);
}
