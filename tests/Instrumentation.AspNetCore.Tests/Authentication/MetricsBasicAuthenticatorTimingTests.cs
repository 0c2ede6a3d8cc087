using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Security;
using Microsoft.AspNetCore.Http;

namespace Instrumentation.AspNetCore.Tests.Authentication;

/// <summary>
/// A failed attempt takes the same time whoever the user is: every failure answers no sooner than the slowest
/// configured verification, waiting on a timer rather than hashing. Durations are simulated on a manual clock
/// (the fake verifier moves it by a set cost per scheme), so nothing here measures real time.
/// </summary>
public sealed class MetricsBasicAuthenticatorTimingTests
{
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(250);
    private static readonly string FastHash = PasswordHash.HashSha512Crypt("fast-secret", 1000);
    private static readonly string SlowHash = PasswordHash.HashPbkdf2("slow-secret", 1000);

    private static Dictionary<string, string?> TwoKindsOfUser(int? maxConcurrentVerifications = null)
    {
        // The fast user first: the old dummy for unknown users copied the first user's scheme.
        var configuration = new Dictionary<string, string?>
        {
            ["Metrics:Authentication:Users:0:Username"] = "fast",
            ["Metrics:Authentication:Users:0:PasswordHash"] = FastHash,
            ["Metrics:Authentication:Users:1:Username"] = "slow",
            ["Metrics:Authentication:Users:1:PasswordHash"] = SlowHash,
        };
        if (maxConcurrentVerifications is { } limit)
        {
            configuration["Metrics:Authentication:MaxConcurrentVerifications"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return configuration;
    }

    private static async Task<(DirectAuthenticator Auth, ManualTimeProvider Clock, FakePasswordVerifier Verifier)> StartAsync(int? maxConcurrentVerifications = null)
    {
        var clock = new ManualTimeProvider();
        var verifier = new FakePasswordVerifier(clock).Costing("sha512-crypt", Fast).Costing("pbkdf2-sha256", Slow);
        var auth = new DirectAuthenticator(TwoKindsOfUser(maxConcurrentVerifications), clock, verifier);
        (await auth.SendHeaderAsync(null)).Allowed.Should().BeFalse(); // builds the users (and any dummies) first
        return (auth, clock, verifier);
    }

    private static async Task<(bool Allowed, HttpContext Context, TimeSpan Took)> TimedAsync(ManualTimeProvider clock, Func<Task<(bool Allowed, HttpContext Context)>> attempt)
    {
        var started = clock.Elapsed;
        var (allowed, context) = await clock.RunAsync(attempt());
        return (allowed, context, clock.Elapsed - started);
    }

    [Theory]
    [InlineData("fast", "wrong")]
    [InlineData("slow", "wrong")]
    [InlineData("stranger", "fast-secret")]
    public async Task Authenticate_AFailure_AnswersWhenTheSlowestConfiguredVerificationWould(string username, string password)
    {
        var (auth, clock, _) = await StartAsync();

        var (allowed, context, took) = await TimedAsync(clock, () => auth.SendAsync(username, password));

        allowed.Should().BeFalse();
        context.Response.StatusCode.Should().Be(StatusCodes.Status401Unauthorized);
        took.Should().Be(Slow);
    }

    [Fact]
    public async Task Authenticate_AFailure_WaitsOnATimerWithoutHashingAgain()
    {
        var (auth, clock, verifier) = await StartAsync();
        var before = verifier.Verifications;

        var attempt = auth.SendAsync("fast", "wrong");
        (await Eventually.TrueAsync(() => clock.ActiveTimers == 1, TimeSpan.FromSeconds(10))).Should().BeTrue("the failure should wait on a timer");

        attempt.IsCompleted.Should().BeFalse("the clock has not reached the slowest verification's time");
        verifier.Verifications.Should().Be(before + 1);
        clock.Advance(Slow);
        (await attempt).Allowed.Should().BeFalse();
    }

    [Fact]
    public async Task Authenticate_ACorrectPassword_IsNotHeldToTheSlowestVerification()
    {
        var (auth, clock, _) = await StartAsync();

        var (allowed, _, took) = await TimedAsync(clock, () => auth.SendAsync("fast", "fast-secret"));

        allowed.Should().BeTrue();
        took.Should().Be(Fast);
    }

    [Fact]
    public async Task Authenticate_ARepeatedFailureAnsweredFromTheCache_TakesTheSameTime()
    {
        var (auth, clock, verifier) = await StartAsync();
        await TimedAsync(clock, () => auth.SendAsync("fast", "wrong"));
        var before = verifier.Verifications;

        var (allowed, _, took) = await TimedAsync(clock, () => auth.SendAsync("fast", "wrong"));

        allowed.Should().BeFalse();
        verifier.Verifications.Should().Be(before);
        took.Should().Be(Slow);
    }

    [Fact]
    public async Task Authenticate_WhenTheSlowestVerificationGetsSlower_FailuresFollowIt()
    {
        var (auth, clock, verifier) = await StartAsync();
        var slower = TimeSpan.FromMilliseconds(400);
        verifier.Costing("pbkdf2-sha256", slower);
        (await TimedAsync(clock, () => auth.SendAsync("slow", "wrong"))).Took.Should().Be(slower);

        var (_, _, took) = await TimedAsync(clock, () => auth.SendAsync("fast", "wrong"));

        took.Should().Be(slower);
    }

    [Fact]
    public async Task Authenticate_AFailureWaitingOutTheSlowestTime_KeepsItsVerificationSlot()
    {
        var (auth, clock, verifier) = await StartAsync(maxConcurrentVerifications: 1);
        var waiting = auth.SendAsync("fast", "wrong");
        (await Eventually.TrueAsync(() => clock.ActiveTimers == 1, TimeSpan.FromSeconds(10))).Should().BeTrue("the failure should wait on a timer");
        var before = verifier.Verifications;

        var (allowed, context) = await auth.SendAsync("slow", "another-guess");

        allowed.Should().BeFalse();
        context.Response.StatusCode.Should().Be(StatusCodes.Status429TooManyRequests);
        verifier.Verifications.Should().Be(before);
        clock.Advance(Slow);
        (await waiting).Context.Response.StatusCode.Should().Be(StatusCodes.Status401Unauthorized);
    }

    [Fact]
    public async Task Authenticate_ManyFirstRequestsAtOnce_MakeOneDummyPerKindOfHash()
    {
        var verifier = new FakePasswordVerifier();
        var auth = new DirectAuthenticator(TwoKindsOfUser(), TimeProvider.System, verifier);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => auth.SendAsync(i % 2 == 0 ? "fast" : "stranger", "wrong"))));

        verifier.Dummies.Should().Be(2, "one dummy each for sha512-crypt and PBKDF2, however many requests raced to need them");
    }
}
