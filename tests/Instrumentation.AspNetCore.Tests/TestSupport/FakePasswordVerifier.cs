using Instrumentation.AspNetCore.Authentication;
using Instrumentation.Security;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// A <see cref="PasswordVerifier"/> that counts the slow hashes the authenticator asks for, can hold them at a
/// gate (to keep verification slots busy), and can make each take a simulated time on a manual clock (per
/// scheme), so timing behaviour is asserted without measuring real time. It still runs the real hash, so use
/// cheap hashes. Thread-safe.
/// </summary>
internal sealed class FakePasswordVerifier(ManualTimeProvider? clock = null) : PasswordVerifier
{
    private readonly ManualResetEventSlim _gate = new(initialState: true);
    private readonly Dictionary<string, TimeSpan> _costs = new(StringComparer.Ordinal);
    private int _verifications;
    private int _dummies;
    private int _running;

    /// <summary>How many passwords were verified (real users and dummies alike).</summary>
    public int Verifications => Volatile.Read(ref _verifications);

    /// <summary>How many dummy hashes were made.</summary>
    public int Dummies => Volatile.Read(ref _dummies);

    /// <summary>How many verifications are inside <see cref="Verify"/> right now (for example, held at the gate).</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Makes every hash of <paramref name="scheme"/> (<c>sha512-crypt</c>, <c>pbkdf2-sha256</c>) move the manual clock by <paramref name="cost"/>.</summary>
    public FakePasswordVerifier Costing(string scheme, TimeSpan cost)
    {
        lock (_costs)
        {
            _costs[scheme] = cost;
        }

        return this;
    }

    /// <summary>Holds every verification that starts from now on until <see cref="Release"/>.</summary>
    public void Hold() => _gate.Reset();

    /// <summary>Lets held verifications (and later ones) through.</summary>
    public void Release() => _gate.Set();

    public override bool Verify(ParsedPasswordHash hash, ReadOnlySpan<byte> password)
    {
        Interlocked.Increment(ref _verifications);
        Interlocked.Increment(ref _running);
        try
        {
            if (!_gate.Wait(TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException("A verification was held for 30 s: the test never released it.");
            }

            Spend(hash);
            return hash.Verify(password);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public override ParsedPasswordHash CreateDummy(ParsedPasswordHash like)
    {
        Interlocked.Increment(ref _dummies);
        Spend(like);
        return base.CreateDummy(like);
    }

    private void Spend(ParsedPasswordHash hash)
    {
        TimeSpan cost;
        lock (_costs)
        {
            cost = _costs.GetValueOrDefault(hash.Scheme);
        }

        if (clock is not null && cost > TimeSpan.Zero)
        {
            clock.Advance(cost);
        }
    }
}
