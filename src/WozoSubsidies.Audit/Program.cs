using WozoSubsidies.Audit;

// The auditor's command-line tool: verify the hash chains and replay the log, on an export file or against the API.
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
return await new AuditCli(Console.Out, Console.Error, Voortgang.NaarTerminal(Console.Error)).RunAsync(args, cts.Token);
