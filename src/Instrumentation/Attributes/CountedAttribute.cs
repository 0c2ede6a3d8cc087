namespace Instrumentation;

/// <summary>
/// Counts calls, with a <c>result</c> label (<c>success</c> or <c>failure</c>) and an <c>exception</c> label
/// holding the type name of the exception that escaped (<c>none</c> on success). Metadata only, applied as
/// <see cref="TimedAttribute"/> is; on a class or interface it applies to every handler or method the
/// type declares, and an attribute on the method itself wins.
/// </summary>
/// <remarks>
/// Without a <see cref="Name"/>, endpoints share <see cref="DefaultEndpointName"/> (labels <c>method</c>,
/// <c>route</c>, <c>status_code</c>, <c>result</c>, <c>exception</c>; a 5xx status is a failure too) and service
/// methods share <see cref="DefaultServiceName"/> (labels <c>class</c>, <c>method</c>, <c>result</c>, <c>exception</c>).
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Interface, AllowMultiple = false, Inherited = true)]
public sealed class CountedAttribute : Attribute
{
    /// <summary>The counter every unnamed <c>[Counted]</c> endpoint counts into (<c>_total</c> on the wire).</summary>
    public const string DefaultEndpointName = "http_handler_calls";

    /// <summary>The counter every unnamed <c>[Counted]</c> service method counts into (<c>_total</c> on the wire).</summary>
    public const string DefaultServiceName = "method_calls";

    /// <summary>The help text of <see cref="DefaultEndpointName"/>.</summary>
    public const string DefaultEndpointHelp = "Calls of [Counted] HTTP endpoint handlers";

    /// <summary>The help text of <see cref="DefaultServiceName"/>.</summary>
    public const string DefaultServiceHelp = "Calls of [Counted] methods";

    /// <summary>The <c>result</c> label value of a call that completed.</summary>
    public const string Success = "success";

    /// <summary>The <c>result</c> label value of a call that failed.</summary>
    public const string Failure = "failure";

    /// <summary>The <c>exception</c> label value when no exception escaped.</summary>
    public const string NoException = "none";

    /// <summary>Counts into the shared default counter of the target's kind.</summary>
    public CountedAttribute()
    {
    }

    /// <summary>Counts into a counter of its own.</summary>
    /// <param name="name">The counter name, with or without <c>_total</c>.</param>
    /// <param name="help">What the counter counts.</param>
    public CountedAttribute(string name, string help)
    {
        Name = name;
        Help = help;
    }

    /// <summary>The counter name, or null for the default of the target's kind.</summary>
    public string? Name { get; set; }

    /// <summary>The help text, or null for a default one.</summary>
    public string? Help { get; set; }

    /// <summary>Whether only failed calls are counted. Default false: every call is counted.</summary>
    public bool FailuresOnly { get; set; }

    /// <summary>Constant labels as name/value pairs, added after the default labels (see <see cref="TimedAttribute.ExtraLabels"/>).</summary>
    public string[]? ExtraLabels { get; set; }
}
