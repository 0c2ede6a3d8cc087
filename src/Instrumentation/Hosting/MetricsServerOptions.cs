namespace Instrumentation.Hosting;

/// <summary>Settings of the standalone metrics server (<c>AddMetricsServer()</c>), section <c>Metrics:Server</c>.</summary>
public sealed class MetricsServerOptions
{
    /// <summary>The port to listen on. Default 5001.</summary>
    public int Port { get; set; } = 5001;

    /// <summary>
    /// The address to listen on: an IP address, <c>localhost</c>, or <c>*</c> for every interface.
    /// Default <c>127.0.0.1</c>, so metrics are not exposed beyond the machine unless asked for.
    /// </summary>
    public string Host { get; set; } = "127.0.0.1";
}
