namespace Instrumentation.Push;

/// <summary>Which InfluxDB write API a pusher uses.</summary>
public enum InfluxDbVersion
{
    /// <summary>InfluxDB 1.x: <c>POST /write?db=...</c>, with optional basic authentication.</summary>
    V1,

    /// <summary>InfluxDB 2.x: <c>POST /api/v2/write?org=...&amp;bucket=...</c> with <c>Authorization: Token ...</c>.</summary>
    V2,
}
