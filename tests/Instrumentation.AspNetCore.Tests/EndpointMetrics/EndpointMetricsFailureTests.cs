using System.Net;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Instrumentation.AspNetCore.Tests.EndpointMetrics;

public sealed class EndpointMetricsFailureTests
{
    [Fact]
    public async Task HandlerThatThrows_IsRecordedWithStatus500AndTheExceptionEscapesUnchanged()
    {
        var thrown = new InvalidOperationException("no fruit today");
        Exception? escaped = null;
        await using var app = await EndpointMetricsApp.StartAsync(
            a => a.MapGet("/boom", [Timed, Counted, TrackInProgress] string () => throw thrown),
            beforeMetrics: a => a.Use(async (context, next) =>
            {
                try
                {
                    await next(context);
                }
                catch (InvalidOperationException exception)
                {
                    escaped = exception;
                    context.Response.StatusCode = 500;
                }
            }));
        using var client = app.GetTestClient();

        (await client.GetAsync("/boom")).StatusCode.Should().Be(HttpStatusCode.InternalServerError);

        escaped.Should().BeSameAs(thrown);
        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetHistogram(TimedAttribute.DefaultEndpointName, "GET", "/boom", "500").Count.Should().Be(1);
        metrics.GetValue(CountedAttribute.DefaultEndpointName, "GET", "/boom", "500", "failure", "InvalidOperationException").Should().Be(1);
        metrics.GetValue(TrackInProgressAttribute.DefaultEndpointName, "GET", "/boom").Should().Be(0);
    }

    [Fact]
    public async Task HandlerThatThrowsAfterAwaiting_IsRecordedWithStatus500_AndLowersTheInProgressGauge()
    {
        await using var app = await EndpointMetricsApp.StartAsync(
            a => a.MapGet("/later", [Timed, Counted, TrackInProgress] async Task<string> () =>
            {
                await Task.Yield();
                throw new InvalidOperationException("no fruit later either");
            }),
            beforeMetrics: a => a.Use(async (context, next) =>
            {
                try
                {
                    await next(context);
                }
                catch (InvalidOperationException)
                {
                    context.Response.StatusCode = 500;
                }
            }));
        using var client = app.GetTestClient();

        (await client.GetAsync("/later")).StatusCode.Should().Be(HttpStatusCode.InternalServerError);

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetHistogram(TimedAttribute.DefaultEndpointName, "GET", "/later", "500").Count.Should().Be(1);
        metrics.GetValue(CountedAttribute.DefaultEndpointName, "GET", "/later", "500", "failure", "InvalidOperationException").Should().Be(1);
        metrics.GetValue(TrackInProgressAttribute.DefaultEndpointName, "GET", "/later").Should().Be(0);
    }

    [Fact]
    public async Task SynchronousAndAsynchronousHandlers_AreBothRecordedOnce_AndLeaveNothingInProgress()
    {
        await using var app = await EndpointMetricsApp.StartAsync(a =>
        {
            a.MapGet("/now", [Timed, Counted, TrackInProgress] () => "now");
            a.MapGet("/soon", [Timed, Counted, TrackInProgress] async () =>
            {
                await Task.Yield();
                return "soon";
            });
        });
        using var client = app.GetTestClient();

        foreach (var path in (string[])["/now", "/soon", "/now", "/soon"])
        {
            (await client.GetStringAsync(path)).Should().Be(path[1..]);
        }

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        foreach (var route in (string[])["/now", "/soon"])
        {
            metrics.GetHistogram(TimedAttribute.DefaultEndpointName, "GET", route, "200").Count.Should().Be(2);
            metrics.GetValue(CountedAttribute.DefaultEndpointName, "GET", route, "200", "success", "none").Should().Be(2);
            metrics.GetValue(TrackInProgressAttribute.DefaultEndpointName, "GET", route).Should().Be(0);
        }
    }

    [Fact]
    public async Task CancelledRequest_IsRecordedWithStatus499_AndLowersTheInProgressGauge()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await EndpointMetricsApp.StartAsync(a =>
            a.MapGet("/wait", [Timed, Counted, TrackInProgress] async (CancellationToken cancellationToken) =>
            {
                entered.SetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return "never";
            }));
        using var client = app.GetTestClient();
        var metrics = app.Services.GetRequiredService<MetricFactory>();
        using var cancel = new CancellationTokenSource();

        var request = client.GetAsync("/wait", cancel.Token);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        metrics.GetValue(TrackInProgressAttribute.DefaultEndpointName, "GET", "/wait").Should().Be(1);
        await cancel.CancelAsync();
        await FluentActions.Awaiting(() => request).Should().ThrowAsync<OperationCanceledException>();

        (await Eventually.TrueAsync(
            () => metrics.GetValue(TrackInProgressAttribute.DefaultEndpointName, "GET", "/wait") == 0
                && ((Instruments.Counter)metrics.Find(CountedAttribute.DefaultEndpointName)!).SeriesCount == 1,
            TimeSpan.FromSeconds(5))).Should().BeTrue();
        metrics.GetHistogram(TimedAttribute.DefaultEndpointName, "GET", "/wait", "499").Count.Should().Be(1);
        metrics.GetValue(CountedAttribute.DefaultEndpointName, "GET", "/wait", "499", "failure", "TaskCanceledException").Should().Be(1);
    }

    [Fact]
    public async Task AttributeThatCannotBeApplied_IsNotRecorded_AndTheRequestStillSucceeds()
    {
        await using var app = await EndpointMetricsApp.StartAsync(a =>
        {
            a.MapGet("/first", [Timed] () => "first");
            a.MapGet("/clash", [Timed(ExtraLabels = new[] { "team" })] () => "clash");
        });
        using var client = app.GetTestClient();

        await client.GetStringAsync("/first");
        (await client.GetStringAsync("/clash")).Should().Be("clash");
        (await client.GetStringAsync("/clash")).Should().Be("clash");

        var histogram = (Instruments.Histogram)app.Services.GetRequiredService<MetricFactory>().Find(TimedAttribute.DefaultEndpointName)!;
        histogram.SeriesCount.Should().Be(1);
    }
}
