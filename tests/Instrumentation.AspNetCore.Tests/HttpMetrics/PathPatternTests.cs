using Instrumentation.AspNetCore.HttpMetrics;

namespace Instrumentation.AspNetCore.Tests.HttpMetrics;

public sealed class PathPatternTests
{
    [Theory]
    [InlineData("/metrics", "/metrics", true)]
    [InlineData("/metrics", "/METRICS", true)]
    [InlineData("/metrics", "/metrics/x", false)]
    [InlineData("/health*", "/health", true)]
    [InlineData("/health*", "/health/ready", true)]
    [InlineData("/health*", "/healthz", true)]
    [InlineData("/health*", "/api/health", false)]
    [InlineData("/api/*/status", "/api/v1/status", true)]
    [InlineData("/api/*/status", "/api/v1/state", false)]
    [InlineData("/static/*.js", "/static/app.js", true)]
    [InlineData("/a*b*c", "/aXbYbZc", true)]
    [InlineData("/a*b*c", "/aXbYbZ", false)]
    public void Matches_GlobWithStar_CaseInsensitive(string pattern, string path, bool expected) =>
        new PathPattern(pattern).Matches(path).Should().Be(expected);
}
