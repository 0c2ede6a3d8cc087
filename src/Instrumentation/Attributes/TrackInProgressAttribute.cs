namespace Instrumentation;

/// <summary>
/// Keeps a gauge of the calls in flight: raised on entry, lowered on exit whatever happens (return,
/// exception or cancellation). Metadata only, applied as <see cref="TimedAttribute"/> is; on a class or
/// interface it applies to every handler or method the type declares, and an attribute on the method
/// itself wins.
/// </summary>
/// <remarks>
/// Without a <see cref="Name"/>, endpoints share <see cref="DefaultEndpointName"/> (labels <c>method</c>,
/// <c>route</c>) and service methods share <see cref="DefaultServiceName"/> (labels <c>class</c>, <c>method</c>).
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Interface, AllowMultiple = false, Inherited = true)]
public sealed class TrackInProgressAttribute : Attribute
{
    /// <summary>The gauge every unnamed <c>[TrackInProgress]</c> endpoint raises.</summary>
    public const string DefaultEndpointName = "http_requests_in_progress";

    /// <summary>The gauge every unnamed <c>[TrackInProgress]</c> service method raises.</summary>
    public const string DefaultServiceName = "method_calls_in_progress";

    /// <summary>The help text of <see cref="DefaultEndpointName"/>.</summary>
    public const string DefaultEndpointHelp = "HTTP requests being handled by [TrackInProgress] endpoints right now";

    /// <summary>The help text of <see cref="DefaultServiceName"/>.</summary>
    public const string DefaultServiceHelp = "Calls of [TrackInProgress] methods running right now";

    /// <summary>Tracks into the shared default gauge of the target's kind.</summary>
    public TrackInProgressAttribute()
    {
    }

    /// <summary>Tracks into a gauge of its own.</summary>
    /// <param name="name">The gauge name.</param>
    /// <param name="help">What the gauge shows.</param>
    public TrackInProgressAttribute(string name, string help)
    {
        Name = name;
        Help = help;
    }

    /// <summary>The gauge name, or null for the default of the target's kind.</summary>
    public string? Name { get; set; }

    /// <summary>The help text, or null for a default one.</summary>
    public string? Help { get; set; }

    /// <summary>Constant labels as name/value pairs, added after the default labels (see <see cref="TimedAttribute.ExtraLabels"/>).</summary>
    public string[]? ExtraLabels { get; set; }
}
