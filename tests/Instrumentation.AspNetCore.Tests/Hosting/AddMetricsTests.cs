using System.Diagnostics.Metrics;
using Instrumentation.Exposition;
using Instrumentation.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Instrumentation.AspNetCore.Tests.Hosting;

public sealed class AddMetricsTests
{
    [Fact]
    public void AddMetrics_OnWebApplicationBuilder_BindsToOursAndReturnsTheBuilder()
    {
        var builder = WebApplication.CreateBuilder();

        // Written exactly as in Program.cs: if this bound to Microsoft.Extensions.Diagnostics'
        // IServiceCollection.AddMetrics(), it would not return the builder nor register our factory.
        var returned = builder.AddMetrics();

        returned.Should().BeSameAs(builder);
        builder.Services.Should().Contain(d => d.ServiceType == typeof(MetricFactory));
        builder.Services.Should().Contain(d => d.ServiceType == typeof(MetricsScraper));
    }

    [Fact]
    public async Task AddMetrics_RegistersTheMeterFactoryItBuildsOn()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddMetrics();
        using var host = builder.Build();

        host.Services.GetService<IMeterFactory>().Should().NotBeNull();
        var factory = host.Services.GetRequiredService<MetricFactory>();
        factory.Meter.Name.Should().Be("Instrumentation");
        await Task.CompletedTask;
    }

    [Fact]
    public void AddMetrics_BindsTheMetricsConfigurationSection()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Metrics:Path"] = "/internal/metrics";
        builder.Configuration["Metrics:MeterName"] = "Shop";
        builder.Configuration["Metrics:IncludeDefaultMeters"] = "false";
        builder.Configuration["Metrics:Meters:0"] = "Shop.Orders";
        builder.AddMetrics();
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        options.Path.Should().Be("/internal/metrics");
        options.MeterName.Should().Be("Shop");
        options.ExportedMeters().Should().Equal("Shop.Orders");
        host.Services.GetRequiredService<MetricFactory>().Meter.Name.Should().Be("Shop");
    }

    [Fact]
    public void AddMetrics_CalledTwice_RegistersOnceAndAppliesBothConfigureDelegates()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddMetrics(o => o.Path = "/first");
        builder.AddMetrics(o => o.CardinalityLimit = 10);
        using var host = builder.Build();

        builder.Services.Count(d => d.ServiceType == typeof(MetricFactory)).Should().Be(1);
        var options = host.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        options.Path.Should().Be("/first");
        options.CardinalityLimit.Should().Be(10);
    }

    [Fact]
    public void AddMetrics_WithoutCallbackTimeout_GivesEachCallback250Milliseconds()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddMetrics();
        using var host = builder.Build();

        host.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.CallbackTimeout.Should().Be(TimeSpan.FromMilliseconds(250));
        host.Services.GetRequiredService<MetricFactory>().Options.CallbackTimeout.Should().Be(TimeSpan.FromMilliseconds(250));
    }

    [Theory]
    [InlineData("Metrics:Path", "metrics", "Metrics:Path 'metrics' must start with '/'")]
    [InlineData("Metrics:CardinalityLimit", "0", "Metrics:CardinalityLimit is 0")]
    [InlineData("Metrics:MeterName", " ", "Metrics:MeterName is empty")]
    [InlineData("Metrics:CallbackTimeout", "00:00:00", "Metrics:CallbackTimeout is 00:00:00; it must be positive")]
    [InlineData("Metrics:CallbackTimeout", "-00:00:01", "Metrics:CallbackTimeout is -00:00:01; it must be positive and at most 2147483647 ms (default 00:00:00.2500000)")]
    [InlineData("Metrics:Server:Port", "70000", "Metrics:Server:Port is 70000")]
    [InlineData("Metrics:Server:Host", "not a host", "Metrics:Server:Host 'not a host'")]
    [InlineData("Metrics:Server:Host", "[::1]:9100", "Metrics:Server:Host '[::1]:9100' has a port; put the port in Metrics:Server:Port")]
    [InlineData("Metrics:Server:Host", "127.0.0.1:9100", "Metrics:Server:Host '127.0.0.1:9100' has a port; put the port in Metrics:Server:Port")]
    [InlineData("Metrics:Server:Host", "metrics.internal", "Metrics:Server:Host 'metrics.internal' must be an IP address")]
    [InlineData("Metrics:Server:Host", "127.1", "Metrics:Server:Host '127.1' must be an IP address")]
    [InlineData("Metrics:Server:Host", "[::1", "Metrics:Server:Host '[::1' must be an IP address")]
    [InlineData("Metrics:Path", "/{id}", "Metrics:Path '/{id}' must be a literal path")]
    public async Task AddMetrics_WithAnInvalidOption_StopsStartUpWithAMessageNamingIt(string key, string value, string expected)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[key] = value;
        builder.AddMetrics();
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(expected);
    }
}
