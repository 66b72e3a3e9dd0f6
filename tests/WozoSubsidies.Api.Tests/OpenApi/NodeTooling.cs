using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace WozoSubsidies.Api.Tests.OpenApi;

/// <summary>The npm project in OpenApi/tooling (Redocly CLI, @hey-api/openapi-ts, TypeScript, versions locked in
/// package-lock.json). <c>npm ci</c> runs at most once per lock-file version: in this process behind a Lazy, across
/// processes behind a lock file in the temp folder, and not at all while node_modules carries the lock file's hash.</summary>
internal static class NodeTooling
{
    public static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(3);
    private const string Marker = ".wozo-lock.sha256";

    private static readonly Lazy<Task<InstallResult>> Install = new(() => Task.Run(InstallAsync));

    /// <summary>tests/WozoSubsidies.Api.Tests/OpenApi/tooling in the source tree (found from the test binaries upwards).</summary>
    public static string Folder { get; } = FindFolder();

    public sealed record InstallResult(bool Ran, TimeSpan Duration, string Output);

    public sealed record ToolResult(int ExitCode, string Output, TimeSpan Duration);

    /// <summary>Makes sure node_modules matches package-lock.json; fails the test with the npm output if it cannot.</summary>
    public static Task<InstallResult> EnsureInstalledAsync() => Install.Value;

    /// <summary>Runs <c>npx --no-install &lt;arguments&gt;</c> in the tooling folder.</summary>
    public static Task<ToolResult> NpxAsync(params string[] arguments) => RunAsync("npx", ["--no-install", .. arguments], ToolTimeout);

    private static async Task<InstallResult> InstallAsync()
    {
        var lockHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(Folder, "package-lock.json"))));
        var markerPath = Path.Combine(Folder, "node_modules", Marker);
        if (Current(markerPath, lockHash))
        {
            return new InstallResult(false, TimeSpan.Zero, "node_modules is current");
        }

        // Another test process (another test assembly, a second dotnet test) may be installing right now.
        var lockPath = Path.Combine(Path.GetTempPath(),
            "wozo-openapi-tooling-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Folder)))[..16] + ".lock");
        using var gate = await AcquireAsync(lockPath, InstallTimeout);
        if (Current(markerPath, lockHash))
        {
            return new InstallResult(false, TimeSpan.Zero, "node_modules was installed by another process");
        }

        var result = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], InstallTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed in {Folder} (exit {result.ExitCode}):\n{result.Output}");
        }
        await File.WriteAllTextAsync(markerPath, lockHash);
        return new InstallResult(true, result.Duration, result.Output);
    }

    private static bool Current(string markerPath, string lockHash) =>
        File.Exists(markerPath) && File.ReadAllText(markerPath).Trim() == lockHash;

    private static async Task<FileStream> AcquireAsync(string path, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task<ToolResult> RunAsync(string command, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Plain, deterministic output: no colours, no update or telemetry chatter.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";
        start.Environment["NO_UPDATE_NOTIFIER"] = "1";
        start.Environment["npm_config_update_notifier"] = "false";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["CI"] = "true";

        var output = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{command}' was not found: the OpenAPI contract test needs Node.js (20.19 or later) and npm on the PATH "
                + $"(Debian: apt-get install nodejs npm). {e.Message}", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} {string.Join(' ', arguments)} did not finish within {timeout}:\n{output}");
        }
        process.WaitForExit(); // drains the redirected streams
        return new ToolResult(process.ExitCode, output.ToString(), watch.Elapsed);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "WozoSubsidies.Api.Tests", "OpenApi", "tooling");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"tests/WozoSubsidies.Api.Tests/OpenApi/tooling/package-lock.json not found above {AppContext.BaseDirectory}.");
    }
}
