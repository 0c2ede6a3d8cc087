namespace Fruit.Data;

/// <summary>A message on the queue: insert <paramref name="Quantity"/> of <paramref name="Fruit"/>.</summary>
/// <param name="Fruit">A name from <see cref="FruitCatalog"/>.</param>
/// <param name="Quantity">How many, at least 1.</param>
public sealed record FruitMessage(string Fruit, int Quantity);
