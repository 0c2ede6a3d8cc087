using Instrumentation.Collection;

namespace Instrumentation.Instruments;

/// <summary>
/// The state of a series that most series never use, allocated on first use so that a plain series
/// does not carry it: the listener tags, a counter's fractional cell, and the
/// exemplar slots with their rate-limit tick, a gauge's callback-failing flag.
/// </summary>
/// <remarks>Fields, not properties: the hot paths update them with <c>Interlocked</c> by reference.</remarks>
internal sealed class SeriesSide
{
#pragma warning disable SA1401, CA1051 // Shared mutable cells, updated by reference.
    public KeyValuePair<string, object?>[]? Tags;

    /// <summary>A counter's fractional and very large increments, as the bits of a double.</summary>
    public long FractionBits;

    /// <summary>The exemplar rate-limit slot (see <see cref="ExemplarSampler"/>).</summary>
    public long NextExemplarTick;

    /// <summary>A counter's last exemplar.</summary>
    public Exemplar? Exemplar;

    /// <summary>A histogram's last exemplar per bucket.</summary>
    public Exemplar?[]? Exemplars;

    /// <summary>1 while a gauge's callback is failing (counted in its metric's failing series), else 0.</summary>
    public int CallbackFailing;
#pragma warning restore SA1401, CA1051
}
