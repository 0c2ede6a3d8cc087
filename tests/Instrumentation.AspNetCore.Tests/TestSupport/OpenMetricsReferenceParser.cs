namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// The reference Python client's strict OpenMetrics parser (Debian's python3-prometheus-client, installed by the
/// README's test command), run on a body: what an independent consumer of OpenMetrics accepts.
/// </summary>
internal static class OpenMetricsReferenceParser
{
    // Debian's interpreter, not whichever python3 is first on PATH: the package installs into its dist-packages.
    private const string Python = "/usr/bin/python3";

    private const string Script =
        "import sys; from prometheus_client.openmetrics.parser import text_string_to_metric_families as parse; " +
        "families = list(parse(sys.stdin.read())); print(sum(len(f.samples) for f in families))";

    /// <summary>Parses <paramref name="body"/>; returns the exit code (0 when accepted) and what the parser printed (its error, or the sample count).</summary>
    public static async Task<(int ExitCode, string Output)> ParseAsync(string body)
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is not installed. Install it with: apt-get update && apt-get install -y python3-prometheus-client (the README's test command does this).");
        }

        var (exitCode, output) = await ExternalTool.RunAsync(Python, $"-c \"{Script}\"", body, TimeSpan.FromSeconds(60));
        if (exitCode != 0 && output.Contains("No module named 'prometheus_client'", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The reference parser is missing. Install it with: apt-get update && apt-get install -y python3-prometheus-client (the README's test command does this).");
        }

        return (exitCode, output);
    }
}
