using System.Text.Json;
using Instrumentation.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// An app on real Kestrel (127.0.0.1, a free port) with <c>MapMetrics()</c>, its <c>Metrics</c> section in a JSON
/// file of a temporary folder read with <c>reloadOnChange</c>, as <c>appsettings.json</c> is, and a second such file
/// for unrelated settings; logs are collected. The folder is deleted on dispose.
/// </summary>
internal sealed class JsonFileMetricsApp : IAsyncDisposable
{
    private static readonly TimeSpan ReloadWait = TimeSpan.FromSeconds(30);

    private readonly string _directory;
    private int _reloads;

    private JsonFileMetricsApp(WebApplication app, string directory, string file, string otherFile, CapturingLoggerProvider logs, int port)
    {
        App = app;
        _directory = directory;
        File = file;
        OtherFile = otherFile;
        Logs = logs;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        ChangeToken.OnChange(((IConfigurationRoot)app.Configuration).GetReloadToken, () => Interlocked.Increment(ref _reloads));
    }

    public WebApplication App { get; }

    /// <summary>The JSON configuration file.</summary>
    public string File { get; }

    /// <summary>Another JSON configuration file, read after <see cref="File"/>, with no metrics settings: <c>{}</c> at start.</summary>
    public string OtherFile { get; }

    public CapturingLoggerProvider Logs { get; }

    public HttpClient Client { get; }

    /// <summary>How many times the configuration has reloaded since start.</summary>
    public int Reloads => Volatile.Read(ref _reloads);

    /// <summary>A JSON configuration file's text with these users (name, hash) under <c>Metrics:Authentication:Users</c>.</summary>
    public static string Json(params (string Username, string PasswordHash)[] users) =>
        JsonSerializer.Serialize(new
        {
            Metrics = new
            {
                Authentication = new
                {
                    Users = users.Select(static u => new { u.Username, u.PasswordHash }).ToArray(),
                },
            },
        });

    /// <summary>Writes <paramref name="json"/> to a new file, then starts the app reading it (optional, reloaded on change).</summary>
    public static async Task<JsonFileMetricsApp> StartAsync(string json, bool optional = true)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"instrumentation-reload-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "metrics.json");
        await System.IO.File.WriteAllTextAsync(file, json);
        var otherFile = Path.Combine(directory, "other.json");
        await System.IO.File.WriteAllTextAsync(otherFile, "{}");

        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration.AddJsonFile(file, optional, reloadOnChange: true);
        builder.Configuration.AddJsonFile(otherFile, optional: true, reloadOnChange: true);
        var logs = new CapturingLoggerProvider();
        builder.Logging.AddProvider(logs);
        builder.AddMetrics();
        var app = builder.Build();
        app.MapMetrics();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            Directory.Delete(directory, recursive: true);
            throw;
        }

        return new JsonFileMetricsApp(app, directory, file, otherFile, logs, port);
    }

    public Task<HttpResponseMessage> GetMetricsAsync(string? username, string? password) =>
        BasicAuth.GetAsync(Client, "/metrics", username, password);

    /// <summary>Runs <paramref name="change"/> on the file and waits until the configuration has reloaded.</summary>
    public async Task ChangeFileAndWaitForReloadAsync(Action<string> change)
    {
        var before = Reloads;
        change(File);
        var deadline = DateTime.UtcNow + ReloadWait;
        while (Reloads == before)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The configuration did not reload within {ReloadWait} of changing {File}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until <see cref="IOptionsMonitor{TOptions}"/> hands out new metrics options (a valid change).</summary>
    public async Task WaitForOptionsChangeAsync(Action<string> change)
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = App.Services.GetRequiredService<IOptionsMonitor<MetricsOptions>>().OnChange((_, _) => changed.TrySetResult());
        change(File);
        await changed.Task.WaitAsync(ReloadWait);
    }

    /// <summary>
    /// Sends metrics requests until an error log of the authenticator appears (each request is what makes it look at
    /// the configuration), one <paramref name="containing"/> some text if given, running <paramref name="eachTime"/>
    /// before every look; fails if no such error comes in time.
    /// </summary>
    public async Task<CapturingLoggerProvider.LogEntry> PollUntilErrorLoggedAsync(Func<Task> eachTime, string? containing = null)
    {
        var deadline = DateTime.UtcNow + ReloadWait;
        while (true)
        {
            await eachTime();
            var error = Logs.Entries.FirstOrDefault(e =>
                e.Level == LogLevel.Error
                && e.Category.EndsWith("MetricsBasicAuthenticator", StringComparison.Ordinal)
                && (containing is null || e.Message.Contains(containing, StringComparison.Ordinal)));
            if (error is not null)
            {
                return error;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No error was logged within {ReloadWait}. Logs:\n{string.Join('\n', Logs.Lines)}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the folder for a moment; the temp folder is cleaned eventually.
        }
    }
}
