namespace Fruit.Data;

/// <summary>Settings shared by the fruit shop's frontend and backend, bound from the <c>Fruit</c> section.</summary>
public sealed class FruitOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Fruit";

    /// <summary>
    /// The SQLite file holding the fruits and the message queue. Frontend and backend must use the same one;
    /// the default is in the temporary directory, so two processes started anywhere share it.
    /// </summary>
    public string DatabasePath { get; set; } = Path.Combine(Path.GetTempPath(), "fruit-shop.db");

    /// <summary>How far back a fruit counts as recently inserted (<c>GET /fruit</c>, <c>recent_fruits</c>); default 5 minutes.</summary>
    public TimeSpan RecentWindow { get; set; } = TimeSpan.FromMinutes(5);
}
