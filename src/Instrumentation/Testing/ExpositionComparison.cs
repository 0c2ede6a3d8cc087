using System.Globalization;
using System.Text;

namespace Instrumentation.Testing;

/// <summary>Compares exposition text line by line, ignoring trailing whitespace and blank lines at either end.</summary>
internal static class ExpositionComparison
{
    private const int MaxReportedDifferences = 20;

    /// <summary>Returns null when the texts match, otherwise a message listing the lines that differ.</summary>
    public static string? Compare(string expected, string actual)
    {
        var expectedLines = Lines(expected);
        var actualLines = Lines(actual);
        var differences = new StringBuilder();
        var count = 0;
        var lineCount = Math.Max(expectedLines.Count, actualLines.Count);
        for (var i = 0; i < lineCount; i++)
        {
            var expectedLine = i < expectedLines.Count ? expectedLines[i] : null;
            var actualLine = i < actualLines.Count ? actualLines[i] : null;
            if (string.Equals(expectedLine, actualLine, StringComparison.Ordinal))
            {
                continue;
            }

            count++;
            if (count <= MaxReportedDifferences)
            {
                differences.Append(CultureInfo.InvariantCulture, $"  line {i + 1}:\n    expected: {expectedLine ?? "(no line)"}\n    actual:   {actualLine ?? "(no line)"}\n");
            }
        }

        if (count == 0)
        {
            return null;
        }

        if (count > MaxReportedDifferences)
        {
            differences.Append(CultureInfo.InvariantCulture, $"  ... and {count - MaxReportedDifferences} more differing line(s)\n");
        }

        return $"The exposition differs from the expected text in {count} line(s) ({expectedLines.Count} expected, {actualLines.Count} actual):\n"
            + differences
            + "Actual exposition:\n"
            + string.Join('\n', actualLines);
    }

    private static List<string> Lines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        return lines;
    }
}
