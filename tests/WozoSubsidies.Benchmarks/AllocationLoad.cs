using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using WozoSubsidies.Api.Infrastructure.Auth;

namespace WozoSubsidies.Benchmarks;

/// <summary>(f) Allocating one tijdvak's aanvragen and closing it (issue 5: 10,000 aanvragen in at most 5 s), through the
/// real API process of (e). The aanvragen are submitted with POST /api/aanvragen (the path an applicant takes; not timed
/// against the target), all on one day, against a plafond that fits 60% of them. Then one POST /api/tijdvakken/{id}/sluiting
/// is timed: it settles that day (order of receipt, a lottery because the day crosses the plafond, the rest on the
/// wachtlijst in drawn order), gives every aanvraag its place or position on its own stream, updates the read models and
/// closes the tijdvak, in one transaction. Beside it, in the same run: a raw INSERT of the same number of rows of an
/// event's size in one transaction (one batch), the floor for writing that many rows at all.</summary>
public sealed class AllocationLoad(BenchDatabase db, ApiLoad api)
{
    /// <summary>IWO, 4 jongeren × (€200 + 4 h × €70) × 12 months, as ApiLoad.Indiening submits.</summary>
    private const decimal PerAanvraag = 23_040m;

    public async Task<bool> RunAsync(int aanvragen, CancellationToken ct)
    {
        var plaatsen = aanvragen * 6 / 10;
        var baseline = await BaselineAsync(aanvragen, ct);
        // Warm-up, not counted: one small tijdvak submitted and closed, so the timed closing does not pay for JIT compilation.
        var warm = await api.PlanTijdvakAsync(PerAanvraag * 30, ct);
        await SubmitAsync(warm, 50, clients: 8, ct);
        await SluitAsync(warm, ct);

        var tijdvak = await api.PlanTijdvakAsync(PerAanvraag * plaatsen, ct);

        var submit = Stopwatch.StartNew();
        await SubmitAsync(tijdvak, aanvragen, clients: 32, ct);
        var submitSeconds = submit.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(f) submitted {aanvragen:N0} aanvragen with POST /api/aanvragen, 32 clients: {submitSeconds:N1} s ({aanvragen / submitSeconds:N0}/s; not part of the target)"));

        var cpuVoor = CpuSample.Take();
        var apiCpuVoor = api.ApiCpu();
        var klok = Stopwatch.StartNew();
        var body = await SluitAsync(tijdvak, ct);
        var seconds = klok.Elapsed.TotalSeconds;
        var cpu = CpuUsage.Between(cpuVoor, CpuSample.Take());
        var apiCpu = (api.ApiCpu() - apiCpuVoor).TotalSeconds;

        // What the closing did, checked against the read models written in its transaction.
        var budget = JsonDocument.Parse(body).RootElement.GetProperty("budget");
        var wachtend = await db.ScalarAsync<long>($"select count(*) from api.aanvragen where tijdvak_id = '{tijdvak}' and wacht_op_plaatsing", ct);
        var opWachtlijst = await db.ScalarAsync<long>($"select count(*) from api.aanvragen where tijdvak_id = '{tijdvak}' and status = 'OpWachtlijst'", ct);
        var klopt = budget.GetProperty("beslag").GetDecimal() == PerAanvraag * plaatsen && budget.GetProperty("wachtlijst").GetInt32() == aanvragen - plaatsen
            && wachtend == 0 && opWachtlijst == aanvragen - plaatsen;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(f) closing: {plaatsen:N0} placed, {aanvragen - plaatsen:N0} on the wachtlijst by lottery, {wachtend} left waiting: {(klopt ? "as expected" : "NOT AS EXPECTED")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(f) allocate and close {aanvragen:N0} aanvragen: {seconds:N2} s; baseline INSERT of {aanvragen:N0} rows in one transaction: {baseline:N2} s " +
            $"(ratio {seconds / baseline:N1}x); CPU used meanwhile: API process {apiCpu:N2} s, PostgreSQL {cpu.ServerCores * cpu.WallSeconds:N2} s; " +
            $"cores busy with anything else {Math.Max(0, cpu.OtherCores - apiCpu / cpu.WallSeconds):N2} of {Environment.ProcessorCount}; load average {File.ReadAllText("/proc/loadavg").Trim()}"));
        var met = seconds <= 5 && klopt;
        Console.WriteLine($"target: allocating and closing {aanvragen:N0} aanvragen in at most 5 s: {(met ? "MET" : "NOT MET")}");
        return met;
    }

    private async Task<string> SluitAsync(Guid tijdvak, CancellationToken ct)
    {
        using var sluiting = new HttpRequestMessage(HttpMethod.Post, $"/api/tijdvakken/{tijdvak}/sluiting");
        sluiting.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Token("bench-beheerder", Rollen.Beheerder));
        using var response = await api.Http.SendAsync(sluiting, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return response.StatusCode == HttpStatusCode.OK ? body : throw new InvalidOperationException($"Closing answered {(int)response.StatusCode}: {body}");
    }

    private async Task SubmitAsync(Guid tijdvak, int aanvragen, int clients, CancellationToken ct)
    {
        var volgende = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
        {
            var org = (50_000_000 + worker).ToString(CultureInfo.InvariantCulture);
            var token = api.Token($"bench-{org}", Rollen.Aanvrager, new Dictionary<string, string> { ["org"] = org });
            var json = JsonSerializer.SerializeToUtf8Bytes(ApiLoad.Indiening(org, tijdvak));
            while (Interlocked.Increment(ref volgende) <= aanvragen)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/aanvragen") { Content = new ByteArrayContent(json) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await api.Http.SendAsync(request, ct);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"POST /api/aanvragen answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                }
            }
        }));
    }

    /// <summary>INSERT of <paramref name="rows"/> rows (bigint, uuid, a jsonb payload of an event's size) in one batch and
    /// one transaction: the floor for writing that many rows.</summary>
    private async Task<double> BaselineAsync(int rows, CancellationToken ct)
    {
        await db.ExecuteAsync("create table if not exists public.bench_allocation (id bigint primary key, event_id uuid not null, payload jsonb not null)", ct);
        var factory = new EventFactory(6000);
        var payloads = Enumerable.Range(0, rows).Select(_ => JsonSerializer.Serialize(new { data = factory.NextEvent(), metadata = factory.NextMetadata() }, EventFactory.JsonOptions)).ToList();
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var klok = Stopwatch.StartNew();
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(conn, tx);
        for (var i = 0; i < rows; i++)
        {
            var cmd = new NpgsqlBatchCommand("insert into public.bench_allocation (id, event_id, payload) values ($1, $2, $3)");
            cmd.Parameters.Add(new NpgsqlParameter { Value = (long)i });
            cmd.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = payloads[i], NpgsqlDbType = NpgsqlDbType.Jsonb });
            batch.BatchCommands.Add(cmd);
        }
        await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return klok.Elapsed.TotalSeconds;
    }
}
