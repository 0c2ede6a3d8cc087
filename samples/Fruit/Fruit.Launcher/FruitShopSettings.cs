namespace Fruit.Launcher;

/// <summary>Where the launcher puts each part of the shop (read from configuration by <see cref="FruitShopConfiguration"/>).</summary>
public sealed record FruitShopSettings
{
    /// <summary>The frontend's port on 127.0.0.1 (its <c>/metrics</c> too); default 5000.</summary>
    public int FrontendPort { get; init; } = 5000;

    /// <summary>The backend's standalone metrics server port on 127.0.0.1; default 5001.</summary>
    public int BackendMetricsPort { get; init; } = 5001;

    /// <summary>The SQLite file; null for the default, per user and per app (<c>Fruit.Data.FruitDataPaths</c>).</summary>
    public string? DatabasePath { get; init; }

    /// <summary>
    /// Settings given to both the frontend and the backend, in command-line form (the launcher passes its own
    /// arguments here), e.g. <c>--Fruit:DatabaseProvider=PostgreSql</c>. Environment variables reach both as well.
    /// </summary>
    public IReadOnlyList<string> SharedArguments { get; init; } = [];

    /// <summary>Traffic requests per second; 0 starts no traffic. Default 5.</summary>
    public double TrafficRate { get; init; } = 5;

    /// <summary>How long traffic runs; null until the shop stops.</summary>
    public TimeSpan? TrafficDuration { get; init; }

    /// <summary>The frontend's base address.</summary>
    public Uri FrontendUrl => new($"http://127.0.0.1:{FrontendPort}");

    /// <summary>The backend's metrics address.</summary>
    public Uri BackendMetricsUrl => new($"http://127.0.0.1:{BackendMetricsPort}/metrics");
}
