using Instrumentation.AspNetCore.Authentication;

namespace Instrumentation.AspNetCore.Tests.Authentication;

public sealed class VerifiedCredentialCacheTests
{
    private static readonly CredentialKey Key = CredentialKey.Compute("prometheus"u8, "secret"u8, "$6$abc$hash"u8);

    [Fact]
    public void IsFresh_WithinTheDuration_IsTrue_AndAfterItFalse()
    {
        var clock = new ManualTimeProvider();
        var cache = new VerifiedCredentialCache(clock);
        cache.IsFresh(Key).Should().BeFalse();

        cache.Remember(Key, TimeSpan.FromSeconds(60));
        clock.Advance(TimeSpan.FromSeconds(59));
        cache.IsFresh(Key).Should().BeTrue();

        clock.Advance(TimeSpan.FromSeconds(1));
        cache.IsFresh(Key).Should().BeFalse();
        cache.Count.Should().Be(0);
    }

    [Fact]
    public void Remember_WithAZeroDuration_KeepsNothing()
    {
        var cache = new VerifiedCredentialCache(new ManualTimeProvider());

        cache.Remember(Key, TimeSpan.Zero);

        cache.IsFresh(Key).Should().BeFalse();
    }

    [Fact]
    public void CredentialKey_DependsOnEveryPart_AndOnWhereTheyAreSplit()
    {
        var keys = new[]
        {
            Key,
            CredentialKey.Compute("prometheus"u8, "secret!"u8, "$6$abc$hash"u8),
            CredentialKey.Compute("prometheus"u8, "secret"u8, "$6$abd$hash"u8),
            CredentialKey.Compute("prometheu"u8, "ssecret"u8, "$6$abc$hash"u8),
        };

        keys.Distinct().Should().HaveCount(keys.Length);
        CredentialKey.Compute("prometheus"u8, "secret"u8, "$6$abc$hash"u8).Should().Be(Key);
    }
}
