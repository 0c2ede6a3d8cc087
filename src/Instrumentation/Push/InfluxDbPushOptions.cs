namespace Instrumentation.Push;

/// <summary>
/// Settings of the InfluxDB pusher (<c>AddInfluxDbPush()</c>), bound from <c>Metrics:Push:InfluxDb</c>
/// and validated at start-up.
/// </summary>
public sealed class InfluxDbPushOptions : PushOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Metrics:Push:InfluxDb";

    /// <summary>The write API to use. Default <see cref="InfluxDbVersion.V1"/>.</summary>
    public InfluxDbVersion Version { get; set; } = InfluxDbVersion.V1;

    /// <summary>The database written to (v1). Required for v1.</summary>
    public string Database { get; set; } = string.Empty;

    /// <summary>The retention policy written to (v1), or empty for the database's default.</summary>
    public string RetentionPolicy { get; set; } = string.Empty;

    /// <summary>The organization (v2). Required for v2.</summary>
    public string Org { get; set; } = string.Empty;

    /// <summary>The bucket (v2). Required for v2.</summary>
    public string Bucket { get; set; } = string.Empty;

    /// <summary>The API token (v2), sent as <c>Authorization: Token ...</c>. Required for v2.</summary>
    public string Token { get; set; } = string.Empty;
}
