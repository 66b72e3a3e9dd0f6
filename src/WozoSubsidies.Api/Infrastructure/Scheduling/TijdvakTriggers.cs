using Npgsql;
using Quartz;
using WozoSubsidies.Api.Features.Tijdvakken;
using WozoSubsidies.Api.Infrastructure.Dispatching;
using WozoSubsidies.Domain.Gedeeld;
using WozoSubsidies.Domain.Tijdvakken;

namespace WozoSubsidies.Api.Infrastructure.Scheduling;

/// <summary>A tijdvak's own triggers: "tijdvak-openen" at the start of its open date and "tijdvak-sluiten" at the end
/// of its close date (Europe/Amsterdam). One-shot triggers with misfire "fire now": a moment missed while every node
/// was down fires once on recovery.</summary>
public sealed partial class TijdvakTriggers(ISchedulerFactory factory, SchedulingSetup.TriggerInstelling instelling, ILogger<TijdvakTriggers> logger)
{
    public const string Openen = "tijdvak-openen";
    public const string Sluiten = "tijdvak-sluiten";
    public const string TijdvakSleutel = "tijdvakId";

    public static TriggerKey Sleutel(string job, Guid tijdvakId) => new($"{job}-{tijdvakId:D}", "tijdvakken");

    /// <param name="heeftPlafond">A tijdvak without a plafond cannot open: it gets its open trigger when one is set.</param>
    public async Task BijwerkenAsync(Guid id, TijdvakStatus status, DateOnly opent, DateOnly sluit, bool heeftPlafond, CancellationToken ct)
    {
        if (!instelling.Aan)
        {
            return;
        }
        var scheduler = await factory.GetScheduler(ct);
        await ZetAsync(scheduler, Openen, id, status == TijdvakStatus.Gepland && heeftPlafond ? Amsterdam.BeginVan(opent) : null, ct);
        await ZetAsync(scheduler, Sluiten, id, status is TijdvakStatus.Gepland or TijdvakStatus.Open ? Amsterdam.EindeVan(sluit) : null, ct);
    }

    private static async Task ZetAsync(IScheduler scheduler, string job, Guid id, DateTimeOffset? moment, CancellationToken ct)
    {
        var sleutel = Sleutel(job, id);
        var bestaand = await scheduler.GetTrigger(sleutel, ct);
        if (moment is not { } op)
        {
            if (bestaand is not null)
            {
                await scheduler.UnscheduleJob(sleutel, ct);
            }
            return;
        }
        if (bestaand is not null && bestaand.StartTimeUtc == op.ToUniversalTime())
        {
            return; // already there: leave a pending trigger alone (every node syncs at start)
        }
        var trigger = TriggerBuilder.Create()
            .WithIdentity(sleutel)
            .ForJob(SchedulingSetup.Sleutel(job))
            .UsingJobData(TijdvakSleutel, id.ToString("D"))
            .StartAt(op)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, ct);
    }

    /// <summary>Called after a tijdvak changed through the API; a failure leaves the change in place (the start-up
    /// sync and the daily sweep catch up) and is logged.</summary>
    public async Task BijwerkenNaWijzigingAsync(TijdvakDetail detail, CancellationToken ct)
    {
        try
        {
            await BijwerkenAsync(detail.Id, detail.Status, detail.Opent, detail.Sluit, detail.Budget.Plafond is not null, ct);
        }
#pragma warning disable CA1031 // the tijdvak's events are stored; its triggers are repaired at the next start or sweep
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogMislukt(logger, e, detail.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Triggers of tijdvak {Tijdvak} not updated; the daily sweep catches up")]
    private static partial void LogMislukt(ILogger logger, Exception e, Guid tijdvak);
}

/// <summary>A tijdvak planned or changed through the API (re)schedules its triggers once the change is stored.</summary>
public sealed class TijdvakTriggersBijwerken<TRequest>(TijdvakTriggers triggers) : IPipelineBehavior<TRequest, TijdvakDetail>
    where TRequest : notnull
{
    public async Task<TijdvakDetail> Handle(TRequest request, RequestHandlerDelegate<TijdvakDetail> next, CancellationToken cancellationToken)
    {
        var detail = await next();
        await triggers.BijwerkenNaWijzigingAsync(detail, cancellationToken);
        return detail;
    }
}

/// <summary>At start, every tijdvak that is still to open or close gets its triggers (also those planned by the
/// catalogue loader or while this node's scheduler was unreachable).</summary>
public sealed class TriggerSynchronisatie(IHostApplicationLifetime lifetime, NpgsqlDataSource db, TijdvakTriggers triggers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var gestart = new TaskCompletionSource();
        using var registratie = lifetime.ApplicationStarted.Register(() => gestart.TrySetResult());
        await gestart.Task.WaitAsync(stoppingToken);
        await using var cmd = db.CreateCommand("select id, status, opent, sluit, plafond is not null from api.tijdvakken where status in ('Gepland', 'Open')");
        var tijdvakken = new List<(Guid, TijdvakStatus, DateOnly, DateOnly, bool)>();
        await using (var reader = await cmd.ExecuteReaderAsync(stoppingToken))
        {
            while (await reader.ReadAsync(stoppingToken))
            {
                tijdvakken.Add((reader.GetGuid(0), Enum.Parse<TijdvakStatus>(reader.GetString(1)), reader.GetFieldValue<DateOnly>(2), reader.GetFieldValue<DateOnly>(3), reader.GetBoolean(4)));
            }
        }
        foreach (var (id, status, opent, sluit, heeftPlafond) in tijdvakken)
        {
            await triggers.BijwerkenAsync(id, status, opent, sluit, heeftPlafond, stoppingToken);
        }
    }
}
