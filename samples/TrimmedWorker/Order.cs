namespace TrimmedWorker;

/// <summary>An order the worker processes.</summary>
/// <param name="Id">The order number.</param>
/// <param name="Items">How many items it holds.</param>
/// <param name="Total">What it costs, in dollars.</param>
public sealed record Order(int Id, int Items, double Total);
