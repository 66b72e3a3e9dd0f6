using System.Threading.Channels;
using Npgsql;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Api.Infrastructure.EventSourcing;

/// <summary>Group commit for the append path without a guard (<see cref="EventWriter.AppendWithCommandsAsync"/>): units
/// of work that arrive while the database is busy go to PostgreSQL together, as one batch in one transaction, so many
/// requests share one round trip, one commit and one WAL flush (docs/benchmarks.md, phase e).
/// <para>What each caller can rely on is unchanged: its unit is atomic (its events, read-model rows and stored response
/// commit together or not at all), and its task completes only after the commit. Units that touch the same stream never
/// share a batch (the second would meet the first's new version); they go one after the other. When a shared batch
/// fails, nothing of it was stored, and every unit in it is run again on its own, so each caller gets its own outcome
/// (a conflict, a duplicate, a lost idempotency race) and no unit fails for another's sake.</para></summary>
public sealed partial class GroupCommit : IAsyncDisposable
{
    // Two batches in flight keep both cores of PostgreSQL busy while the API prepares the next; 64 units bound a batch.
    private const int Writers = 2;
    private const int MaxUnits = 64;

    private readonly PostgresEventStore _store;
    private readonly ILogger<GroupCommit> _logger;
    private readonly Channel<Unit> _queue = Channel.CreateUnbounded<Unit>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });
    private readonly Task[] _writers;

    private sealed record Unit(IReadOnlyList<StreamAppend> Appends, IReadOnlyList<NpgsqlBatchCommand> Commands, CancellationToken Ct)
    {
        public TaskCompletionSource<AppendResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public GroupCommit(PostgresEventStore store, ILogger<GroupCommit> logger)
    {
        (_store, _logger) = (store, logger);
        _writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteAsync)).ToArray();
    }

    /// <summary>Appends and runs <paramref name="commands"/> in one transaction, possibly together with other callers'
    /// units; completes after the commit. Cancellation counts only while the unit still waits for its batch.</summary>
    public Task<AppendResult> AppendAsync(IReadOnlyList<StreamAppend> appends, IReadOnlyList<NpgsqlBatchCommand> commands, CancellationToken ct)
    {
        var unit = new Unit(appends, commands, ct);
        if (!_queue.Writer.TryWrite(unit))
        {
            // The host is stopping: run it here rather than refuse work that was decided.
            return _store.AppendWithCommandsAsync(appends, commands, ct);
        }
        return unit.Done.Task;
    }

    private async Task WriteAsync()
    {
        var reader = _queue.Reader;
        // A unit that shares a stream with the batch being formed waits for the next batch of this writer.
        var later = new List<Unit>();
        while (later.Count > 0 || await reader.WaitToReadAsync())
        {
            var batch = new List<Unit>();
            var streams = new HashSet<string>(StringComparer.Ordinal);
            var carried = later.ToList();
            later.Clear();
            foreach (var unit in carried)
            {
                Take(unit, batch, streams, later);
            }
            while (batch.Count < MaxUnits && reader.TryRead(out var unit))
            {
                Take(unit, batch, streams, later);
            }
            if (batch.Count > 0)
            {
                await CommitAsync(batch);
            }
        }
    }

    private static void Take(Unit unit, List<Unit> batch, HashSet<string> streams, List<Unit> later)
    {
        if (unit.Ct.IsCancellationRequested)
        {
            unit.Done.TrySetCanceled(unit.Ct);
            return;
        }
        if (unit.Appends.Any(a => streams.Contains(a.StreamId)))
        {
            later.Add(unit);
            return;
        }
        streams.UnionWith(unit.Appends.Select(a => a.StreamId));
        batch.Add(unit);
    }

    private async Task CommitAsync(List<Unit> batch)
    {
        if (batch.Count == 1)
        {
            await AloneAsync(batch[0]);
            return;
        }
        AppendResult result;
        try
        {
            // One set-based append for all the batch's streams (eventstore.append_many): cheaper per stream than a call each.
            // The read-model rows of all its aanvragen as one statement per table, not one per request.
            result = await _store.AppendWithCommandsAsync(batch.SelectMany(u => u.Appends).ToList(),
                SetBasedCommands.Merge(batch.SelectMany(u => u.Commands), AanvraagReadModel.SamenvoegbareSql), bulkFrom: 2, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Nothing of the batch was stored (one transaction): give every unit its own attempt and its own outcome.
            LogBatchFailed(_logger, batch.Count, e);
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (unit, _) => new ValueTask(AloneAsync(unit)));
            return;
        }
        foreach (var unit in batch)
        {
            var own = unit.Appends.Select(a => a.StreamId).ToHashSet(StringComparer.Ordinal);
            unit.Done.TrySetResult(new AppendResult(result.Events.Where(e => own.Contains(e.StreamId)).ToList()));
        }
    }

    private async Task AloneAsync(Unit unit)
    {
        try
        {
            unit.Done.TrySetResult(await _store.AppendWithCommandsAsync(unit.Appends, unit.Commands, CancellationToken.None));
        }
        catch (Exception e)
        {
            unit.Done.TrySetException(e);
        }
    }

    /// <summary>Stops taking units and finishes those already queued: nothing decided is dropped at shutdown.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    // Debug: the units' own outcomes (a conflict retried, a duplicate) are what matters and are reported by them.
    [LoggerMessage(Level = LogLevel.Debug, Message = "A group commit of {Units} units failed; each unit runs again on its own")]
    private static partial void LogBatchFailed(ILogger logger, int units, Exception error);
}
