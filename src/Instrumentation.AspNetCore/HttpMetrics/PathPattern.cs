namespace Instrumentation.AspNetCore.HttpMetrics;

/// <summary>A request path pattern: an exact path, or one where <c>*</c> matches any run of characters. Case-insensitive.</summary>
internal sealed class PathPattern(string pattern)
{
    public string Pattern { get; } = pattern;

    public bool Matches(ReadOnlySpan<char> path) => Matches(Pattern, path);

    private static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> path)
    {
        // Iterative glob with one backtrack point: linear enough for short paths, no allocation.
        int p = 0, s = 0, star = -1, mark = 0;
        while (s < path.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = s;
            }
            else if (p < pattern.Length && char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(path[s]))
            {
                p++;
                s++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                s = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
