using Instrumentation.AspNetCore.Authentication;

namespace Instrumentation.AspNetCore.Tests.Authentication;

public sealed class FailedCredentialCacheTests
{
    private static readonly byte[] Secret = CredentialKey.NewSecret();

    private static CredentialKey Key(int i) =>
        CredentialKey.Compute(Secret, "prometheus"u8, System.Text.Encoding.UTF8.GetBytes($"guess-{i}"), "$6$abc$hash"u8);

    [Fact]
    public void Contains_ForTheDurationFromTheFailure_ThenNot()
    {
        var clock = new ManualTimeProvider();
        var cache = new FailedCredentialCache(clock);
        cache.Contains(Key(0)).Should().BeFalse();

        cache.Remember(Key(0), TimeSpan.FromSeconds(60));
        clock.Advance(TimeSpan.FromSeconds(59));
        cache.Contains(Key(0)).Should().BeTrue();
        cache.Contains(Key(1)).Should().BeFalse();

        clock.Advance(TimeSpan.FromSeconds(1));
        cache.Contains(Key(0)).Should().BeFalse();
        cache.Count.Should().Be(0);
    }

    [Fact]
    public void Remember_WithAZeroDuration_KeepsNothing()
    {
        var cache = new FailedCredentialCache(new ManualTimeProvider());

        cache.Remember(Key(0), TimeSpan.Zero);

        cache.Contains(Key(0)).Should().BeFalse();
    }

    [Fact]
    public void Remember_ManyDistinctFailures_NeverHoldsMoreThanTheCapacity()
    {
        var cache = new FailedCredentialCache(new ManualTimeProvider(), capacity: 64);

        for (var i = 0; i < 1000; i++)
        {
            cache.Remember(Key(i), TimeSpan.FromMinutes(1));
            cache.Count.Should().BeLessThanOrEqualTo(64);
        }

        cache.Contains(Key(999)).Should().BeTrue("the latest failure is always kept");
    }

    [Fact]
    public void Remember_WhenFull_DropsExpiredFailuresFirst()
    {
        var clock = new ManualTimeProvider();
        var cache = new FailedCredentialCache(clock, capacity: 4);
        cache.Remember(Key(0), TimeSpan.FromSeconds(1));
        cache.Remember(Key(1), TimeSpan.FromSeconds(1));
        cache.Remember(Key(2), TimeSpan.FromMinutes(1));
        cache.Remember(Key(3), TimeSpan.FromMinutes(1));
        clock.Advance(TimeSpan.FromSeconds(2));

        cache.Remember(Key(4), TimeSpan.FromMinutes(1));

        cache.Count.Should().Be(3);
        cache.Contains(Key(2)).Should().BeTrue();
        cache.Contains(Key(3)).Should().BeTrue();
        cache.Contains(Key(4)).Should().BeTrue();
    }
}
