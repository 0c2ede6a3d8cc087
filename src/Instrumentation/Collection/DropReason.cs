namespace Instrumentation.Collection;

/// <summary>Why a collection left a family or series out of what it exposes.</summary>
internal enum DropReason
{
    /// <summary>A family's name, or a series name it would write, was already taken by an earlier family of the collection.</summary>
    NameCollision,

    /// <summary>A family name that is not a valid metric name, or starts with the reserved <c>__</c>.</summary>
    InvalidName,

    /// <summary>A foreign stream converts to the name of a family of another type (a counter and a gauge both called <c>x</c>).</summary>
    TypeConflict,

    /// <summary>A series' labels, after conversion to Prometheus names and values, equal those of an earlier series of its family.</summary>
    DuplicateLabels,

    /// <summary>A value the format forbids: a counter that is negative or NaN, a histogram whose buckets are not cumulative, a quantile outside [0, 1].</summary>
    InvalidValue,

    /// <summary>A label set the format cannot carry: an invalid, reserved or repeated label name.</summary>
    InvalidLabels,

    /// <summary>A foreign stream of a kind the text formats cannot show (an exponential histogram).</summary>
    UnsupportedType,
}
