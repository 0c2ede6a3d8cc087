using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Instrumentation.AspNetCore.Tests.TestSupport;

namespace Instrumentation.AspNetCore.Tests.Samples.TrimmedWorker;

/// <summary>
/// Publishes <c>samples/TrimmedWorker</c> once for the test class (Release, self-contained, trimmed, for
/// this machine's runtime identifier) into a temporary directory, runs the published native executable
/// once, and keeps what both printed. A failed publish or run fails every test with its output.
/// </summary>
public sealed class TrimmedWorkerPublish : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "instrumentation-trimmed-worker-" + Guid.NewGuid().ToString("N"));

    /// <summary>Where the trimmed app was published.</summary>
    public string PublishDirectory => Path.Combine(_directory, "publish");

    /// <summary>The runtime identifier it was published for.</summary>
    public string RuntimeIdentifier { get; } = CurrentRuntimeIdentifier();

    /// <summary>Everything <c>dotnet publish</c> printed.</summary>
    public string PublishLog { get; private set; } = string.Empty;

    /// <summary>The exit code of the published executable.</summary>
    public int ExitCode { get; private set; }

    /// <summary>What the published executable wrote to standard output: the Prometheus exposition.</summary>
    public string Exposition { get; private set; } = string.Empty;

    /// <summary>What the published executable wrote to standard error: its log.</summary>
    public string Log { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var project = RepositoryPaths.Of("samples", "TrimmedWorker", "TrimmedWorker.csproj");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

        // The trimmer skips itself when its output in the sample's obj directory is up to date (a second run in the same
        // checkout): without it, the log could not show that it ran, nor any warning it gives.
        var trimmed = RepositoryPaths.Of("samples", "TrimmedWorker", "obj", "Release", "net10.0", RuntimeIdentifier, "linked");
        if (Directory.Exists(trimmed))
        {
            Directory.Delete(trimmed, recursive: true);
        }

        // No build servers: a compiler or MSBuild node left running would hold the output pipes open.
        var publish = await RunAsync(
            dotnet,
            ["publish", project, "-c", "Release", "-r", RuntimeIdentifier, "--self-contained", "--disable-build-servers", "--nologo", "-o", PublishDirectory],
            PublishTimeout);
        PublishLog = publish.Output + publish.Error;
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of the trimmed worker failed with exit code {publish.ExitCode}:\n{PublishLog}");
        }

        if (!Directory.Exists(trimmed))
        {
            throw new InvalidOperationException($"The trimmer's output is no longer in {trimmed} (another target framework or layout?): update this path, which is cleared before publishing so that the trimmer runs every time.");
        }

        var run = await RunAsync(Path.Combine(PublishDirectory, "TrimmedWorker"), [], RunTimeout);
        (ExitCode, Exposition, Log) = (run.ExitCode, run.Output, run.Error);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }

        return Task.CompletedTask;
    }

    private static string CurrentRuntimeIdentifier()
    {
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "osx" : OperatingSystem.IsWindows() ? "win"
            : throw new PlatformNotSupportedException($"No runtime identifier known for {RuntimeInformation.OSDescription}.");
        return $"{os}-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string fileName, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under MSBuild's environment; a nested dotnet must pick its own.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.Append(e.Data).Append('\n'); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (error) { error.Append(e.Data).Append('\n'); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}:\n{output}{error}");
        }

        // WaitForExit without a timeout drains the asynchronous readers.
        process.WaitForExit();
        lock (output)
        {
            lock (error)
            {
                return (process.ExitCode, output.ToString(), error.ToString());
            }
        }
    }
}
