namespace Instrumentation.Instruments;

/// <summary>A histogram series with more buckets than fit inline: its counts in an array of their own.</summary>
internal sealed class ArrayHistogramChild : HistogramChild
{
    private readonly long[] _counts;

    internal ArrayHistogramChild(Histogram family, string[] labelValues)
        : base(family, labelValues)
    {
        _counts = new long[family.CountLength];
    }

    private protected override Span<long> CountSlots => _counts;
}
