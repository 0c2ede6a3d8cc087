using BenchmarkDotNet.Reports;

namespace Instrumentation.Benchmarks.Configuration;

/// <summary>
/// Turns a run's summaries into an exit code. BenchmarkDotNet reports a benchmark that threw, failed
/// to build or was rejected by a validator in its log but still exits with 0, which would let the
/// CI dry run pass while a case is broken.
/// </summary>
internal static class BenchmarkOutcome
{
    /// <summary>Writes one line per failed case to <paramref name="error"/>; returns 1 if there was any, else 0.</summary>
    public static int Report(IEnumerable<Summary> summaries, TextWriter error)
    {
        var failures = 0;
        var benchmarks = 0;
        foreach (var summary in summaries)
        {
            foreach (var validationError in summary.ValidationErrors)
            {
                if (validationError.IsCritical)
                {
                    error.WriteLine($"Benchmark validation failed: {validationError.Message}");
                    failures++;
                }
            }

            foreach (var report in summary.Reports)
            {
                benchmarks++;
                if (!report.BuildResult.IsBuildSuccess || !report.Success || report.ResultStatistics is null)
                {
                    error.WriteLine($"Benchmark failed: {report.BenchmarkCase.DisplayInfo}");
                    failures++;
                }
            }
        }

        if (benchmarks == 0 && failures == 0)
        {
            error.WriteLine("No benchmark ran: check the --filter and --anyCategories arguments.");
            return 1;
        }

        return failures == 0 ? 0 : 1;
    }
}
