using Instrumentation.AspNetCore.Authentication;

namespace Instrumentation.AspNetCore.Tests.Authentication;

public sealed class VerifiedCredentialCacheTests
{
    private static readonly byte[] Secret = CredentialKey.NewSecret();
    private static readonly CredentialKey Key = CredentialKey.Compute(Secret, "prometheus"u8, "secret"u8, "$6$abc$hash"u8);

    [Fact]
    public void TryUse_WithinTheDurationOfTheLastUse_IsTrue_AndAfterItFalse()
    {
        var clock = new ManualTimeProvider();
        var cache = new VerifiedCredentialCache(clock);
        var duration = TimeSpan.FromSeconds(60);
        cache.TryUse(Key, duration).Should().BeFalse();

        cache.Remember(Key, duration);
        clock.Advance(TimeSpan.FromSeconds(59));
        cache.TryUse(Key, duration).Should().BeTrue();
        clock.Advance(TimeSpan.FromSeconds(59));
        cache.TryUse(Key, duration).Should().BeTrue("the last use kept it for another 60 s");

        clock.Advance(TimeSpan.FromSeconds(60));
        cache.TryUse(Key, duration).Should().BeFalse();
        cache.Count.Should().Be(0);
    }

    [Fact]
    public void Remember_WithAZeroDuration_KeepsNothing()
    {
        var cache = new VerifiedCredentialCache(new ManualTimeProvider());

        cache.Remember(Key, TimeSpan.Zero);

        cache.TryUse(Key, TimeSpan.FromSeconds(60)).Should().BeFalse();
    }

    [Fact]
    public void CredentialKey_DependsOnEveryPart_OnWhereTheyAreSplit_AndOnTheSecret()
    {
        var keys = new[]
        {
            Key,
            CredentialKey.Compute(Secret, "prometheus"u8, "secret!"u8, "$6$abc$hash"u8),
            CredentialKey.Compute(Secret, "prometheus"u8, "secret"u8, "$6$abd$hash"u8),
            CredentialKey.Compute(Secret, "prometheu"u8, "ssecret"u8, "$6$abc$hash"u8),
            CredentialKey.Compute(CredentialKey.NewSecret(), "prometheus"u8, "secret"u8, "$6$abc$hash"u8),
        };

        keys.Distinct().Should().HaveCount(keys.Length);
        CredentialKey.Compute(Secret, "prometheus"u8, "secret"u8, "$6$abc$hash"u8).Should().Be(Key);
    }
}
