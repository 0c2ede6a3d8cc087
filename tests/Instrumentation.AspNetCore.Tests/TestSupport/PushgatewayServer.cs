namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>A real Prometheus Pushgateway (Debian's <c>prometheus-pushgateway</c>) on 127.0.0.1, without persistence.</summary>
internal static class PushgatewayServer
{
    public static Task<LocalServerProcess> StartAsync()
    {
        var binary = ExternalTool.Require("prometheus-pushgateway", "prometheus-pushgateway");
        var directory = Directory.CreateTempSubdirectory("instrumentation-pushgateway-").FullName;
        var port = FreePort.Next();
        return LocalServerProcess.StartAsync(binary, [$"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"], directory, port, "/-/ready");
    }
}
