using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Instrumentation.Instruments;

/// <summary>
/// A histogram series whose bucket counts live in its own object (one allocation per series, not two).
/// </summary>
/// <typeparam name="TSlots">The smallest block of <see cref="HistogramCountSlots"/> that holds the family's counts.</typeparam>
internal sealed class InlineHistogramChild<TSlots> : HistogramChild
    where TSlots : struct, HistogramCountSlots.ISlots
{
    private TSlots _slots;

    internal InlineHistogramChild(Histogram family, string[] labelValues)
        : base(family, labelValues)
    {
    }

    private protected override Span<long> CountSlots =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<TSlots, long>(ref _slots), Unsafe.SizeOf<TSlots>() / sizeof(long));
}
