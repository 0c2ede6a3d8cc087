using Instrumentation.AspNetCore.Authentication;

namespace Instrumentation.AspNetCore.Tests.Authentication;

public class SummarizedLogTests
{
    [Fact]
    public void TryTakeSummary_FloodWithinOneInterval_GivesOneSummaryThenTheCountSinceAtTheNext()
    {
        var time = new ManualTimeProvider();
        var log = new SummarizedLog(time, TimeSpan.FromMinutes(1));

        log.TryTakeSummary(out var first).Should().BeTrue("the first occurrence is always logged");
        first.Should().Be(1);
        for (var i = 0; i < 999; i++)
        {
            log.TryTakeSummary(out _).Should().BeFalse("a flood within the interval gets debug lines only");
        }

        time.Advance(TimeSpan.FromMinutes(1));

        log.TryTakeSummary(out var next).Should().BeTrue();
        next.Should().Be(1000, "the summary counts every occurrence since the last one, itself included");
        log.TryTakeSummary(out _).Should().BeFalse();
    }

    [Fact]
    public void TryTakeSummary_FromManyThreadsAtOnce_GivesExactlyOneSummaryPerInterval()
    {
        var time = new ManualTimeProvider();
        var log = new SummarizedLog(time, TimeSpan.FromMinutes(1));
        var summaries = 0;
        long counted = 0;

        Parallel.For(0, 10_000, _ =>
        {
            if (log.TryTakeSummary(out var count))
            {
                Interlocked.Increment(ref summaries);
                Interlocked.Add(ref counted, count);
            }
        });
        time.Advance(TimeSpan.FromMinutes(1));
        log.TryTakeSummary(out var rest).Should().BeTrue();

        summaries.Should().Be(1);
        (counted + rest).Should().Be(10_001, "no occurrence is lost or counted twice");
    }
}
