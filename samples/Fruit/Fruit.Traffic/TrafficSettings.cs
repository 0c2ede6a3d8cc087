namespace Fruit.Traffic;

/// <summary>Where and how fast <see cref="TrafficService"/> sends traffic.</summary>
/// <param name="Target">The frontend's base address, e.g. <c>http://127.0.0.1:5000</c>.</param>
/// <param name="Rate">Requests per second.</param>
/// <param name="Duration">How long; null until the host stops.</param>
public sealed record TrafficSettings(Uri Target, double Rate, TimeSpan? Duration);
