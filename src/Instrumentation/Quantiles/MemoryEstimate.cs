using System.Runtime.CompilerServices;

namespace Instrumentation.Quantiles;

/// <summary>
/// MemoryEstimate approximates heap sizes on a 64-bit runtime, for the memory budget of a quantile window:
/// an object costs a 16-byte header plus its fields, an array a 24-byte header plus its elements.
/// </summary>
internal static class MemoryEstimate
{
    /// <summary>Object returns the size of an object whose fields take <paramref name="fieldBytes"/>.</summary>
    public static int Object(int fieldBytes) => Math.Max(24, 16 + fieldBytes);

    /// <summary>Array returns the size of <paramref name="array"/>, computed from its length.</summary>
    public static int Array<T>(T[] array) => 24 + (array.Length * Unsafe.SizeOf<T>());
}
