using BenchmarkDotNet.Running;
using Instrumentation.Benchmarks.Configuration;
using Instrumentation.Benchmarks.Memory;

namespace Instrumentation.Benchmarks;

/// <summary>
/// Entry point. Every argument goes to <see cref="BenchmarkSwitcher"/> (<c>--filter</c>,
/// <c>--anyCategories</c>, <c>--artifacts</c>, ...) except two of ours:
/// <c>--memory-report</c> prints the memory-per-series report and exits;
/// <c>--long</c> uses BenchmarkDotNet's default job instead of ShortRun, and <c>--dry</c> a single
/// iteration per benchmark (a smoke test, not a measurement).
/// The exit code is 1 when any benchmark failed to build, set up or run, so scripts and CI notice.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains("--memory-report"))
        {
            Console.Write(MemoryPerSeriesReport.Run());
            return 0;
        }

        var length = args.Contains("--long") ? RunLength.Long : args.Contains("--dry") ? RunLength.Dry : RunLength.Short;
        var switcherArgs = args.Where(arg => arg is not ("--long" or "--dry")).ToArray();
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(switcherArgs, BenchmarkConfig.Create(length));
        var onlyLists = switcherArgs.Any(arg => arg is "--list" or "--help" or "--info" or "--version");
        return onlyLists ? 0 : BenchmarkOutcome.Report(summaries, Console.Error);
    }
}
