namespace Fruit.Data;

/// <summary>A message on the queue: insert <paramref name="Quantity"/> of <paramref name="Fruit"/>.</summary>
/// <param name="Fruit">A name from <see cref="FruitCatalog"/>.</param>
/// <param name="Quantity">How many, at least 1.</param>
public sealed record FruitMessage(string Fruit, int Quantity)
{
    /// <summary>Throws when <paramref name="message"/> names a fruit outside the catalog or a quantity below 1.</summary>
    /// <exception cref="ArgumentException">The message is not valid.</exception>
    public static void ThrowIfInvalid(FruitMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!FruitCatalog.Contains(message.Fruit) || message.Quantity < 1)
        {
            throw new ArgumentException($"Not a valid fruit message: {message}.", nameof(message));
        }
    }
}
