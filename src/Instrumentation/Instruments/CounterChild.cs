using System.Globalization;

namespace Instrumentation.Instruments;

/// <summary>
/// One series of a <see cref="Counter"/>. Whole increments (up to <see cref="uint.MaxValue"/>) use a single <c>Interlocked</c> add on a
/// 64-bit cell; fractional ones a compare-exchange on a second, double-valued cell.
/// </summary>
public sealed class CounterChild : Series, ICounter
{
    /// <summary>
    /// The largest increment added to the 64-bit whole cell; larger ones go to the double cell, so that
    /// a few huge increments (<c>Inc(9e18)</c> twice) cannot wrap the long around to a negative total.
    /// </summary>
    private const double MaxWholeIncrement = uint.MaxValue;

    private readonly bool _sampleExemplars;
    private long _whole;
    private long _fractionBits;
    private long _nextExemplarTick;
    private Collection.Exemplar? _exemplar;

    internal CounterChild(Counter family, string[] labelValues)
        : base(family, labelValues)
    {
        _sampleExemplars = family.Factory.Options.Exemplars;
    }

    /// <inheritdoc />
    public double Value => Volatile.Read(ref _whole) + AtomicDouble.Read(ref _fractionBits);

    internal Collection.Exemplar? Exemplar => Volatile.Read(ref _exemplar);

    /// <inheritdoc />
    public void Inc()
    {
        Interlocked.Increment(ref _whole);
        Touch();
        if (_sampleExemplars)
        {
            SampleExemplar(1);
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
            Interlocked.Add(ref _whole, whole);
        }
        else
        {
            AtomicDouble.Add(ref _fractionBits, increment);
        }

        Touch();

        if (_sampleExemplars)
        {
            SampleExemplar(increment);
        }
    }

    private void SampleExemplar(double increment)
    {
        var sampled = ExemplarSampler.TrySample(increment, ref _nextExemplarTick, Family.Factory.TimeProvider);
        if (sampled is not null)
        {
            Volatile.Write(ref _exemplar, sampled);
        }
    }

    private void ThrowInvalidIncrement(double increment) =>
        throw new ArgumentOutOfRangeException(
            nameof(increment),
            increment,
            string.Create(CultureInfo.InvariantCulture, $"Counter '{Family.Name}' can only go up: the increment must be a finite number >= 0, but was {increment}. Use a gauge for values that go down."));
}
