using System.Globalization;
using Instrumentation.Exposition;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Instruments;

/// <summary>A counter child after it moved to striped cells (forced, so that no test depends on losing a race).</summary>
public class StripedCounterTests
{
    [Fact]
    public void SwitchToStripes_KeepsTheValueCountedBefore()
    {
        using var factory = TestFactory.Create();
        var child = factory.CreateCounter("jobs", "Jobs done", ["queue"]).WithLabels("fruits");
        child.Inc(5);

        child.SwitchToStripes();
        child.Inc();

        child.Value.Should().Be(6);
    }

    [Fact]
    public void SwitchToStripes_CalledTwice_KeepsTheSameCells()
    {
        using var factory = TestFactory.Create();
        var child = factory.CreateCounter("jobs", "Jobs done", ["queue"]).WithLabels("fruits");

        child.SwitchToStripes().Should().BeSameAs(child.SwitchToStripes());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(9)]
    public void Inc_OnStripedChildFromManyThreads_CountsEveryIncrement(int threads)
    {
        using var factory = TestFactory.Create();
        var child = factory.CreateCounter("jobs", "Jobs done", ["queue"]).WithLabels("fruits");
        child.SwitchToStripes();

        Concurrently.Run(threads, _ =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                child.Inc();
            }
        });

        child.Value.Should().Be(threads * 100_000);
    }

    [Fact]
    public void IncWithAmounts_OnStripedChildFromFourThreads_AddsWholeAndFractionalExactly()
    {
        using var factory = TestFactory.Create();
        var child = factory.CreateCounter("work_seconds", "Time worked", ["queue"]).WithLabels("fruits");
        child.SwitchToStripes();

        // Whole amounts go to the stripes, 0.5 to the fractional cell: both totals are exact doubles.
        Concurrently.Run(4, _ =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                child.Inc(3);
                child.Inc(0.5);
            }
        });

        child.Value.Should().Be(4 * 50_000 * 3.5);
    }

    [Fact]
    public void Collect_AfterContendedIncrements_ReportsTheExactTotal()
    {
        using var factory = TestFactory.Create();
        var child = factory.CreateCounter("jobs", "Jobs done", ["queue"]).WithLabels("fruits");

        // Not forced: whether these threads ever collide is up to the machine; the total must be exact either way.
        Concurrently.Run(4, _ =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                child.Inc();
            }
        });
        child.SwitchToStripes();
        child.Inc();

        var series = RecordingVisitor.Collect(factory).Family("jobs").WithLabels("fruits");
        series.Should().BeOfType<RecordedCounter>().Which.Value.Should().Be(400_001);
    }

    [Fact]
    public void Scrape_OfStripedChild_WritesTheTotal()
    {
        using var factory = TestFactory.Create();
        var child = factory.CreateCounter("jobs", "Jobs done", ["queue"]).WithLabels("fruits");
        child.Inc(7);
        child.SwitchToStripes();

        Concurrently.Run(2, _ =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                child.Inc();
            }
        });

        var text = Render.Text(factory, ExpositionFormat.PrometheusText);
        text.Should().Contain(string.Create(CultureInfo.InvariantCulture, $"jobs_total{{queue=\"fruits\"}} {20_007}\n"));
    }

    [Fact]
    public void Inc_OnStripedChild_AllocatesNothing()
    {
        using var factory = TestFactory.Create();
        var child = factory.CreateCounter("jobs", "Jobs done", ["queue"]).WithLabels("fruits");
        child.SwitchToStripes();
        child.Inc();

        Allocations.Measure(child.Inc).Should().Be(0);
        Allocations.Measure(() => child.Inc(2)).Should().Be(0);
    }
}
