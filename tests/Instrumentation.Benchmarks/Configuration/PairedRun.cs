using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace Instrumentation.Benchmarks.Configuration;

/// <summary>
/// Same-run ratios that survive a loaded machine: every row of a benchmark class (each of its parameter
/// values as its own instance) is run in short timed batches, one row after the other, in many rounds,
/// with the order rotated each round. Each row's figure in a round is divided by the floor's of the same
/// round, a few milliseconds apart, and the median of those per-round ratios is reported with its
/// quartiles: a burst of other work hits the rows of a round alike, instead of one BenchmarkDotNet case
/// that ran while it lasted. The ratio of the rows' mean times is printed too: it is the figure for a
/// row whose cost comes in rare large steps (a summary that buffers observations and flushes them every
/// few hundred), which the median of short batches misses.
/// </summary>
/// <remarks>
/// It reuses the benchmark classes as they are: their <c>[Params]</c>, their untargeted
/// <c>[GlobalSetup]</c> (with the checks that every row records what it is given) and their
/// <c>[Benchmark]</c> methods of category Quick with <c>OperationsPerInvoke</c>; rows that need a setup
/// of their own (<c>GlobalSetup(Target = ...)</c>) are left to BenchmarkDotNet. B/op is what the calling
/// thread allocated over one warmed-up batch (<see cref="GC.GetAllocatedBytesForCurrentThread"/>), as the
/// memory diagnoser counts it.
/// </remarks>
internal static class PairedRun
{
    private const double BatchMilliseconds = 2;

