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
/// <remarks>
/// It listens on <see cref="MetricsServerOptions.Host"/>:<see cref="MetricsServerOptions.Port"/> and nothing else: its
/// web application is built empty, so it reads none of the process's configuration (no <c>Kestrel</c> section,
/// <c>ASPNETCORE_URLS</c>, <c>urls</c>, <c>http_ports</c>, <c>https_ports</c> or <c>appsettings.json</c>), which
/// would otherwise add the application's public endpoints to the private metrics port.
/// </remarks>
internal sealed partial class MetricsServer(
    MetricsScraper scraper,
    IOptions<MetricsOptions> options,
    MetricsBasicAuthenticator authenticator,
    ILogger<MetricsServer> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The address the server listens on once started, for example <c>http://127.0.0.1:5001/metrics</c> or <c>http://[::1]:5001/metrics</c>.</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var server = settings.Server;
        var host = MetricsServerHost.Parse(server.Host);

        // Empty: no configuration sources, so no endpoint or URL of the process's can reach this server.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(MetricsServer).Assembly.GetName().Name });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<System.Diagnostics.Metrics.IMeterFactory, MetricsServerMeterFactory>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            switch (host.Kind)
            {
                case MetricsServerHostKind.AnyAddress:
                    kestrel.ListenAnyIP(server.Port);
                    break;
                case MetricsServerHostKind.Localhost:
                    kestrel.ListenLocalhost(server.Port);
                    break;
                default:
                    kestrel.Listen(host.Address!, server.Port);
                    break;
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
            throw new MetricsServerPortInUseException(
                $"The metrics server could not listen on {host.Endpoint(server.Port)}: the port is already in use. Set Metrics:Server:Port to a free port (or stop the other process).",
                ex);
        }

        _app = app;
        Address = host.Url(server.Port, settings.Path);
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
