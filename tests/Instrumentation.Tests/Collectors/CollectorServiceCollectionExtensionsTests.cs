using Instrumentation.Collectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.Tests.Collectors;

public sealed class CollectorServiceCollectionExtensionsTests
{
    [Fact]
    public void AddCollector_WithABadIntervalString_ThrowsNamingTheStringAndUnits()
    {
        var services = new ServiceCollection();

        var add = () => services.AddCollector<CountingCollector>("5 parsecs");

        add.Should().Throw<ArgumentException>().WithMessage("Collector CountingCollector: Interval '5 parsecs' has an unknown unit 'parsecs'; accepted units: us, ms, s, m (or min), h, d, w*");
    }

    [Fact]
    public void AddCollector_WithANonPositiveInterval_ThrowsNamingTheOption()
    {
        var add = () => new ServiceCollection().AddCollector<CountingCollector>(TimeSpan.Zero);

        add.Should().Throw<ArgumentException>().WithMessage("*CollectorOptions.Interval is 00:00:00*");
    }

    [Fact]
    public void AddCollector_TwiceUnderOneName_Throws()
    {
        var services = new ServiceCollection().AddCollector<CountingCollector>("1m");

        var add = () => services.AddCollector<CountingCollector>("5m");

        add.Should().Throw<ArgumentException>().WithMessage("A collector named 'CountingCollector' is already registered*");
    }

    [Fact]
    public void AddCollector_RegistersOneSchedulerForAllCollectors()
    {
        var services = new ServiceCollection()
            .AddCollector<CountingCollector>("1m")
            .AddCollector<OtherCountingCollector>("2m");

        services.Count(d => d.ServiceType == typeof(IHostedService)).Should().Be(1);
        services.Where(d => d.ServiceType == typeof(CollectorRegistration)).Select(d => (CollectorRegistration)d.ImplementationInstance!)
            .Select(r => (r.Name, r.Interval, r.RunAtStart))
            .Should().Equal(("CountingCollector", TimeSpan.FromMinutes(1), false), ("OtherCountingCollector", TimeSpan.FromMinutes(2), false));
    }

    [Fact]
    public async Task BuilderAddCollector_AddsMetricsAndRunsOnTheGenericHost()
    {
        var clock = new ManualTimeProvider();
        var collector = new CountingCollector();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(clock).AddSingleton(collector);
        builder.AddCollector<CountingCollector>(TimeSpan.FromSeconds(10));
        using var host = builder.Build();
        await host.StartAsync();

        clock.Advance(TimeSpan.FromSeconds(20));

        collector.Runs.Should().Be(2);
        var scraper = host.Services.GetRequiredService<global::Instrumentation.Exposition.MetricsScraper>();
        scraper.Scrape(global::Instrumentation.Exposition.ExpositionFormat.PrometheusText).Should().Contain("collector_last_success_timestamp_seconds{collector=\"CountingCollector\"}");
        await host.StopAsync();
    }
}
