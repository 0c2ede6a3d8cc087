using System.Net;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Instrumentation.AspNetCore.Tests.EndpointMetrics;

public sealed class EndpointMetricsMvcTests
{
    [Fact]
    public async Task TimedOnController_AppliesToActionsWithoutTheirOwn()
    {
        await using var app = await StartAsync();
        using var client = app.GetTestClient();

        (await client.GetStringAsync("/mvc/fruit")).Should().Contain("apple");

        app.Services.GetRequiredService<MetricFactory>().GetHistogram("mvc_fruit_seconds", "GET", "/mvc/fruit", "200").Count.Should().Be(1);
    }

    [Fact]
    public async Task TimedOnAction_WinsOverTheController_WithRouteTemplateLabelStartingWithASlashLikeMinimalApis()
    {
        await using var app = await StartAsync();
        using var client = app.GetTestClient();

        await client.GetStringAsync("/mvc/fruit/1");
        await client.GetStringAsync("/mvc/fruit/2");

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        var histogram = metrics.GetHistogram("mvc_fruit_get_seconds", "GET", "/mvc/fruit/{id}", "200");
        histogram.Count.Should().Be(2);
        histogram.Buckets.Select(b => b.UpperBound).Should().Equal(0.1, 1, double.PositiveInfinity);
        metrics.GetValue(CountedAttribute.DefaultEndpointName, "GET", "/mvc/fruit/{id}", "200", "success", "none").Should().Be(2);
        metrics.ExpositionOf(Exposition.ExpositionFormat.PrometheusText, "mvc_fruit_seconds").Should().NotContain("mvc/fruit/{id}");
    }

    [Fact]
    public async Task ActionThatThrows_IsRecordedWithStatus500()
    {
        Exception? escaped = null;
        await using var app = await StartAsync(a => a.Use(async (context, next) =>
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

        (await client.PostAsync("/mvc/fruit/3/spoil", null)).StatusCode.Should().Be(HttpStatusCode.InternalServerError);

        escaped!.Message.Should().Be("fruit 3 spoiled at /mvc/fruit/3/spoil");
        app.Services.GetRequiredService<MetricFactory>().GetHistogram("mvc_fruit_seconds", "POST", "/mvc/fruit/{id}/spoil", "500").Count.Should().Be(1);
    }

    private static Task<WebApplication> StartAsync(Action<WebApplication>? beforeMetrics = null) =>
        EndpointMetricsApp.StartAsync(
            a => a.MapControllers(),
            b => b.Services.AddControllers().AddApplicationPart(typeof(FruitController).Assembly),
            beforeMetrics);
}
