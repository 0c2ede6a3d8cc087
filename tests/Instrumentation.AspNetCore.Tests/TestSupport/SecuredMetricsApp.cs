using System.Net;
using Instrumentation.Collection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// An in-process app with <c>MapMetrics()</c>, configuration in memory, a counting metrics source and collected
/// logs; on the test server, or on real Kestrel on 127.0.0.1 when <c>kestrel</c> is true.
/// </summary>
internal sealed class SecuredMetricsApp : IAsyncDisposable
{
    private SecuredMetricsApp(WebApplication app, CountingMetricsSource source, CapturingLoggerProvider logs, HttpClient client)
    {
        App = app;
        Source = source;
        Logs = logs;
        Client = client;
    }

    public WebApplication App { get; }

    public CountingMetricsSource Source { get; }

    public CapturingLoggerProvider Logs { get; }

    public HttpClient Client { get; }

    public static async Task<SecuredMetricsApp> StartAsync(IDictionary<string, string?> configuration, Action<WebApplicationBuilder>? configure = null, bool kestrel = false)
    {
        var builder = WebApplication.CreateBuilder();
        var port = kestrel ? FreePort.Next() : 0;
        if (kestrel)
        {
            builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        var source = new CountingMetricsSource();
        var logs = new CapturingLoggerProvider();
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton<IMetricsSource>(source);
        builder.AddMetrics();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapMetrics();
        await app.StartAsync();
        var client = kestrel
            ? new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) }
            : app.GetTestClient();
        return new SecuredMetricsApp(app, source, logs, client);
    }

    /// <summary>Sets configuration keys and raises the configuration's change notification, as a file edit would.</summary>
    public void Reconfigure(IDictionary<string, string?> changes)
    {
        foreach (var (key, value) in changes)
        {
            App.Configuration[key] = value;
        }

        ((IConfigurationRoot)App.Configuration).Reload();
    }

    public Task<HttpResponseMessage> GetMetricsAsync(string? username, string? password) =>
        BasicAuth.GetAsync(Client, "/metrics", username, password);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Source.Dispose();
    }
}
