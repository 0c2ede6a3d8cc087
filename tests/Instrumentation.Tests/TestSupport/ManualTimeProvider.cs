namespace Instrumentation.Tests.TestSupport;

/// <summary>A clock that says what the test sets, so creation times and exemplar timestamps are exact.</summary>
public sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    /// <summary>2023-11-14T22:13:20.123Z, which writes as 1700000000.123.</summary>
    public static readonly DateTimeOffset Reference = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);

    public ManualTimeProvider()
        : this(Reference)
    {
    }

    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
