using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Instrumentation.Generators.Model;

/// <summary>Builds <see cref="EquatableArray{T}"/> values.</summary>
internal static class EquatableArrayExtensions
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
        where T : IEquatable<T> => new(items.ToImmutableArray());
}
