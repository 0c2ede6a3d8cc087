using System.Globalization;
using Instrumentation.Quantiles;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests;

/// <summary>Every public entry point rejects bad input with a message naming the metric, the value and the rule, in invariant culture.</summary>
public sealed class MetricFactoryBadInputTests : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly MetricFactory _factory = TestFactory.Create(new ManualTimeProvider());

    public MetricFactoryBadInputTests()
    {
        // A culture with a decimal comma: messages must still show 0.5, not 0,5.
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        _factory.Dispose();
    }

    [Fact]
    public void CounterInc_WithANegativeFraction_NamesMetricValueAndRule() =>
        _factory.CreateCounter("orders", "Orders").Invoking(c => c.Inc(-1.5))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'orders'*can only go up*>= 0*was -1.5*");

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "∞")]
    public void CounterInc_WithANonFiniteIncrement_Throws(double increment, string shown) =>
        _factory.CreateCounter("orders", "Orders").Invoking(c => c.Inc(increment))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage($"*'orders'*finite number*was {shown}*");

    [Fact]
    public void GaugeInc_WithNaN_NamesMetricAndRule() =>
        _factory.CreateGauge("queue", "Queue").Invoking(g => g.Inc(double.NaN))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'queue'*cannot add NaN*");

    [Fact]
    public void HistogramObserve_WithNaN_NamesMetricAndRule() =>
        _factory.CreateHistogram("size", "Size").Invoking(h => h.Observe(double.NaN))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'size'*cannot observe NaN*");

    [Fact]
    public void SummaryObserve_WithNaN_NamesMetricAndRule() =>
        _factory.CreateSummary("work", "Work").Invoking(s => s.Observe(double.NaN))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'work'*cannot observe NaN*");

    [Fact]
    public void CreateHistogram_WithUnsortedBuckets_ShowsBoundsInInvariantCulture() =>
        _factory.Invoking(f => f.CreateHistogram("size", "Size", buckets: [0.5, 0.25]))
            .Should().Throw<ArgumentException>().WithMessage("*'size'*sorted ascending*0.25 at position 1 follows 0.5*");

    [Fact]
    public void CreateHistogram_WithARepeatedBound_ShowsItInInvariantCulture() =>
        _factory.Invoking(f => f.CreateHistogram("size", "Size", buckets: [0.5, 0.5]))
            .Should().Throw<ArgumentException>().WithMessage("*'size'*0.5 appears twice*unique*");

    [Fact]
    public void CreateHistogram_WithAnInfiniteBound_NamesMetricValueAndRule() =>
        _factory.Invoking(f => f.CreateHistogram("size", "Size", buckets: [1, double.NaN, 3]))
            .Should().Throw<ArgumentException>().WithMessage("*'size'*bound NaN at position 1 is not finite*+Inf is implied*");

    [Fact]
    public void CreateSummary_WithAQuantileOutOfRange_ShowsItInInvariantCulture() =>
        _factory.Invoking(f => f.CreateSummary("work", "Work", objectives: [new QuantileObjective(1.5, 0.01)]))
            .Should().Throw<ArgumentException>().WithMessage("*'work'*quantile 1.5 must be between 0 and 1 inclusive*");

    [Fact]
    public void CreateSummary_WithANegativeWindow_NamesMetricValueAndRule() =>
        _factory.Invoking(f => f.CreateSummary("work", "Work", maxAge: TimeSpan.FromSeconds(-1)))
            .Should().Throw<ArgumentException>().WithMessage("*'work'*max age -00:00:01 must be positive*");

    [Fact]
    public void CreateSummary_WithTooManyAgeBuckets_NamesMetricValueAndRule() =>
        _factory.Invoking(f => f.CreateSummary("work", "Work", ageBuckets: 0))
            .Should().Throw<ArgumentException>().WithMessage("*'work'*age buckets 0 must be between 1 and*");

    [Fact]
    public void CreateCounter_WithAnInvalidName_NamesTheValueAndRule() =>
        _factory.Invoking(f => f.CreateCounter("1bad", "Bad"))
            .Should().Throw<ArgumentException>().WithMessage("*1bad*");

    [Fact]
    public void WithLabels_WithTheWrongNumberOfValues_NamesMetricLabelsAndRule() =>
        _factory.CreateCounter("orders", "Orders", ["fruit"]).Invoking(c => c.WithLabels("a", "b"))
            .Should().Throw<ArgumentException>().WithMessage("*'orders'*[fruit]*2 value(s)*one value per label*");

    [Fact]
    public void WithLabels_WithANullValue_NamesMetricLabelAndRule() =>
        _factory.CreateGauge("stock", "Stock", ["fruit"]).Invoking(g => g.WithLabels((string)null!))
            .Should().Throw<ArgumentNullException>().WithMessage("*'stock'*'fruit' is null*empty string*");

    [Fact]
    public void CreateGauge_WithANonPositiveFactoryTimeout_Throws()
    {
        var create = () => new MetricFactory(new MetricFactoryOptions { SeriesIdleTimeout = TimeSpan.FromSeconds(-2) });

        create.Should().Throw<ArgumentException>().WithMessage("*SeriesIdleTimeout is -00:00:02*positive*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Create_WithANonPositiveCallbackTimeout_ThrowsNamingTheOption(int milliseconds)
    {
        var create = () => new MetricFactory(new MetricFactoryOptions { CallbackTimeout = TimeSpan.FromMilliseconds(milliseconds) });

        create.Should().Throw<ArgumentException>().WithMessage("*CallbackTimeout is *positive*(default 00:00:00.2500000)*");
    }
}
