namespace Instrumentation.OpenTelemetry;

/// <summary>
/// Replaces the values of one tag of one foreign meter's instruments when they are read, before they become
/// label values: for example <c>http.response.status_code</c> <c>204</c> to <c>2xx</c>. Series whose labels
/// coincide afterwards are added up (see <see cref="MergedSeries"/>).
/// </summary>
/// <remarks>
/// OpenTelemetry views can keep or drop tag keys but cannot change a value, and ASP.NET Core records its own
/// status code tag whatever a middleware adds, so this is done at collection time, on the SDK's aggregates.
/// </remarks>
internal sealed class TagValueRewrite
{
    public TagValueRewrite(string meterName, string tagKey, Func<string, string> rewrite)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(meterName);
        ArgumentException.ThrowIfNullOrWhiteSpace(tagKey);
        ArgumentNullException.ThrowIfNull(rewrite);
        MeterName = meterName;
        TagKey = tagKey;
        Rewrite = rewrite;
    }

    /// <summary>The exact name of the meter whose instruments it applies to.</summary>
    public string MeterName { get; }

    /// <summary>The tag whose values it replaces.</summary>
    public string TagKey { get; }

    /// <summary>Maps a formatted tag value to the label value shown; must be pure and thread-safe.</summary>
    public Func<string, string> Rewrite { get; }
}
