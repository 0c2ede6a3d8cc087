using System.Net;
using System.Net.Sockets;
using Instrumentation.OpenTelemetryProtocol.Tests.TestSupport;
using Instrumentation.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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

    [Fact]
    public async Task AddOtlpMetricsExport_CollectorDown_LogsTheEndpointWithoutItsUserInfoOrQuery()
    {
        var logs = new Instrumentation.TestSupport.CapturingLoggerProvider();
        var port = UnusedPort();
        using var host = BuildHost(port, $"http://collector:s3cret@127.0.0.1:{port}/?api-key=s3cret", logs);
        await host.StartAsync();
        try
        {
            // The drop is counted just before the failure is logged: wait for the log line itself.
            static bool IsExportFailed(Instrumentation.TestSupport.CapturingLoggerProvider.LogEntry e) => e.Message.StartsWith("Export to otlp at", StringComparison.Ordinal);
            await Instrumentation.TestSupport.Eventually.TrueAsync(() => logs.Entries.Any(IsExportFailed), Wait);

            var failed = logs.Entries.Where(IsExportFailed).Should().NotBeEmpty().And.Subject.First();
            failed.Message.Should().Contain($"http://***@127.0.0.1:{port}/v1/metrics?***");
            string.Join('\n', logs.Lines).Should().NotContain("s3cret");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static IHost BuildHost(int port, string? endpoint = null, ILoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.AddOtlpMetricsExport(o =>
        {
            o.Endpoint = new Uri(endpoint ?? $"http://127.0.0.1:{port}");
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
