using System.Net;
using Instrumentation.AspNetCore.Authentication;
using Instrumentation.AspNetCore.Endpoints;
using Instrumentation.Exposition;
using Instrumentation.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Instrumentation.AspNetCore.Server;

/// <summary>
/// A small Kestrel server of its own that serves the metrics endpoint, for processes that have no
/// web server (workers on the generic host). Started and stopped with the host.
/// </summary>
internal sealed partial class MetricsServer(
    MetricsScraper scraper,
    IOptions<MetricsOptions> options,
    MetricsBasicAuthenticator authenticator,
    ILogger<MetricsServer> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The address the server listens on once started, for example <c>http://127.0.0.1:5001</c>.</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var server = settings.Server;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(MetricsServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            if (server.Host == "*")
            {
                kestrel.ListenAnyIP(server.Port);
            }
            else if (server.Host == "localhost")
            {
                kestrel.ListenLocalhost(server.Port);
            }
            else
            {
                kestrel.Listen(IPAddress.Parse(server.Host), server.Port);
            }
        });

        var app = builder.Build();
        app.MapMethods(settings.Path, ["GET", "HEAD"], context => MetricsEndpointHandler.HandleAsync(context, scraper, authenticator));

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AddressInUseException || ex.InnerException is AddressInUseException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException(
                $"The metrics server could not listen on {server.Host}:{server.Port}: the port is already in use. Set Metrics:Server:Port to a free port (or stop the other process).",
                ex);
        }

        _app = app;
        var port = server.Port;
        Address = new Uri($"http://{(server.Host == "*" ? "localhost" : server.Host)}:{port}{settings.Path}");
        LogListening(Address);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics server listening on {Address}")]
    private partial void LogListening(Uri address);
}
