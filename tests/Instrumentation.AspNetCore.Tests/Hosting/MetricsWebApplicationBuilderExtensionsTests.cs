using Instrumentation.AspNetCore.EndpointMetrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.AspNetCore.Tests.Hosting;

public sealed class MetricsWebApplicationBuilderExtensionsTests
{
    [Fact]
    public async Task AddMetrics_OnWebApplicationBuilder_BindsToTheWebOverload_AndRegistersOneStartupFilter_WhenCalledTwice()
    {
        var builder = WebApplication.CreateBuilder();

        WebApplicationBuilder returned = builder.AddMetrics();
        builder.AddMetrics(o => o.Path = "/internal/metrics");

        returned.Should().BeSameAs(builder);
        await using var app = builder.Build();
        app.Services.GetServices<IStartupFilter>().OfType<EndpointMetricsStartupFilter>().Should().ContainSingle();
    }

    [Fact]
    public async Task AddMetrics_OnAWorkerHost_RegistersNothingOfAspNetCore_AndTheHostRuns()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Metrics:IncludeDefaultMeters"] = "false";
        builder.AddMetrics();
        using var host = builder.Build();

        builder.Services.Should().NotContain(d => d.ServiceType == typeof(IStartupFilter) || d.ServiceType == typeof(EndpointMetricsStartupFilter));
        await host.StartAsync();
        host.Services.GetRequiredService<MetricFactory>().CreateCounter("jobs", "Jobs").Inc();
        await host.StopAsync();
    }
}
