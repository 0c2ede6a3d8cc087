using BenchmarkDotNet.Running;
using Instrumentation.Benchmarks.Configuration;
using Instrumentation.Benchmarks.Memory;

namespace Instrumentation.Benchmarks;

/// <summary>
/// Entry point. Every argument goes to <see cref="BenchmarkSwitcher"/> (<c>--filter</c>,
/// <c>--anyCategories</c>, <c>--artifacts</c>, ...) except two of ours:
/// <c>--memory-report</c> prints the memory-per-series report and exits;
/// <c>--long</c> uses BenchmarkDotNet's default job instead of ShortRun, and <c>--dry</c> a single
/// iteration per benchmark (a smoke test, not a measurement); <c>--in-process</c> runs every case of a
/// class in this process instead of building and launching one per case (minutes saved on a loaded machine).
/// <c>--paired [class name parts] [--rounds N]</c> runs the Quick rows of those classes interleaved
/// (<see cref="PairedRun"/>): same-round ratios for a machine others are loading.
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

        if (args.Contains("--paired"))
        {
            var rounds = args.SkipWhile(arg => arg != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault(200);
            var filters = args.SkipWhile(arg => arg != "--paired").Skip(1).TakeWhile(arg => !arg.StartsWith("--", StringComparison.Ordinal)).ToArray();
            Console.Write(PairedRun.Run(filters, rounds, Console.Error));
            return 0;
        }

        var length = args.Contains("--long") ? RunLength.Long : args.Contains("--dry") ? RunLength.Dry : RunLength.Short;
        var switcherArgs = args.Where(arg => arg is not ("--long" or "--dry" or "--in-process")).ToArray();
        var config = BenchmarkConfig.Create(length, inProcess: args.Contains("--in-process"));
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(switcherArgs, config);
        var onlyLists = switcherArgs.Any(arg => arg is "--list" or "--help" or "--info" or "--version");
        return onlyLists ? 0 : BenchmarkOutcome.Report(summaries, Console.Error);
    }
}
