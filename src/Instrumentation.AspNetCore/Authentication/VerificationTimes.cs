using Instrumentation.Security;

namespace Instrumentation.AspNetCore.Authentication;

/// <summary>
/// For one generation of users (a <see cref="MetricsUserTable"/>): how long verifying each kind of hash (scheme
/// and cost) takes, a dummy hash of the slowest kind that unknown users are verified against, and the
/// <see cref="Floor"/>, the slowest kind's time, that every failed attempt waits out, so a failure takes as
/// long whoever the user is and whatever their hash.
/// </summary>
/// <remarks>
/// A kind's time starts as the time its dummy took to make (the same work as a verification) and then follows
/// the verifications of that kind: it rises at once to a slower one and eases down by an eighth of the gap per
/// faster one, so the floor keeps up with a loaded machine without keeping one outlier for good. Thread-safe.
/// </remarks>
internal sealed class VerificationTimes
{
    private readonly Dictionary<ParsedPasswordHash, Kind> _kindOf;
    private readonly Kind[] _kinds;

    private VerificationTimes(MetricsUserTable users, Dictionary<ParsedPasswordHash, Kind> kindOf, Kind[] kinds, ParsedPasswordHash slowestDummy)
    {
        Users = users;
        _kindOf = kindOf;
        _kinds = kinds;
        SlowestDummy = slowestDummy;
    }

    /// <summary>The generation of users these times are for.</summary>
    public MetricsUserTable Users { get; }

    /// <summary>A hash of a random password, of the kind that took longest: what an unknown user is verified against.</summary>
    public ParsedPasswordHash SlowestDummy { get; }

    /// <summary>How long the slowest kind of verification takes now: no failure is answered sooner.</summary>
    public TimeSpan Floor
    {
        get
        {
            long slowest = 0;
            foreach (var kind in _kinds)
            {
                slowest = Math.Max(slowest, kind.Ticks);
            }

            return TimeSpan.FromTicks(slowest);
        }
    }

    /// <summary>
    /// Makes a dummy of every kind of hash in <paramref name="users"/> (one slow hash per kind), timing each.
    /// Needs at least one user.
    /// </summary>
    public static VerificationTimes Measure(MetricsUserTable users, PasswordVerifier verifier, TimeProvider time)
    {
        var kindOf = new Dictionary<ParsedPasswordHash, Kind>(ReferenceEqualityComparer.Instance);
        var byCost = new Dictionary<(string Scheme, int Cost), Kind>();
        foreach (var hash in users.Hashes)
        {
            if (!byCost.TryGetValue((hash.Scheme, hash.Cost), out var kind))
            {
                var started = time.GetTimestamp();
                var dummy = verifier.CreateDummy(hash);
                kind = new Kind(dummy, time.GetElapsedTime(started));
                byCost.Add((hash.Scheme, hash.Cost), kind);
                kindOf.Add(dummy, kind);
            }

            kindOf[hash] = kind;
        }

        var kinds = byCost.Values.ToArray();
        var slowest = kinds[0];
        foreach (var kind in kinds)
        {
            if (kind.Ticks > slowest.Ticks)
            {
                slowest = kind;
            }
        }

        return new VerificationTimes(users, kindOf, kinds, slowest.Dummy);
    }

    /// <summary>Notes that verifying against <paramref name="hash"/> (a user's or a dummy) took <paramref name="elapsed"/>.</summary>
    public void Record(ParsedPasswordHash hash, TimeSpan elapsed)
    {
        if (_kindOf.TryGetValue(hash, out var kind))
        {
            kind.Observe(elapsed);
        }
    }

    /// <summary>One scheme and cost: its dummy and how long a verification of it takes.</summary>
    private sealed class Kind(ParsedPasswordHash dummy, TimeSpan first)
    {
        private long _ticks = first.Ticks;

        public ParsedPasswordHash Dummy { get; } = dummy;

        public long Ticks => Volatile.Read(ref _ticks);

        public void Observe(TimeSpan elapsed)
        {
            while (true)
            {
                var current = Volatile.Read(ref _ticks);
                var next = elapsed.Ticks >= current ? elapsed.Ticks : current - ((current - elapsed.Ticks) / 8);
                if (next == current || Interlocked.CompareExchange(ref _ticks, next, current) == current)
                {
                    return;
                }
            }
        }
    }
}