    /// <summary>Runs every class whose name contains one of <paramref name="filters"/> (all when empty) and returns Markdown.</summary>
    public static string Run(IReadOnlyList<string> filters, int rounds, TextWriter progress)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Paired run: {rounds} rounds of ~{BatchMilliseconds} ms batches per row, order rotated each round; ratio = median over rounds of (row / floor of the same round), [quartiles].");
        report.AppendLine(CultureInfo.InvariantCulture, $"Started {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()}, .NET {Environment.Version}, {Environment.ProcessorCount} CPUs.");
        var types = typeof(PairedRun).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false, IsPublic: true } && type.GetMethods().Any(IsQuickBenchmark))
            .Where(type => filters.Count == 0 || filters.Any(filter => type.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(type => type.Name, StringComparer.Ordinal);
        foreach (var type in types)
        {
            progress.WriteLine($"== {type.Name}");
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"### {type.Name} (load average at start {LoadAverage()})");
            report.AppendLine();
            RunClass(type, rounds, report);
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Finished {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()}.");
        return report.ToString();
    }

    private static bool IsQuickBenchmark(MethodInfo method) =>
        method.GetCustomAttribute<BenchmarkAttribute>() is not null
        && method.GetCustomAttributes<BenchmarkCategoryAttribute>().Any(category => category.Categories.Contains(BenchmarkCategories.Quick))
        && method.ReturnType == typeof(void)
        && method.GetParameters().Length == 0;

    private static void RunClass(Type type, int rounds, StringBuilder report)
    {
        var instances = Instances(type);
        var rows = new List<Row>();
        foreach (var (instance, parameters) in instances)
        {
            Invoke(type, instance, typeof(GlobalSetupAttribute));
            Row? floor = null;
            foreach (var method in type.GetMethods().Where(IsQuickBenchmark))
            {
                var ops = method.GetCustomAttribute<BenchmarkAttribute>()!.OperationsPerInvoke;
                var row = new Row(method.Name, parameters, method.CreateDelegate<Action>(instance), ops, method.GetCustomAttribute<BenchmarkAttribute>()!.Baseline);
                floor = row.IsFloor ? row : floor;
                rows.Add(row);
            }

            foreach (var row in rows.Where(row => row.Parameters == parameters))
            {
                row.Floor = floor ?? throw new InvalidOperationException($"{type.Name} has no baseline row.");
            }
        }

        foreach (var row in rows)
        {
            row.Calibrate();
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                rows[(i + round) % rows.Count].RunBatch();
            }
        }

        var hasParameters = rows.Any(row => row.Parameters.Length > 0);
        report.AppendLine(hasParameters ? "| row | parameters | ns/op (median) | ratio to floor | quartiles | ratio of means | B/op |" : "| row | ns/op (median) | ratio to floor | quartiles | ratio of means | B/op |");
        report.AppendLine(hasParameters ? "| --- | --- | ---: | ---: | --- | ---: | ---: |" : "| --- | ---: | ---: | --- | ---: | ---: |");
        foreach (var row in rows)
        {
            var ratios = row.Samples.Select((sample, round) => sample / row.Floor!.Samples[round]).Order().ToArray();
            var line = string.Create(CultureInfo.InvariantCulture, $"| {row.Name} |{(hasParameters ? $" {row.Parameters} |" : string.Empty)} {Median(row.Samples.Order().ToArray()):F2} | {Median(ratios):F2} | {Quantile(ratios, 0.25):F2}-{Quantile(ratios, 0.75):F2} | {row.Samples.Average() / row.Floor!.Samples.Average():F2} | {row.BytesPerOperation:0.##} |");
            report.AppendLine(line);
        }

        AppendScaling(rows, report);
        foreach (var (instance, _) in instances)
        {
            Invoke(type, instance, typeof(GlobalCleanupAttribute));
        }
    }

    /// <summary>
    /// For a class with a <c>Threads</c> parameter whose ns/op is wall time per operation over all threads:
    /// each row's throughput at 2 threads over its own at 1, and that over the floor's, per round (median, quartiles).
    /// </summary>
    private static void AppendScaling(List<Row> rows, StringBuilder report)
    {
        var single = rows.Where(row => row.Parameters == "Threads=1").ToDictionary(row => row.Name);
        var pairs = rows.Where(row => row.Parameters == "Threads=2" && single.ContainsKey(row.Name)).ToList();
        var floorPair = pairs.FirstOrDefault(row => row.IsFloor);
        if (floorPair is null)
        {
            return;
        }

        double[] Throughput(Row two) => [.. single[two.Name].Samples.Select((one, round) => one / two.Samples[round])];
        var floorThroughput = Throughput(floorPair);
        report.AppendLine();
        report.AppendLine("| row | throughput at 2 threads vs 1 (median) | quartiles | scaling vs floor (median) | quartiles |");
        report.AppendLine("| --- | ---: | --- | ---: | --- |");
        foreach (var two in pairs)
        {
            var throughput = Throughput(two);
            var scaling = throughput.Select((value, round) => value / floorThroughput[round]).Order().ToArray();
            Array.Sort(throughput);
            report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {two.Name} | {Median(throughput):F2}x | {Quantile(throughput, 0.25):F2}-{Quantile(throughput, 0.75):F2} | {Median(scaling):F2} | {Quantile(scaling, 0.25):F2}-{Quantile(scaling, 0.75):F2} |"));
        }
    }

    /// <summary>One instance per combination of <c>[Params]</c> values (one instance when there are none).</summary>
    private static List<(object Instance, string Parameters)> Instances(Type type)
    {
        var combinations = new List<List<(PropertyInfo Property, object? Value)>> { new() };
        foreach (var property in type.GetProperties().Where(property => property.GetCustomAttribute<ParamsAttribute>() is not null))
        {
            combinations = [.. combinations.SelectMany(combination => property.GetCustomAttribute<ParamsAttribute>()!.Values.Select(value => new List<(PropertyInfo, object?)>(combination) { (property, value) }))];
        }

        return [.. combinations.Select(combination =>
        {
            var instance = Activator.CreateInstance(type)!;
            foreach (var (property, value) in combination)
            {
                property.SetValue(instance, value);
            }

            return (instance, string.Join(", ", combination.Select(pair => $"{pair.Property.Name}={pair.Value}")));
        })];
    }

    private static void Invoke(Type type, object instance, Type attribute)
    {
        foreach (var method in type.GetMethods())
        {
            if (method.GetCustomAttribute(attribute) is TargetedAttribute { Targets: null or [] } && method.GetParameters().Length == 0)
            {
                method.Invoke(instance, null);
            }
        }
    }

    private static double Median(double[] sorted) => Quantile(sorted, 0.5);

    private static double Quantile(double[] sorted, double q)
    {
        var position = (sorted.Length - 1) * q;
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private sealed class Row(string name, string parameters, Action invoke, int opsPerInvoke, bool isFloor)
    {
        private int _invocationsPerBatch = 1;

        public string Name { get; } = name;

        public string Parameters { get; } = parameters;

        public bool IsFloor { get; } = isFloor;

        public Row? Floor { get; set; }

        /// <summary>Nanoseconds per operation, one per round.</summary>
        public List<double> Samples { get; } = [];

        /// <summary>Warms the row up (JIT tiers) and sizes its batch to about <see cref="BatchMilliseconds"/>.</summary>
        public void Calibrate()
        {
            var warmUntil = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 5);
            var invocations = 0;
            while (Stopwatch.GetTimestamp() < warmUntil)
            {
                invoke();
                invocations++;
            }

            // 200 ms of calls counted: size the batch from them, at least one call.
            _invocationsPerBatch = Math.Max(1, (int)(invocations * BatchMilliseconds / 200));

            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < _invocationsPerBatch; i++)
            {
                invoke();
            }

            BytesPerOperation = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / ((double)_invocationsPerBatch * opsPerInvoke);
        }

        /// <summary>Bytes the calling thread allocated per operation over one batch after warm-up.</summary>
        public double BytesPerOperation { get; private set; }

        public void RunBatch()
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < _invocationsPerBatch; i++)
            {
                invoke();
            }

            var elapsed = Stopwatch.GetElapsedTime(start);
            Samples.Add(elapsed.TotalNanoseconds / ((double)_invocationsPerBatch * opsPerInvoke));
        }
    }
}
