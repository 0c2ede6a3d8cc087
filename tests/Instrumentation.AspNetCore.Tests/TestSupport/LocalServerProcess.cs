using System.Diagnostics;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// A real server binary started on 127.0.0.1 with a temporary directory, ready once a health URL
/// answers, and stopped by its process id on dispose (the directory is deleted then).
/// </summary>
internal sealed class LocalServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private bool _stopped;

    private LocalServerProcess(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public int Port { get; }

    public HttpClient Http { get; }

    public static async Task<LocalServerProcess> StartAsync(string binary, IEnumerable<string> arguments, string directory, int port, string healthPath)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {binary}.");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new LocalServerProcess(process, directory, port);
        try
        {
            await server.WaitUntilReadyAsync(binary, healthPath);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Stops the process and waits for it to exit, keeping the directory (for a restart on the same data).</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }

    private async Task WaitUntilReadyAsync(string binary, string healthPath)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{binary} exited at start with code {_process.ExitCode}.");
            }

            try
            {
                using var response = await Http.GetAsync(healthPath);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{binary} did not become ready within 30 s.");
    }
}
