namespace Instrumentation.Push;

/// <summary>
/// Settings of the Pushgateway pusher (<c>AddPushgateway()</c>), bound from <c>Metrics:Push:Pushgateway</c>
/// and validated at start-up.
/// </summary>
public sealed class PushgatewayOptions : PushOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Metrics:Push:Pushgateway";

    /// <summary>The <c>job</c> label of the grouping key. Required.</summary>
    public string Job { get; set; } = string.Empty;

    /// <summary>More labels of the grouping key (for example <c>instance</c>), by label name.</summary>
    public IDictionary<string, string> GroupingLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Whether a push replaces the whole group (<see cref="PushgatewayMethod.Put"/>, the default) or adds to it.</summary>
    public PushgatewayMethod Method { get; set; } = PushgatewayMethod.Put;
}
