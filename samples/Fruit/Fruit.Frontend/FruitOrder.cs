namespace Fruit.Frontend;

/// <summary>The body of <c>POST /fruit</c>: <c>{ "name": "apple", "quantity": 3 }</c>.</summary>
/// <param name="Name">A fruit of the catalog.</param>
/// <param name="Quantity">1 to <see cref="MaxQuantity"/>.</param>
public sealed record FruitOrder(string? Name, int Quantity)
{
    /// <summary>The largest quantity one order may carry.</summary>
    public const int MaxQuantity = 100;
}
