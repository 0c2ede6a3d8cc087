using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Instrumentation.Benchmarks.Configuration;

/// <summary>
/// The one configuration every benchmark class runs under: the ShortRun job (or BenchmarkDotNet's
/// default job for a long run), the memory diagnoser, the Ratio column against each class's floor
/// row, rows in declaration order, and GitHub-markdown and CSV reports.
/// </summary>
/// <remarks>
/// Figures are read as ratios: the machines these run on are shared, so an absolute nanosecond figure
/// says little, but a multiple of <see cref="FloorBenchmark.Floor_InterlockedAdd"/> measured in the
/// same process a few seconds apart does. BenchmarkDotNet's Ratio column is exactly that multiple,
/// because the floor row is the class's only <c>Baseline = true</c> benchmark.
/// </remarks>
internal static class BenchmarkConfig
{
    /// <summary>Builds the shared configuration around the job <paramref name="length"/> names.</summary>
    /// <param name="length">How long each case runs.</param>
    /// <param name="inProcess">Run the cases in this process (the dry run always does).</param>
    public static IConfig Create(RunLength length, bool inProcess = false)
    {
        var job = length switch
        {
            RunLength.Long => Job.Default.WithId("Default"),
            // In-process: a smoke test of every case need not build and launch a process per benchmark.
            RunLength.Dry => Job.Dry.WithToolchain(InProcessEmitToolchain.Instance),
            _ => Job.ShortRun,
        };
        if (inProcess && length != RunLength.Dry)
        {
            job = job.WithToolchain(InProcessEmitToolchain.Instance).WithId(job.Id + "InProcess");
        }

        return ManualConfig.CreateEmpty()
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(DefaultConfig.Instance.GetLoggers().ToArray())
            .AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray())
            .AddValidator(DefaultConfig.Instance.GetValidators().ToArray())
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(MarkdownExporter.GitHub, CsvExporter.Default)
            .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared))

            // The default (2 minutes) is too short for the generated project when other builds share the 2 cores.
            .WithBuildTimeout(TimeSpan.FromMinutes(15))
            .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Value));
    }
}

/// <summary>How long each benchmark runs.</summary>
internal enum RunLength
{
    /// <summary>ShortRun: 1 launch, 3 warm-up and 3 measured iterations. The default.</summary>
    Short,

    /// <summary>BenchmarkDotNet's default job: iterations until the mean is stable.</summary>
    Long,

    /// <summary>One iteration without warm-up: a smoke test that every benchmark runs, not a measurement.</summary>
    Dry,
}
