using System.Globalization;
using System.Text;

namespace WozoSubsidies.Benchmarks;

/// <summary>The targets and the final tables.</summary>
public static class Report
{
    public const double AppendToInsertTarget = 0.70;
    public const double BatchedTarget = 50_000;
    public const double ReadTarget = 200_000;

    public sealed record Outcome(string Target, string Measured, bool Met);

    public static IReadOnlyList<Outcome> Print(
        PhaseResult insert1, PhaseResult insert8, PhaseResult append1, PhaseResult append8,
        IReadOnlyList<PhaseResult> batched, PhaseResult batchedForTarget, PhaseResult read, PhaseResult readRaw, PhaseResult readPipelined)
    {
        var c = CultureInfo.InvariantCulture;
        var ratio1 = append1.EventsPerSecond / insert1.EventsPerSecond;
        var ratio8 = append8.EventsPerSecond / insert8.EventsPerSecond;

        var sb = new StringBuilder();
        sb.AppendLine();
        sb.AppendLine("=== Single writes: (a) raw INSERT vs (b) AppendAsync, side by side ===");
        sb.AppendLine(c, $"{"",-34} {"1 writer",26} {"8 writers",26}");
        sb.AppendLine(c, $"{"(a) INSERT autocommit, rows/s",-34} {Cell(insert1),26} {Cell(insert8),26}");
        sb.AppendLine(c, $"{"(b) AppendAsync, events/s",-34} {Cell(append1),26} {Cell(append8),26}");
        sb.AppendLine(c, $"{"(b)/(a)",-34} {Percent(ratio1),26} {Percent(ratio8),26}");

        var outcomes = new List<Outcome>
        {
            new($"(b)/(a) at 8 writers >= {Percent(AppendToInsertTarget)}", Percent(ratio8), ratio8 >= AppendToInsertTarget),
            new($"(c) batched >= {BatchedTarget:N0} events/s", batchedForTarget.EventsPerSecond.ToString("N0", c), batchedForTarget.EventsPerSecond >= BatchedTarget),
            new($"(d) read log >= {ReadTarget:N0} events/s", read.EventsPerSecond.ToString("N0", c), read.EventsPerSecond >= ReadTarget),
        };

        sb.AppendLine();
        sb.AppendLine("=== All measurements ===");
        sb.AppendLine(c, $"{"Measurement",-52} {"Writers",7} {"events/s",10} {"p50 ms",8} {"p99 ms",8} {"CPU us/event",14}  {"Target",-28} {"Result",-8}");
        sb.AppendLine(c, $"{"",-52} {"",7} {"",10} {"",8} {"",8} {"client+server",14}");
        Row(sb, insert1, "-", "");
        Row(sb, insert8, "-", "");
        Row(sb, append1, $"(b)/(a) = {Percent(ratio1)} (no target)", "info");
        Row(sb, append8, $"(b)/(a) = {Percent(ratio8)}, >= {Percent(AppendToInsertTarget)}", Met(outcomes[0].Met));
        foreach (var b in batched)
        {
            var isTarget = ReferenceEquals(b, batchedForTarget);
            Row(sb, b, isTarget ? $">= {BatchedTarget.ToString("N0", c)} events/s" : "(no target)", isTarget ? Met(outcomes[1].Met) : "info");
        }
        Row(sb, read, $">= {ReadTarget.ToString("N0", c)} events/s", Met(outcomes[2].Met));
        Row(sb, readRaw, "(diagnostic)", "info");
        Row(sb, readPipelined, "(diagnostic)", "info");
        sb.AppendLine("p50/p99: (a) per row, (b) per append call, (c) per call of a batch, (d) per page.");
        sb.AppendLine("CPU us/event: CPU time of this process + of the PostgreSQL server (postmaster and children; ? when not local) per event.");

        sb.AppendLine();
        sb.AppendLine("=== Targets ===");
        foreach (var o in outcomes)
        {
            sb.AppendLine(c, $"{o.Target,-40} measured {o.Measured,10}   {Met(o.Met)}");
        }
        Console.Write(sb.ToString());
        return outcomes;
    }

    private static string Percent(double ratio) => (ratio * 100).ToString("N0", CultureInfo.InvariantCulture) + "%";

    private static string Met(bool met) => met ? "MET" : "NOT MET";

    private static string Cell(PhaseResult r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.EventsPerSecond:N0} (p99 {r.P99Ms:N1} ms)");

    private static void Row(StringBuilder sb, PhaseResult r, string target, string result) =>
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"{r.Name,-52} {r.Workers,7} {r.EventsPerSecond,10:N0} {r.P50Ms,8:N2} {r.P99Ms,8:N2} {Cpu(r),14}  {target,-28} {result,-8}");

    private static string Cpu(PhaseResult r) => double.IsNaN(r.ServerMicrosPerEvent)
        ? string.Create(CultureInfo.InvariantCulture, $"{r.ClientMicrosPerEvent:N0}+?")
        : string.Create(CultureInfo.InvariantCulture, $"{r.ClientMicrosPerEvent:N0}+{r.ServerMicrosPerEvent:N0}");
}
