namespace Fruit.Data;

/// <summary>The fruits the shop sells. Only these are accepted, so labels stay bounded.</summary>
public static class FruitCatalog
{
    /// <summary>Every fruit name, lower case.</summary>
    public static IReadOnlyList<string> Names { get; } = ["apple", "banana", "cherry", "mango", "orange"];

    /// <summary>Whether <paramref name="name"/> is one of <see cref="Names"/>.</summary>
    public static bool Contains(string? name)
    {
        if (name is null)
        {
            return false;
        }

        foreach (var known in Names)
        {
            if (string.Equals(known, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A fruit picked at random.</summary>
    public static string Random() => Names[System.Random.Shared.Next(Names.Count)];
}
