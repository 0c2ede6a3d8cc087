using Instrumentation.Push;
using Instrumentation.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Instrumentation.Tests.Push;

public sealed class PushHostedServiceTests
{
    [Fact]
    public async Task StopAsync_StartsTheLastPushWithoutWaitingForIt_AndStoppedAsyncWaitsUntilTheShutdownTokenEndsIt()
    {
        var time = new ManualTimeProvider();
        var handler = new ScriptedHttpHandler(0);
        using var metrics = new MetricFactory();
        metrics.CreateCounter("rows", "Rows").Inc(3);
        var options = new PushgatewayOptions { Url = "http://gateway.test:9091", Job = "batch" };
        using var pusher = new PushgatewayPusher(options, [metrics], timeProvider: time, handler: handler);
        using var service = new PushHostedService<PushgatewayPusher>(pusher, options, time, NullLogger<PushgatewayPusher>.Instance);
        using var shutdown = new CancellationTokenSource();
        await service.StartAsync(CancellationToken.None);

        await service.StopAsync(shutdown.Token);
        var stopped = service.StoppedAsync(shutdown.Token);

        (await Eventually.TrueAsync(() => handler.Requests.Count == 1, TimeSpan.FromSeconds(30))).Should().BeTrue("the last push was sent");
        stopped.IsCompleted.Should().BeFalse("the target has not answered and the shutdown time is not over");

        await shutdown.CancelAsync();
        await stopped;

        pusher.PendingSnapshots.Should().Be(1);
        handler.Requests.Single().Body.Should().Contain("rows_total 3");
    }

    [Fact]
    public async Task StoppedAsync_WithPushOnShutdownOff_CompletesWithoutPushing()
    {
        var time = new ManualTimeProvider();
        var handler = new ScriptedHttpHandler(System.Net.HttpStatusCode.OK);
        using var metrics = new MetricFactory();
        var options = new PushgatewayOptions { Url = "http://gateway.test:9091", Job = "batch", PushOnShutdown = false };
        using var pusher = new PushgatewayPusher(options, [metrics], timeProvider: time, handler: handler);
        using var service = new PushHostedService<PushgatewayPusher>(pusher, options, time, NullLogger<PushgatewayPusher>.Instance);
        await service.StartAsync(CancellationToken.None);

        await service.StopAsync(CancellationToken.None);
        await service.StoppedAsync(CancellationToken.None);

        handler.Requests.Should().BeEmpty();
    }
}
