using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Security;
using Microsoft.AspNetCore.Http;

namespace Instrumentation.AspNetCore.Tests.Authentication;

/// <summary>
/// Refusing a bad request stays cheap and bounded: oversized credentials are refused before any hashing,
/// failures are remembered, verifications run a bounded number at a time and the excess is refused at once,
/// and a remembered success needs no hashing slot. Behaviour is asserted by counting hashes, never by timing.
/// </summary>
public sealed class MetricsBasicAuthenticatorRefusalCostTests
{
    private static readonly string RightHash = PasswordHash.HashSha512Crypt("right", 1000);

    private static Dictionary<string, string?> OneUser(int? maxConcurrentVerifications = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Metrics:Authentication:Users:0:Username"] = "prometheus",
            ["Metrics:Authentication:Users:0:PasswordHash"] = RightHash,
        };
        if (maxConcurrentVerifications is { } limit)
        {
            configuration["Metrics:Authentication:MaxConcurrentVerifications"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return configuration;
    }

    [Theory]
    [InlineData(257)]
    [InlineData(3000)]
    public async Task Authenticate_WithAPasswordLongerThan256Bytes_RefusesWithoutHashing(int length)
    {
        var verifier = new FakePasswordVerifier();
        var auth = new DirectAuthenticator(OneUser(), new ManualTimeProvider(), verifier);

        var (allowed, context) = await auth.SendAsync("prometheus", new string('x', length));

        allowed.Should().BeFalse();
        context.Response.StatusCode.Should().Be(StatusCodes.Status401Unauthorized);
        verifier.Verifications.Should().Be(0);
    }

    [Fact]
    public async Task Authenticate_WithAPasswordOf256BytesCountedInUtf8_IsVerified()
    {
        var verifier = new FakePasswordVerifier();
        var auth = new DirectAuthenticator(OneUser(), new ManualTimeProvider(), verifier);

        // 128 two-byte characters: 128 chars, 256 bytes.
        var (allowed, _) = await auth.SendAsync("prometheus", new string('é', 128));

        allowed.Should().BeFalse();
        verifier.Verifications.Should().Be(1);
    }

    [Fact]
    public async Task Authenticate_WithAUserNameLongerThan256Bytes_RefusesWithoutHashing()
    {
        var verifier = new FakePasswordVerifier();
        var auth = new DirectAuthenticator(OneUser(), new ManualTimeProvider(), verifier);

        var (allowed, context) = await auth.SendAsync(new string('u', 3000), "right");

        allowed.Should().BeFalse();
        context.Response.StatusCode.Should().Be(StatusCodes.Status401Unauthorized);
        verifier.Verifications.Should().Be(0);
    }

    [Fact]
    public async Task Authenticate_WithAnAuthorizationHeaderLongerThan1024Characters_RefusesWithoutHashing()
    {
        var verifier = new FakePasswordVerifier();
        var auth = new DirectAuthenticator(OneUser(), new ManualTimeProvider(), verifier);
        var padded = BasicAuth.Header("prometheus", "wrong") + new string(' ', 1100);

        var (allowed, context) = await auth.SendHeaderAsync(padded);

        allowed.Should().BeFalse();
        context.Response.StatusCode.Should().Be(StatusCodes.Status401Unauthorized);
        verifier.Verifications.Should().Be(0);
    }

    [Fact]
    public async Task Authenticate_TheSameWrongPasswordAgain_IsRefusedWithoutHashingAgain()
    {
        var verifier = new FakePasswordVerifier();
        var auth = new DirectAuthenticator(OneUser(), new ManualTimeProvider(), verifier);

        for (var i = 0; i < 5; i++)
        {
            var (allowed, context) = await auth.SendAsync("prometheus", "wrong");
            allowed.Should().BeFalse();
            context.Response.StatusCode.Should().Be(StatusCodes.Status401Unauthorized);
        }

        verifier.Verifications.Should().Be(1);
    }

    [Fact]
    public async Task Authenticate_AnUnknownUserAgain_IsRefusedWithoutHashingAgain()
    {
        var verifier = new FakePasswordVerifier();
        var auth = new DirectAuthenticator(OneUser(), new ManualTimeProvider(), verifier);

        (await auth.SendAsync("stranger", "right")).Allowed.Should().BeFalse();
        (await auth.SendAsync("stranger", "right")).Allowed.Should().BeFalse();

        verifier.Verifications.Should().Be(1);
    }

    [Fact]
    public async Task Authenticate_APasswordThatFailed_SucceedsOnceTheHashIsChangedToIt()
    {
        var verifier = new FakePasswordVerifier();
        var auth = new DirectAuthenticator(OneUser(), new ManualTimeProvider(), verifier);
        (await auth.SendAsync("prometheus", "rotated")).Allowed.Should().BeFalse();

        auth.Reconfigure(new Dictionary<string, string?> { ["Metrics:Authentication:Users:0:PasswordHash"] = PasswordHash.HashSha512Crypt("rotated", 1000) });

        (await auth.SendAsync("prometheus", "rotated")).Allowed.Should().BeTrue();
    }

    [Fact]
    public async Task Authenticate_WhenEveryVerificationSlotIsBusy_RefusesTheNextAttemptAtOnceWith429_WithoutHashing()
    {
        var verifier = new FakePasswordVerifier();
        var auth = new DirectAuthenticator(OneUser(maxConcurrentVerifications: 2), TimeProvider.System, verifier);
        (await auth.SendHeaderAsync(null)).Allowed.Should().BeFalse(); // builds the user table outside the race
        verifier.Hold();
        var busy = new[] { Task.Run(() => auth.SendAsync("prometheus", "guess-1")), Task.Run(() => auth.SendAsync("prometheus", "guess-2")) };
        try
        {
            (await Eventually.TrueAsync(() => verifier.Running == 2, TimeSpan.FromSeconds(10))).Should().BeTrue("two verifications should be held");

            var third = Task.Run(() => auth.SendAsync("stranger", "guess-3"));
            var finished = await Task.WhenAny(third, Task.Delay(TimeSpan.FromSeconds(20)));

            finished.Should().BeSameAs(third, "the third attempt should be refused at once, not queued behind the busy slots");
            var (allowed, context) = await third;
            allowed.Should().BeFalse();
            context.Response.StatusCode.Should().Be(StatusCodes.Status429TooManyRequests);
            context.Response.Headers.RetryAfter.ToString().Should().Be("1");
            verifier.Verifications.Should().Be(2);
        }
        finally
        {
            verifier.Release();
            await Task.WhenAll(busy);
        }
    }

    [Fact]
    public async Task Authenticate_ACachedSuccess_WhileEverySlotIsBusy_IsServedWithoutHashing()
    {
        var verifier = new FakePasswordVerifier();
        var auth = new DirectAuthenticator(OneUser(maxConcurrentVerifications: 1), TimeProvider.System, verifier);
        (await auth.SendAsync("prometheus", "right")).Allowed.Should().BeTrue();
        verifier.Hold();
        var busy = Task.Run(() => auth.SendAsync("prometheus", "guess"));
        try
        {
            (await Eventually.TrueAsync(() => verifier.Running == 1, TimeSpan.FromSeconds(10))).Should().BeTrue("the slot should be held");

            (await auth.SendAsync("prometheus", "right")).Allowed.Should().BeTrue();
            verifier.Verifications.Should().Be(2);
        }
        finally
        {
            verifier.Release();
            await busy;
        }
    }

    [Fact]
    public async Task Authenticate_ACachedSuccessUsedWithinEachCacheDuration_StaysCached()
    {
        var clock = new ManualTimeProvider();
        var verifier = new FakePasswordVerifier();
        var auth = new DirectAuthenticator(OneUser(), clock, verifier);

        for (var i = 0; i < 4; i++)
        {
            (await auth.SendAsync("prometheus", "right")).Allowed.Should().BeTrue();
            clock.Advance(TimeSpan.FromSeconds(45)); // under the 60 s default each time, 180 s in all
        }

        verifier.Verifications.Should().Be(1);
    }

    [Fact]
    public async Task Authenticate_ACachedSuccessLeftUnusedForTheCacheDuration_IsVerifiedAgain()
    {
        var clock = new ManualTimeProvider();
        var verifier = new FakePasswordVerifier();
        var auth = new DirectAuthenticator(OneUser(), clock, verifier);

        (await auth.SendAsync("prometheus", "right")).Allowed.Should().BeTrue();
        clock.Advance(TimeSpan.FromSeconds(60));
        (await auth.SendAsync("prometheus", "right")).Allowed.Should().BeTrue();

        verifier.Verifications.Should().Be(2);
    }
}
