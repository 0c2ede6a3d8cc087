using System.Runtime.CompilerServices;

namespace Instrumentation.AspNetCore.EndpointMetrics;

/// <summary>Room for up to eight label values on the stack, so recording a call allocates no array.</summary>
[InlineArray(Capacity)]
internal struct LabelBuffer
{
    public const int Capacity = 8;

    private string _element;

    /// <summary>
    /// Returns the label values <paramref name="values"/> followed by <paramref name="extraValues"/>, in this
    /// buffer when they fit and in a new array when they do not.
    /// </summary>
    public static Span<string> Compose(ref LabelBuffer buffer, ReadOnlySpan<string> values, string[] extraValues)
    {
        var length = values.Length + extraValues.Length;
        Span<string> target = length <= Capacity ? ((Span<string>)buffer)[..length] : new string[length];
        values.CopyTo(target);
        extraValues.CopyTo(target[values.Length..]);
        return target;
    }
}
