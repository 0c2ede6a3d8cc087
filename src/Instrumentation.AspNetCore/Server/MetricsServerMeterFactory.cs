using System.Diagnostics.Metrics;

namespace Instrumentation.AspNetCore.Server;

/// <summary>
/// The <see cref="IMeterFactory"/> of the metrics server's own web application: it creates ASP.NET Core's and
/// Kestrel's meters under a name of their own (<c>Instrumentation.MetricsServer.</c> before the usual one), so a
/// provider that listens to <c>Microsoft.AspNetCore.Hosting</c> by name never sees the server's scrapes.
/// </summary>
/// <remarks>
/// A view cannot keep them out: the OpenTelemetry SDK makes a stream for every view that matches an instrument, so
/// an application's view on <c>http.server.request.duration</c> (custom buckets) would count the scrapes in the
/// application's own stream, whatever our view says.
/// </remarks>
internal sealed class MetricsServerMeterFactory : IMeterFactory
{
    /// <summary>The prefix given to every meter the metrics server's web application creates.</summary>
    public const string MeterNamePrefix = "Instrumentation.MetricsServer.";

    private readonly List<Meter> _meters = [];
    private readonly Lock _lock = new();
    private bool _disposed;

    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var meter = new Meter(new MeterOptions(MeterNamePrefix + options.Name)
            {
                Version = options.Version,
                Tags = options.Tags,
                Scope = this,
            });
            _meters.Add(meter);
            return meter;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }

            _meters.Clear();
        }
    }
}
