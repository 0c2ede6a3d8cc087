using Instrumentation.Naming;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Naming;

public class MetricNameRulesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("http_requests")]
    [InlineData("_private")]
    [InlineData(":recording:rule")]
    [InlineData("Mixed_Case9")]
    [InlineData("a1:b2")]
    public void IsValidMetricName_WithValidName_ReturnsTrue(string name)
    {
        MetricNameRules.IsValidMetricName(name).Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1a")]
    [InlineData("a-b")]
    [InlineData("a.b")]
    [InlineData("a b")]
    [InlineData("é")]
    [InlineData("a{")]
    [InlineData("@a")]
    public void IsValidMetricName_WithInvalidName_ReturnsFalse(string? name)
    {
        MetricNameRules.IsValidMetricName(name).Should().BeFalse();
    }

    [Theory]
    [InlineData("a")]
    [InlineData("method")]
    [InlineData("_x")]
    [InlineData("Code2")]
    public void IsValidLabelName_WithValidName_ReturnsTrue(string name)
    {
        MetricNameRules.IsValidLabelName(name).Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1a")]
    [InlineData("a-b")]
    [InlineData("a:b")]
    [InlineData(":a")]
    [InlineData("a.b")]
    public void IsValidLabelName_WithInvalidName_ReturnsFalse(string? name)
    {
        MetricNameRules.IsValidLabelName(name).Should().BeFalse();
    }

    [Theory]
    [InlineData("1requests")]
    [InlineData("http-requests")]
    [InlineData("")]
    public void Create_WithInvalidMetricName_ThrowsQuotingNameAndRule(string name)
    {
        using var factory = TestFactory.Create();

        factory.Invoking(f => f.CreateCounter(name, "Help")).Should().Throw<ArgumentException>()
            .WithMessage($"Metric name '{name}' is invalid*[a-zA-Z_:][a-zA-Z0-9_:]*").Which.ParamName.Should().Be("name");
        factory.Invoking(f => f.CreateGauge(name, "Help")).Should().Throw<ArgumentException>();
        factory.Invoking(f => f.CreateHistogram(name, "Help")).Should().Throw<ArgumentException>();
        factory.Families.Should().BeEmpty();
    }

    [Fact]
    public void Create_WithDoubleUnderscorePrefix_ThrowsSayingReserved()
    {
        using var factory = TestFactory.Create();

        factory.Invoking(f => f.CreateGauge("__x", "Help")).Should().Throw<ArgumentException>().WithMessage("*'__x'*reserved*");
        factory.Invoking(f => f.CreateCounter("__x_total", "Help")).Should().Throw<ArgumentException>().WithMessage("*'__x_total'*reserved*");
    }

    [Fact]
    public void CreateCounter_DoubleUnderscoreTotal_ThrowsSayingReserved()
    {
        using var factory = TestFactory.Create();

        factory.Invoking(f => f.CreateCounter("__total", "Help")).Should().Throw<ArgumentException>()
            .WithMessage("Metric name '__total' is invalid: names starting with '__' are reserved*").Which.ParamName.Should().Be("name");
        factory.Families.Should().BeEmpty("'__total' would be stored as '_' and written as '# TYPE _ counter'");
    }

    [Fact]
    public void CreateCounter_NameThatIsOnlyTheTotalSuffix_ThrowsSayingNothingIsLeft()
    {
        using var factory = TestFactory.Create();

        factory.Invoking(f => f.CreateCounter("_total", "Help")).Should().Throw<ArgumentException>()
            .WithMessage("Counter name '_total' is invalid: it is only the '_total' suffix*name before it*").Which.ParamName.Should().Be("name");
        factory.Families.Should().BeEmpty();
    }

    [Fact]
    public void Create_SingleUnderscoreNameWithSuffixedSeries_ThrowsSayingTheSeriesNameIsReserved()
    {
        using var factory = TestFactory.Create();

        factory.Invoking(f => f.CreateCounter("_", "Help")).Should().Throw<ArgumentException>().WithMessage("Metric name '_' is invalid*'__total'*reserved*");
        factory.Invoking(f => f.CreateHistogram("_", "Help")).Should().Throw<ArgumentException>().WithMessage("Metric name '_' is invalid*'__bucket'*reserved*");
        factory.Invoking(f => f.CreateSummary("_", "Help")).Should().Throw<ArgumentException>().WithMessage("Metric name '_' is invalid*'__sum'*reserved*");
        factory.Families.Should().BeEmpty();
    }

    [Fact]
    public void CreateGauge_SingleUnderscoreName_IsAllowed()
    {
        using var factory = TestFactory.Create();

        factory.CreateGauge("_", "Help").Name.Should().Be("_", "a gauge writes its name alone, which does not start with '__'");
    }

    [Theory]
    [InlineData("__name")]
    [InlineData("__")]
    public void Create_WithDoubleUnderscoreLabel_OnEveryType_ThrowsSayingReserved(string label)
    {
        using var factory = TestFactory.Create();

        factory.Invoking(f => f.CreateCounter("requests", "Help", [label])).Should().Throw<ArgumentException>()
            .WithMessage($"Metric 'requests': label name '{label}' is invalid: label names starting with '__' are reserved*").Which.ParamName.Should().Be("labelNames");
        factory.Invoking(f => f.CreateGauge("pool_size", "Help", [label])).Should().Throw<ArgumentException>().WithMessage($"*'{label}'*reserved*");
        factory.Invoking(f => f.CreateHistogram("latency_seconds", "Help", [label])).Should().Throw<ArgumentException>().WithMessage($"*'{label}'*reserved*");
        factory.Invoking(f => f.CreateSummary("job_seconds", "Help", [label])).Should().Throw<ArgumentException>().WithMessage($"*'{label}'*reserved*");
        factory.Families.Should().BeEmpty();
    }

    [Fact]
    public void Create_WithNullName_ThrowsArgumentNull()
    {
        using var factory = TestFactory.Create();

        factory.Invoking(f => f.CreateCounter(null!, "Help")).Should().Throw<ArgumentNullException>();
        factory.Invoking(f => f.CreateGauge(null!, "Help")).Should().Throw<ArgumentNullException>();
        factory.Invoking(f => f.CreateHistogram(null!, "Help")).Should().Throw<ArgumentNullException>();
    }

    [Theory]
    [InlineData("1a")]
    [InlineData("a-b")]
    [InlineData("a:b")]
    [InlineData("")]
    public void Create_WithInvalidLabelName_ThrowsNamingMetricAndLabel(string label)
    {
        using var factory = TestFactory.Create();

        factory.Invoking(f => f.CreateCounter("requests", "Help", ["method", label])).Should().Throw<ArgumentException>()
            .WithMessage($"Metric 'requests': label name '{label}' is invalid*").Which.ParamName.Should().Be("labelNames");
        factory.Find("requests").Should().BeNull();
    }

    [Fact]
    public void Create_WithDoubleUnderscoreLabel_ThrowsSayingReserved()
    {
        using var factory = TestFactory.Create();

        factory.Invoking(f => f.CreateGauge("pool_size", "Help", ["__name"])).Should().Throw<ArgumentException>()
            .WithMessage("*'pool_size'*'__name'*reserved*");
    }

    [Fact]
    public void Create_WithDuplicateLabelNames_ThrowsNamingTheLabel()
    {
        using var factory = TestFactory.Create();

        factory.Invoking(f => f.CreateHistogram("latency_seconds", "Help", ["route", "method", "route"])).Should().Throw<ArgumentException>()
            .WithMessage("*'latency_seconds'*'route'*twice*");
    }

    [Fact]
    public void CreateHistogram_WithLeLabel_ThrowsSayingReserved()
    {
        using var factory = TestFactory.Create();

        factory.Invoking(f => f.CreateHistogram("latency_seconds", "Help", ["le"])).Should().Throw<ArgumentException>()
            .WithMessage("*'latency_seconds'*'le'*reserved*");
    }

    [Fact]
    public void CreateCounterAndGauge_WithLeLabel_AreAllowed()
    {
        using var factory = TestFactory.Create();

        factory.CreateCounter("a", "Help", ["le"]).LabelNames.Should().Equal("le");
        factory.CreateGauge("b", "Help", ["le"]).LabelNames.Should().Equal("le");
    }

    [Fact]
    public void ThrowIfInvalidLabelNames_WithForbiddenName_Throws()
    {
        var act = () => MetricNameRules.ThrowIfInvalidLabelNames("m", ["a", "quantile"], "quantile");

        act.Should().Throw<ArgumentException>().WithMessage("*'quantile'*reserved*");
        var allowed = () => MetricNameRules.ThrowIfInvalidLabelNames("m", ["a", "b"], "quantile");
        allowed.Should().NotThrow();
    }
}
