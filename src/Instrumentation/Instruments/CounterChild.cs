using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Instrumentation.Instruments;

/// <summary>
/// One series of a <see cref="Counter"/>. Whole increments (up to <see cref="uint.MaxValue"/>) go to a
/// 64-bit cell, fractional ones to a double-valued cell allocated on first use.
/// </summary>
/// <remarks>
/// The whole cell starts as one field updated by compare-exchange. The first time that compare-exchange
/// loses to another thread, the series switches for good to <see cref="StripedCells"/> (one padded cell
/// per processor): a counter only ever touched by one thread at a time stays small, and a hot shared one
/// stops bouncing a single cache line between cores. The value is the field plus the cells.
/// </remarks>
public sealed class CounterChild : Series, ICounter
{
    /// <summary>
    /// The largest increment added to the 64-bit whole cell; larger ones go to the double cell, so that
    /// a few huge increments (<c>Inc(9e18)</c> twice) cannot wrap the long around to a negative total.
    /// </summary>
    private const double MaxWholeIncrement = uint.MaxValue;

    private long _whole;

    // Null until the single cell was contended; then the cells every whole increment goes to.
    private long[]? _stripedCells;

    internal CounterChild(Counter family, string[] labelValues)
        : base(family, labelValues)
    {
    }

    /// <inheritdoc />
    public double Value
    {
        get
        {
            var whole = Volatile.Read(ref _whole);
            if (Volatile.Read(ref _stripedCells) is { } cells)
            {
                whole += StripedCells.Sum(cells);
            }

            return Side is { } side ? whole + AtomicDouble.Read(ref side.FractionBits) : whole;
        }
    }

    internal Collection.Exemplar? Exemplar => Side is { } side ? Volatile.Read(ref side.Exemplar) : null;

    /// <inheritdoc />
    /// <remarks>Inlined into <see cref="Counter.Inc()"/>, so an unlabelled counter pays no second call.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Inc()
    {
        AddWhole(1);
        Touch();
        if (Family.SampleExemplars && ActivityGate.Current is { Recorded: true } activity)
        {
            SampleExemplar(activity, 1);
        }
    }

    /// <inheritdoc />
    public void Inc(double increment)
    {
        if (!(increment >= 0) || double.IsPositiveInfinity(increment))
        {
            ThrowInvalidIncrement(increment);
        }

        var whole = (long)increment;
        if (whole == increment && increment <= MaxWholeIncrement)
        {
            AddWhole(whole);
        }
        else
        {
            AtomicDouble.Add(ref EnsureSide().FractionBits, increment);
        }

        Touch();

        if (Family.SampleExemplars && ActivityGate.Current is { Recorded: true } activity)
        {
            SampleExemplar(activity, increment);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddWhole(long amount)
    {
        var cells = _stripedCells;
        if (cells is null)
        {
            var current = Volatile.Read(ref _whole);
            if (Interlocked.CompareExchange(ref _whole, current + amount, current) == current)
            {
                return;
            }

            cells = SwitchToStripes();
        }

        StripedCells.Add(cells, amount);
    }

    /// <summary>
    /// Moves the series to striped cells for good (idempotent), as the first lost compare-exchange does;
    /// internal so that tests and benchmarks can exercise the striped path without racing for it.
    /// </summary>
    internal long[] SwitchToStripes() =>
        Volatile.Read(ref _stripedCells) ?? Interlocked.CompareExchange(ref _stripedCells, StripedCells.Create(), null) ?? _stripedCells!;

    private void SampleExemplar(Activity activity, double increment)
    {
        var side = EnsureSide();
        var sampled = ExemplarSampler.TrySample(activity, increment, ref side.NextExemplarTick, Family.Factory.TimeProvider, Environment.TickCount64);
        if (sampled is not null)
        {
            Volatile.Write(ref side.Exemplar, sampled);
        }
    }

    private void ThrowInvalidIncrement(double increment) =>
        throw new ArgumentOutOfRangeException(
            nameof(increment),
            increment,
            string.Create(CultureInfo.InvariantCulture, $"Counter '{Family.Name}' can only go up: the increment must be a finite number >= 0, but was {increment}. Use a gauge for values that go down."));
}
