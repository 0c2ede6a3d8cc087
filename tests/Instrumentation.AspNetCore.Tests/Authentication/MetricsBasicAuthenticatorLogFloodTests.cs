using Instrumentation.AspNetCore.Authentication;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Instrumentation.AspNetCore.Tests.Authentication;

/// <summary>
/// Requests an unauthenticated client can send at will (malformed or oversized Authorization headers) must not flood
/// the log: one Information line a minute, with the count since the last, and a Debug line each.
/// </summary>
public sealed class MetricsBasicAuthenticatorLogFloodTests : IDisposable
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ManualTimeProvider _clock = new();
    private readonly DirectAuthenticator _auth;

    public MetricsBasicAuthenticatorLogFloodTests()
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Metrics:Authentication:Users:0:Username"] = "prometheus",
            ["Metrics:Authentication:Users:0:PasswordHash"] = PasswordHash.HashSha512Crypt("right"),
        };
        _auth = new DirectAuthenticator(configuration, _clock, new FakePasswordVerifier(), _logs.AsLoggerFactory().CreateLogger<MetricsBasicAuthenticator>());
    }

    [Theory]
    [InlineData("Basic !!!not-base64", "malformed")]
    [InlineData("Bearer abc", "malformed")]
    [InlineData(null, "longer than accepted")]
    public async Task Refusals_FloodOfOneKind_LogOneInformationLinePerMinuteWithTheCount(string? header, string kind)
    {
        header ??= "Basic " + new string('A', 2000);

        for (var i = 0; i < 100; i++)
        {
            var (allowed, context) = await _auth.SendHeaderAsync(header);
            allowed.Should().BeFalse();
            context.Response.StatusCode.Should().Be(StatusCodes.Status401Unauthorized);
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        await _auth.SendHeaderAsync(header);

        var information = _logs.Entries.Where(e => e.Level == LogLevel.Information && e.Message.Contains(kind, StringComparison.Ordinal)).ToList();
        information.Should().HaveCount(2, "one summary line when the flood starts and one a minute later");
        information[0].Message.Should().StartWith("1 metrics requests");
        information[1].Message.Should().StartWith("100 metrics requests", "the second line counts the 99 since the first and itself");
        _logs.Entries.Count(e => e.Level == LogLevel.Debug && e.Message.Contains(kind, StringComparison.Ordinal)).Should().Be(99);
    }

    public void Dispose() => _logs.Dispose();
}
