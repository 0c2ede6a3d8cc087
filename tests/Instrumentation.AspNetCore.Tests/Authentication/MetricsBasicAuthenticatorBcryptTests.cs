using Instrumentation.AspNetCore.Tests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Instrumentation.AspNetCore.Tests.Authentication;

/// <summary>
/// bcrypt users (what <c>htpasswd -nBC 10</c> writes, as in Prometheus' web configuration) follow the same rules as
/// the other schemes: unknown users are verified against a bcrypt dummy, and failures wait out the slowest kind.
/// Durations are simulated on a manual clock; nothing here measures real time.
/// </summary>
public sealed class MetricsBasicAuthenticatorBcryptTests
{
    // `htpasswd -nbBC 10 user pass` on this machine.
    private const string HtpasswdUserPass = "$2y$10$DaDgwHhOh/jxszCFMsEQqOIS2f3KDZW4ltQbq72VcPppqAkikErCy";
    private static readonly TimeSpan BcryptCost = TimeSpan.FromMilliseconds(300);

    private static async Task<(DirectAuthenticator Auth, ManualTimeProvider Clock, FakePasswordVerifier Verifier)> StartAsync(IDictionary<string, string?> configuration)
    {
        var clock = new ManualTimeProvider();
        var verifier = new FakePasswordVerifier(clock).Costing("bcrypt", BcryptCost).Costing("sha512-crypt", TimeSpan.FromMilliseconds(10));
        var auth = new DirectAuthenticator(configuration, clock, verifier);
        (await auth.SendHeaderAsync(null)).Allowed.Should().BeFalse(); // builds the users and dummies first
        return (auth, clock, verifier);
    }

    private static Dictionary<string, string?> BcryptOnly() => new()
    {
        ["Metrics:Authentication:Users:0:Username"] = "user",
        ["Metrics:Authentication:Users:0:PasswordHash"] = HtpasswdUserPass,
    };

    [Fact]
    public async Task Authenticate_AnHtpasswdBcryptUser_IsAllowedWithItsPasswordOnly()
    {
        var (auth, clock, _) = await StartAsync(BcryptOnly());

        (await clock.RunAsync(auth.SendAsync("user", "pass"))).Allowed.Should().BeTrue();
        var (allowed, context) = await clock.RunAsync(auth.SendAsync("user", "wrong"));
        allowed.Should().BeFalse();
        context.Response.StatusCode.Should().Be(StatusCodes.Status401Unauthorized);
    }

    [Fact]
    public async Task Authenticate_AnUnknownUserAgainstABcryptOnlyTable_IsVerifiedAgainstABcryptDummy()
    {
        var (auth, clock, verifier) = await StartAsync(BcryptOnly());
        verifier.Dummies.Should().Be(1);
        var before = verifier.Verifications;

        var started = clock.Elapsed;
        var (allowed, context) = await clock.RunAsync(auth.SendAsync("stranger", "pass"));

        allowed.Should().BeFalse();
        context.Response.StatusCode.Should().Be(StatusCodes.Status401Unauthorized);
        verifier.Verifications.Should().Be(before + 1);
        (clock.Elapsed - started).Should().Be(BcryptCost, "the dummy is bcrypt, so it costs what a bcrypt user costs");
    }

    [Fact]
    public async Task Authenticate_AFailureBesideASlowerBcryptUser_WaitsAsLongAsBcrypt()
    {
        var configuration = BcryptOnly();
        configuration["Metrics:Authentication:Users:1:Username"] = "fast";
        configuration["Metrics:Authentication:Users:1:PasswordHash"] = Instrumentation.Security.PasswordHash.HashSha512Crypt("fast-secret");
        var (auth, clock, _) = await StartAsync(configuration);

        var started = clock.Elapsed;
        (await clock.RunAsync(auth.SendAsync("fast", "wrong"))).Allowed.Should().BeFalse();

        (clock.Elapsed - started).Should().Be(BcryptCost);
    }

    [Fact]
    public async Task Authenticate_APasswordWhoseFirst72BytesMatch_IsRefused()
    {
        var first72 = new string('p', 72);
        var configuration = new Dictionary<string, string?>
        {
            ["Metrics:Authentication:Users:0:Username"] = "user",
            ["Metrics:Authentication:Users:0:PasswordHash"] = Instrumentation.Security.PasswordHash.HashBcrypt(first72),
        };
        var (auth, clock, _) = await StartAsync(configuration);

        (await clock.RunAsync(auth.SendAsync("user", first72 + "more"))).Allowed.Should().BeFalse();
        (await clock.RunAsync(auth.SendAsync("user", first72))).Allowed.Should().BeTrue();
    }
}
