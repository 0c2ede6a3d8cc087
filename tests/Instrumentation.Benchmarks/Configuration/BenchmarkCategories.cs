namespace Instrumentation.Benchmarks.Configuration;

/// <summary>Category names used to select benchmarks from the command line (<c>--anyCategories</c>).</summary>
public static class BenchmarkCategories
{
    /// <summary>
    /// The main cases: every floor and every row the performance targets are judged on.
    /// <c>run.sh --quick</c> runs only these; a full run adds the exploratory rows.
    /// </summary>
    public const string Quick = "Quick";
}
