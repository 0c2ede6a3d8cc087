using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Instrumentation.AspNetCore.Tests.EndpointMetrics;

/// <summary>Attributes on the interface a handler class or controller implements: method, then class, then interface method, then interface.</summary>
public sealed class EndpointMetricsInterfaceTests
{
    [Fact]
    public async Task MethodGroupOnInterfaceImplementation_UsesTheInterfaceMethodsAttribute_ElseTheInterfaces()
    {
        var pantry = new PantryHandlers();
        await using var app = await EndpointMetricsApp.StartAsync(a =>
        {
            a.MapGet("/pantry", pantry.List);
            a.MapGet("/pantry/{name}", pantry.Get);
        });
        using var client = app.GetTestClient();

        await client.GetStringAsync("/pantry");
        await client.GetStringAsync("/pantry/rice");

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetHistogram("pantry_interface_seconds", "GET", "/pantry", "200").Count.Should().Be(1);
        metrics.GetHistogram("pantry_interface_get_seconds", "GET", "/pantry/{name}", "200").Count.Should().Be(1);
        ((Instruments.Histogram)metrics.Find("pantry_interface_seconds")!).SeriesCount.Should().Be(1, "the interface method's own attribute wins over its interface's");
    }

    [Fact]
    public async Task MethodGroupWithItsOwnAttribute_WinsOverTheInterfaceMethods()
    {
        var pantry = new PantryHandlers();
        await using var app = await EndpointMetricsApp.StartAsync(a => a.MapGet("/pantry/count", pantry.Count));
        using var client = app.GetTestClient();

        await client.GetStringAsync("/pantry/count");

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetHistogram("pantry_count_seconds", "GET", "/pantry/count", "200").Count.Should().Be(1);
        metrics.Find("pantry_interface_count_seconds").Should().BeNull();
    }

    [Fact]
    public async Task ClassAttribute_WinsOverTheInterfaceAndItsMethods()
    {
        var cellar = new CellarHandlers();
        await using var app = await EndpointMetricsApp.StartAsync(a =>
        {
            a.MapGet("/cellar", cellar.List);
            a.MapGet("/cellar/{name}", cellar.Get);
        });
        using var client = app.GetTestClient();

        await client.GetStringAsync("/cellar");
        await client.GetStringAsync("/cellar/port");

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetHistogram("cellar_class_seconds", "GET", "/cellar", "200").Count.Should().Be(1);
        metrics.GetHistogram("cellar_class_seconds", "GET", "/cellar/{name}", "200").Count.Should().Be(1);
        metrics.Find("pantry_interface_seconds").Should().BeNull();
        metrics.Find("pantry_interface_get_seconds").Should().BeNull();
    }

    [Fact]
    public async Task MethodGroupNotOnTheInterface_IsNotRecorded()
    {
        var pantry = new PantryHandlers();
        await using var app = await EndpointMetricsApp.StartAsync(a => a.MapGet("/pantry/extra", pantry.Extra));
        using var client = app.GetTestClient();

        (await client.GetStringAsync("/pantry/extra")).Should().Be("salt");

        app.Services.GetRequiredService<MetricFactory>().Families.Should().BeEmpty();
    }

    [Fact]
    public async Task ControllerImplementingAMarkedInterface_RecordsItsActionsByTheInterfaceAndItsMethods()
    {
        await using var app = await EndpointMetricsApp.StartAsync(
            a => a.MapControllers(),
            b => b.Services.AddControllers().AddApplicationPart(typeof(PantryController).Assembly));
        using var client = app.GetTestClient();

        await client.GetStringAsync("/mvc/pantry");
        await client.GetStringAsync("/mvc/pantry/4");
        await client.GetStringAsync("/mvc/pantry/extra");

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetValue("mvc_pantry_calls_total", "GET", "/mvc/pantry", "200", "success", "none").Should().Be(1);
        metrics.GetValue("mvc_pantry_calls_total", "GET", "/mvc/pantry/{id}", "200", "success", "none").Should().Be(1);
        metrics.GetHistogram("mvc_pantry_get_seconds", "GET", "/mvc/pantry/{id}", "200").Count.Should().Be(1);
        ((Instruments.Histogram)metrics.Find("mvc_pantry_get_seconds")!).SeriesCount.Should().Be(1);
        metrics.ExpositionOf(Exposition.ExpositionFormat.PrometheusText).Should().NotContain("/mvc/pantry/extra", "Extra implements no interface method");
    }
}
