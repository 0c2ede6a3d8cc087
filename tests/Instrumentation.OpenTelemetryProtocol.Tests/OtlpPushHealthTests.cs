using System.Net;
using System.Net.Sockets;
using Instrumentation.OpenTelemetryProtocol.Tests.TestSupport;
using Instrumentation.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.OpenTelemetryProtocol.Tests;

public sealed class OtlpPushHealthTests
{
    private const string Target = "otlp";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AddOtlpMetricsExport_CollectorAcceptsThenRefusesThenAcceptsAgain_ReportsSuccessErrorsAndDrops()
    {
        await using var receiver = OtlpHttpReceiver.Start();
        using var host = BuildHost(receiver.Port);
        var metrics = host.Services.GetRequiredService<MetricFactory>();
        await host.StartAsync();
        try
        {
            var firstSuccess = await WaitForAsync(() => metrics.GetValue("push_last_success_timestamp_seconds", Target), v => v > 0);
            firstSuccess.Should().BeApproximately(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, 60);
            metrics.GetValue("push_errors_total", Target).Should().Be(0);
            metrics.GetValue("push_dropped_total", Target).Should().Be(0);

            receiver.ExportStatus = 503;
            await WaitForAsync(() => metrics.GetValue("push_dropped_total", Target), v => v >= 2);
            metrics.GetValue("push_errors_total", Target).Should().BeGreaterThanOrEqualTo(2, "every export that failed is an error");
            receiver.Answers.Should().Contain(503);

            receiver.ExportStatus = 200;
            var refusedUntil = metrics.GetValue("push_last_success_timestamp_seconds", Target);
            var laterSuccess = await WaitForAsync(() => metrics.GetValue("push_last_success_timestamp_seconds", Target), v => v > refusedUntil);
            laterSuccess.Should().BeGreaterThan(firstSuccess);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task AddOtlpMetricsExport_CollectorDown_CountsErrorsAndDropsAndNeverSucceeds()
    {
        using var host = BuildHost(UnusedPort());
        var metrics = host.Services.GetRequiredService<MetricFactory>();
        await host.StartAsync();
        try
        {
            await WaitForAsync(() => metrics.GetValue("push_dropped_total", Target), v => v >= 2);

            metrics.GetValue("push_errors_total", Target).Should().BeGreaterThanOrEqualTo(2);
            metrics.GetValue("push_last_success_timestamp_seconds", Target).Should().Be(0);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static IHost BuildHost(int port)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddOtlpMetricsExport(o =>
        {
            o.Endpoint = new Uri($"http://127.0.0.1:{port}");
            o.Interval = TimeSpan.FromMilliseconds(200);
            o.Timeout = TimeSpan.FromSeconds(2);
        });
        return builder.Build();
    }

    private static int UnusedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task<double> WaitForAsync(Func<double> read, Func<double, bool> accept)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            var value = TryRead(read);
            if (value is { } v && accept(v))
            {
                return v;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The push health metric did not reach the expected value within {Wait}; last value {TryRead(read)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "absent"}.");
    }

    private static double? TryRead(Func<double> read)
    {
        try
        {
            return read();
        }
        catch (MetricsAssertionException)
        {
            return null;
        }
    }
}
