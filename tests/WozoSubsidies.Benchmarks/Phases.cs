using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Benchmarks;

/// <summary>The four measurements. All run against the same database, one after the other.</summary>
public sealed class Phases(BenchDatabase db, PostgresEventStore store, BenchmarkOptions options)
{
    private long _baselineId;

    /// <summary>(a) The floor to compare with: one autocommitted INSERT of one row (bigint id, uuid, jsonb of an
    /// event's size) per round trip. Every row is a commit, so this is what fsync and one round trip allow.</summary>
    public async Task<PhaseResult> BaselineInsertAsync(int connections, CancellationToken ct)
    {
        await db.ExecuteAsync(
            "create table if not exists public.bench_baseline (id bigint primary key, event_id uuid not null, payload jsonb not null)", ct);
        return await Runner.RunAsync("(a) baseline INSERT, autocommit", connections, 1, options.Warmup, options.Duration, worker =>
        {
            var factory = new EventFactory(1000 + worker);
            return async token =>
            {
                var data = factory.NextEvent();
                var payload = JsonSerializer.Serialize(
                    new { type = store.Registry.NameOf(data.GetType()), data, metadata = factory.NextMetadata() },
                    EventFactory.JsonOptions);
                await using var cmd = db.DataSource.CreateCommand(
                    "insert into public.bench_baseline (id, event_id, payload) values ($1, $2, $3)");
                cmd.Parameters.Add(new NpgsqlParameter { Value = Interlocked.Increment(ref _baselineId) });
                cmd.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
                cmd.Parameters.Add(new NpgsqlParameter { Value = payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
                await cmd.ExecuteNonQueryAsync(token);
            };
        }, ct);
    }

    /// <summary>(b) One event per AppendAsync with an expected-version check; each writer owns its stream, so there
    /// are no conflicts and the figure is the cost of the append itself.</summary>
    public Task<PhaseResult> SingleAppendsAsync(int writers, CancellationToken ct) =>
        Runner.RunAsync("(b) AppendAsync, 1 event, expected version", writers, 1, options.Warmup, options.Duration, worker =>
        {
            var factory = new EventFactory(2000 + worker);
            var streamId = $"aanvraag-{Guid.NewGuid()}";
            long version = 0;
            return async token =>
            {
                var result = await store.AppendAsync(
                    new StreamAppend(streamId, "aanvraag", ExpectedVersion.Of(version), [factory.NextToAppend()]), token);
                version = result.Events[^1].StreamVersion;
            };
        }, ct);

    /// <summary>(c) Many events per call (an import, a replay into a new store): one stream per writer, 1,000 events
    /// per AppendAsync, expected version checked.</summary>
    public Task<PhaseResult> BatchedAppendsAsync(int writers, TimeSpan warmup, TimeSpan duration, CancellationToken ct) =>
        Runner.RunAsync($"(c) AppendAsync, {options.BatchSize:N0} events per call", writers, options.BatchSize, warmup, duration, worker =>
        {
            var factory = new EventFactory(3000 + worker);
            var streamId = $"import-{Guid.NewGuid()}";
            long version = 0;
            return async token =>
            {
                var events = new EventToAppend[options.BatchSize];
                for (var i = 0; i < events.Length; i++)
                {
                    events[i] = factory.NextToAppend();
                }
                var result = await store.AppendAsync(new StreamAppend(streamId, "import", ExpectedVersion.Of(version), events), token);
                version = result.Events[^1].StreamVersion;
            };
        }, ct);

    /// <summary>Tops the log up with batched appends until it holds at least <see cref="BenchmarkOptions.MinimumLogEvents"/>.</summary>
    public async Task<long> FillLogAsync(CancellationToken ct)
    {
        var count = await db.ScalarAsync<long>("select count(*) from eventstore.events", ct);
        if (count >= options.MinimumLogEvents)
        {
            return count;
        }
        var factory = new EventFactory(4000);
        var streamId = $"fill-{Guid.NewGuid()}";
        long version = 0;
        while (count < options.MinimumLogEvents)
        {
            var events = new EventToAppend[options.BatchSize];
            for (var i = 0; i < events.Length; i++)
            {
                events[i] = factory.NextToAppend();
            }
            var result = await store.AppendAsync(new StreamAppend(streamId, "import", ExpectedVersion.Of(version), events), ct);
            version = result.Events[^1].StreamVersion;
            count += events.Length;
        }
        return count;
    }

    /// <summary>(d) What a projection rebuild does: ReadLogAsync page after page until an empty page, every event
    /// deserialised to its CLR type (and its metadata). The first full pass is the warm-up; then whole passes are
    /// timed until the duration is used up. Latencies are per page. With <paramref name="raw"/> the same pages come
    /// from ReadLogRawAsync and nothing is deserialised: the difference is what deserialising costs. Pipelined
    /// overlaps the two with the store's public API only: the next raw page is read while the previous one is
    /// deserialised with <see cref="PostgresEventStore.ToRecorded"/>, as a projection runner could.</summary>
    public async Task<PhaseResult> ReadLogAsync(long expectedEvents, ReadMode mode, CancellationToken ct)
    {
        Func<List<long>?, CancellationToken, Task<long>> read = mode switch
        {
            ReadMode.Raw => ReadWholeLogRawAsync,
            ReadMode.Pipelined => ReadWholeLogPipelinedAsync,
            _ => ReadWholeLogAsync,
        };
        var warmEvents = await read(null, ct);
        if (warmEvents < expectedEvents)
        {
            throw new InvalidOperationException($"The log returned {warmEvents} events, {expectedEvents} were stored.");
        }

        var pages = new List<long>();
        long events = 0;
        var cpuFrom = CpuSample.Take();
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        do
        {
            events += await read(pages, ct);
        }
        while (Stopwatch.GetTimestamp() < deadline && !ct.IsCancellationRequested);
        var cpu = CpuUsage.Between(cpuFrom, CpuSample.Take());
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var latencies = pages.Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToList();
        var name = mode switch
        {
            ReadMode.Raw => $"(d0) ReadLogRawAsync pages of {options.PageSize:N0}, no deserialising",
            ReadMode.Pipelined => $"(d1) raw page n+1 read while page n is deserialised",
            _ => $"(d) ReadLogAsync pages of {options.PageSize:N0} + deserialise",
        };
        return new PhaseResult(name, 1, pages.Count, events, seconds, latencies, cpu);
    }

    private async Task<long> ReadWholeLogAsync(List<long>? pageTimes, CancellationToken ct)
    {
        long after = 0;
        long events = 0;
        decimal checksum = 0;
        while (true)
        {
            var t0 = Stopwatch.GetTimestamp();
            var page = await store.ReadLogAsync(after, options.PageSize, ct);
            // Use every event as a projection would, so nothing deserialised goes unused.
            foreach (var e in page.Events)
            {
                checksum += e.Data switch
                {
                    AanvraagIngediend i => i.AangevraagdBedrag,
                    AanvraagPlaatsToegewezen p => p.BeslagNa,
                    AanvullingGevraagd g => g.TermijnDagen,
                    _ => throw new InvalidOperationException($"Unexpected event {e.EventType}."),
                } + e.Metadata.ActorId.Length;
            }
            pageTimes?.Add(Stopwatch.GetTimestamp() - t0);
            if (page.Events.Count == 0)
            {
                GC.KeepAlive(checksum);
                return events;
            }
            events += page.Events.Count;
            after = page.NextPosition;
        }
    }

    private async Task<long> ReadWholeLogPipelinedAsync(List<long>? pageTimes, CancellationToken ct)
    {
        long events = 0;
        decimal checksum = 0;
        var t0 = Stopwatch.GetTimestamp();
        var next = ReadRawPageAsync(0, ct);
        while (true)
        {
            var page = await next;
            if (page.Count == 0)
            {
                pageTimes?.Add(Stopwatch.GetTimestamp() - t0);
                GC.KeepAlive(checksum);
                return events;
            }
            next = ReadRawPageAsync(page[^1].Position, ct);
            foreach (var raw in page)
            {
                var e = store.ToRecorded(raw);
                checksum += e.Data switch
                {
                    AanvraagIngediend i => i.AangevraagdBedrag,
                    AanvraagPlaatsToegewezen p => p.BeslagNa,
                    AanvullingGevraagd g => g.TermijnDagen,
                    _ => throw new InvalidOperationException($"Unexpected event {e.EventType}."),
                } + e.Metadata.ActorId.Length;
            }
            events += page.Count;
            pageTimes?.Add(Stopwatch.GetTimestamp() - t0);
            t0 = Stopwatch.GetTimestamp();
        }
    }

    private Task<List<RawEvent>> ReadRawPageAsync(long after, CancellationToken ct) => Task.Run(async () =>
    {
        var page = new List<RawEvent>(options.PageSize);
        await foreach (var e in store.ReadLogRawAsync(after, options.PageSize, ct))
        {
            page.Add(e);
        }
        return page;
    }, ct);

    private async Task<long> ReadWholeLogRawAsync(List<long>? pageTimes, CancellationToken ct)
    {
        long after = 0;
        long events = 0;
        long bytes = 0;
        while (true)
        {
            var t0 = Stopwatch.GetTimestamp();
            var count = 0;
            await foreach (var e in store.ReadLogRawAsync(after, options.PageSize, ct))
            {
                bytes += e.Data.Length + e.Metadata.Length;
                after = e.Position;
                count++;
            }
            pageTimes?.Add(Stopwatch.GetTimestamp() - t0);
            if (count == 0)
            {
                GC.KeepAlive(bytes);
                return events;
            }
            events += count;
        }
    }
}

public enum ReadMode
{
    Deserialise,
    Raw,
    Pipelined,
}
