using Instrumentation.Hosting;

namespace Instrumentation.Tests.Hosting;

public sealed class MetricsPathTests
{
    [Theory]
    [InlineData("/metrics")]
    [InlineData("/")]
    [InlineData("/internal/metrics")]
    [InlineData("/metrics/")]
    [InlineData("/_status/prometheus-metrics.txt")]
    [InlineData("/métriques")]
    public void Problem_OfALiteralPath_IsNone(string path)
    {
        MetricsPath.Problem(path).Should().BeNull();
    }

    [Theory]
    [InlineData("/{id}", "route parameters")]
    [InlineData("/{*rest}", "catch-alls")]
    [InlineData("/{**rest}", "catch-alls")]
    [InlineData("/metrics/{format:alpha}", "Remove the braces")]
    [InlineData("/metrics.{format?}", "Remove the braces")]
    [InlineData("/{{metrics}}", "Remove the braces")]
    [InlineData("/metrics?token=x", "contains '?'")]
    [InlineData("/metrics#top", "contains '#'")]
    [InlineData("/met%72ics", "contains '%'")]
    [InlineData("/my metrics", "contains the character U+0020")]
    [InlineData("/metrics\\x", "contains '\\'")]
    [InlineData("//metrics", "empty segment")]
    [InlineData("/internal/../metrics", "'..' segment")]
    [InlineData("/./metrics", "'.' segment")]
    [InlineData("metrics", "must start with '/'")]
    [InlineData("~/metrics", "must start with '/'")]
    [InlineData("", "must start with '/'")]
    [InlineData(null, "must start with '/'")]
    public void Problem_OfANonLiteralPath_SaysWhatIsWrong(string? path, string expected)
    {
        MetricsPath.Problem(path).Should().Contain(expected);
    }
}
