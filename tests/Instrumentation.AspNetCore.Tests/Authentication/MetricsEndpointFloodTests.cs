using System.Net;
using Instrumentation.AspNetCore.Authentication;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Instrumentation.AspNetCore.Tests.Authentication;

/// <summary>
/// The metrics endpoint on real Kestrel while bad credentials arrive: oversized ones are refused without
/// hashing, attempts beyond the verification slots get 429 at once, and a remembered scrape keeps being served.
/// </summary>
public sealed class MetricsEndpointFloodTests
{
    // `openssl passwd -6 -salt abc secret` (5000 rounds)
    private const string OpenSslHashOfSecret = "$6$abc$IdWKNKTJEb8LxY7CGg8YBXlvtfZzFw7Mp/r6niK9YB2mdvgY..TKjv1T..8RadRt2qvUHYRLr/TsVArtr91iR1";

    private static Dictionary<string, string?> OneUser(int maxConcurrentVerifications) => new()
    {
        ["Metrics:Authentication:Users:0:Username"] = "prometheus",
        ["Metrics:Authentication:Users:0:PasswordHash"] = OpenSslHashOfSecret,
        ["Metrics:Authentication:MaxConcurrentVerifications"] = maxConcurrentVerifications.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static Task<SecuredMetricsApp> StartAsync(FakePasswordVerifier verifier, int maxConcurrentVerifications = 2) =>
        SecuredMetricsApp.StartAsync(
            OneUser(maxConcurrentVerifications),
            builder => builder.Services.AddSingleton<PasswordVerifier>(verifier),
            kestrel: true);

    [Fact]
    public async Task Get_WithA3000BytePassword_Returns401WithoutHashing()
    {
        var verifier = new FakePasswordVerifier();
        await using var app = await StartAsync(verifier);

        using var response = await app.GetMetricsAsync("prometheus", new string('p', 3000));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        verifier.Verifications.Should().Be(0);
        app.Source.Collections.Should().Be(0);
    }

    [Fact]
    public async Task Get_WhenEveryVerificationSlotIsBusy_Returns429WithRetryAfter_AndARememberedScrapeIsStillServed()
    {
        var verifier = new FakePasswordVerifier();
        await using var app = await StartAsync(verifier, maxConcurrentVerifications: 2);
        (await app.GetMetricsAsync("prometheus", "secret")).StatusCode.Should().Be(HttpStatusCode.OK);
        verifier.Hold();
        var busy = new[] { app.GetMetricsAsync("prometheus", "guess-1"), app.GetMetricsAsync("stranger", "guess-2") };
        try
        {
            (await Eventually.TrueAsync(() => verifier.Running == 2, TimeSpan.FromSeconds(10))).Should().BeTrue("two verifications should be held");

            using var refused = await app.GetMetricsAsync("prometheus", "guess-3");
            using var served = await app.GetMetricsAsync("prometheus", "secret");

            refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
            refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
            served.StatusCode.Should().Be(HttpStatusCode.OK);
            verifier.Verifications.Should().Be(3, "one for the first scrape, two held; none for the refused or the remembered one");
        }
        finally
        {
            verifier.Release();
            foreach (var response in await Task.WhenAll(busy))
            {
                response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
                response.Dispose();
            }
        }
    }
}
