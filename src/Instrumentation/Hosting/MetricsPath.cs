using System.Globalization;

namespace Instrumentation.Hosting;

/// <summary>
/// The rule for the metrics endpoint's path (<see cref="MetricsOptions.Path"/>, the pattern given to <c>MapMetrics</c>):
/// a literal path that starts with <c>/</c>, so exactly one path serves the metrics. Route syntax is refused: a
/// parameter (<c>/{id}</c>) or a catch-all (<c>/{**rest}</c>) would serve them on every path it matches.
/// </summary>
internal static class MetricsPath
{
    /// <summary>
    /// What is wrong with <paramref name="path"/> and how to fix it (a sentence to follow the option's name and
    /// value), or null when it is a usable literal path.
    /// </summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/')
        {
            return "must start with '/', for example '/metrics'.";
        }

        if (path.AsSpan().ContainsAny('{', '}'))
        {
            return "must be a literal path such as '/metrics': route parameters ('{id}'), catch-alls ('{*rest}', '{**rest}') "
                + "and constraints would serve the metrics on every path they match. Remove the braces.";
        }

        foreach (var c in path)
        {
            if (!IsAllowed(c))
            {
                return $"must be a literal path such as '/metrics', but it contains {Describe(c)}, which a path to map cannot hold "
                    + "(no query string, fragment, '%' escapes, spaces or backslashes). Use letters, digits and - . _ ~ in segments separated by '/'.";
            }
        }

        if (path.Contains("//", StringComparison.Ordinal))
        {
            return "must be a literal path such as '/metrics', but it has an empty segment ('//'). Remove the extra '/'.";
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment is "." or "..")
            {
                return $"must be a literal path such as '/metrics', but it has a '{segment}' segment, which requests never carry (it is resolved away). Remove it.";
            }
        }

        return null;
    }

    /// <summary>The characters of a URL path segment (RFC 3986 <c>pchar</c> without <c>%</c> escapes, and letters of any script) and <c>/</c>.</summary>
    private static bool IsAllowed(char c) =>
        char.IsLetterOrDigit(c) || "-._~!$&'()*+,;=:@/".Contains(c, StringComparison.Ordinal);

    private static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c)
            ? string.Create(CultureInfo.InvariantCulture, $"the character U+{(int)c:X4}")
            : $"'{c}'";
}
