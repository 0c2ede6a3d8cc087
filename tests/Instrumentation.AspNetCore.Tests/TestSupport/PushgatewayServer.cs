namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// A real Prometheus Pushgateway (Debian's <c>prometheus-pushgateway</c>) on 127.0.0.1, without persistence:
/// Debian's build defaults <c>--persistence.file</c> to <c>/var/lib/prometheus/pushgateway.data</c>, which every
/// gateway on the machine would load at start and write back, so groups of one test would show up in another.
/// </summary>
internal static class PushgatewayServer
{
    public static Task<LocalServerProcess> StartAsync()
    {
        var binary = ExternalTool.Require("prometheus-pushgateway", "prometheus-pushgateway");
        var directory = Directory.CreateTempSubdirectory("instrumentation-pushgateway-").FullName;
        var port = FreePort.Next();
        return LocalServerProcess.StartAsync(binary, [$"--web.listen-address=127.0.0.1:{port}", "--persistence.file=", "--log.level=warn"], directory, port, "/-/ready");
    }
}
