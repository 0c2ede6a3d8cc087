namespace Instrumentation.Hosting;

/// <summary>What <see cref="MetricsServerOptions.Host"/> asks the standalone metrics server to listen on.</summary>
internal enum MetricsServerHostKind
{
    /// <summary>One IP address.</summary>
    Address,

    /// <summary><c>localhost</c>: the IPv4 and IPv6 loopbacks.</summary>
    Localhost,

    /// <summary><c>*</c>: every interface.</summary>
    AnyAddress,
}
