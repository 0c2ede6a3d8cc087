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
/// </summary>
internal static class Program
{
    public static void Main(string[] args)
    {
        if (args.Contains("--memory-report"))
        {
            Console.Write(MemoryPerSeriesReport.Run());
            return;
        }

        var length = args.Contains("--long") ? RunLength.Long : args.Contains("--dry") ? RunLength.Dry : RunLength.Short;
        var switcherArgs = args.Where(arg => arg is not ("--long" or "--dry")).ToArray();
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(switcherArgs, BenchmarkConfig.Create(length));
    }
}
