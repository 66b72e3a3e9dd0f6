using Npgsql;
using WozoSubsidies.Api.Infrastructure.Idempotency;
using WozoSubsidies.EventStore;

namespace WozoSubsidies.Api.Infrastructure.EventSourcing;

/// <summary>The one way handlers write: events to one or more streams, the inline read models (the caller's
/// <c>inline</c> work) and the stored idempotent response, all in one transaction.</summary>
public sealed class EventWriter(PostgresEventStore store, GroupCommit groupCommit, IdempotencyContext idempotency)
{
    public PostgresEventStore Store => store;

    public async Task<AppendResult> AppendAsync(
        IReadOnlyList<StreamAppend> appends, Func<InlineContext, CancellationToken, Task>? inline, CancellationToken ct)
    {
        var nonEmpty = appends.Where(a => a.Events.Count > 0).ToList();
        try
        {
            return await store.AppendAsync(nonEmpty, async (ctx, token) =>
            {
                if (inline is not null)
                {
                    await inline(ctx, token);
                }
                await idempotency.RecordAsync(ctx.Connection, ctx.Transaction, token);
            }, ct);
        }
        catch (PostgresException e) when (IsIdempotencyRace(e))
        {
            // Another request with the same key committed first: nothing of ours was stored; replay theirs.
            throw new IdempotencyRaceException(e);
        }
    }

    /// <summary>The same, with inline work that needs nothing the append returns (read-model rows whose version is
    /// known before the append): the events, those statements and the idempotent response go to PostgreSQL as one
    /// batch in one implicit transaction, one round trip instead of four (append, inline, response, commit), and
    /// together with other requests' units that arrive meanwhile (<see cref="GroupCommit"/>).</summary>
    public async Task<AppendResult> AppendWithCommandsAsync(
        IReadOnlyList<StreamAppend> appends, IEnumerable<NpgsqlBatchCommand> inline, CancellationToken ct)
    {
        var nonEmpty = appends.Where(a => a.Events.Count > 0).ToList();
        var commands = inline.ToList();
        if (idempotency.RecordCommand() is { } record)
        {
            commands.Add(record);
        }
        try
        {
            return await groupCommit.AppendAsync(nonEmpty, commands, ct);
        }
        catch (PostgresException e) when (IsIdempotencyRace(e))
        {
            throw new IdempotencyRaceException(e);
        }
    }

    private static bool IsIdempotencyRace(PostgresException e) =>
        e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "idempotency_keys_pkey";
}
