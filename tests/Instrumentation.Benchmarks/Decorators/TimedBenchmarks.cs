using BenchmarkDotNet.Attributes;
using Instrumentation.Benchmarks.Configuration;
using Instrumentation.Benchmarks.Support;

namespace Instrumentation.Benchmarks.Decorators;

/// <summary>
/// A service call through the decorator the source generator writes for <c>[Timed]</c> (and
/// <c>[Counted]</c>), against the same call on the undecorated service, for a synchronous method and
/// for methods returning an already-completed <see cref="Task"/>, <see cref="Task{TResult}"/> and
/// <see cref="ValueTask{TResult}"/>. The decorator's whole overhead is a decorated row's Ratio minus
/// its <c>_Bare</c> row's Ratio.
/// </summary>
/// <remarks>
/// The decorators record into a default factory (exemplars on), as a service registered with
/// <c>AddInstrumented...()</c> does. Both the bare and the decorated service are called through
/// <see cref="IQuoteService"/>, as a consumer that got either from the container would.
/// </remarks>
public class TimedBenchmarks : FloorBenchmark
{
    private MetricFactory _factory = null!;
    private IQuoteService _bare = null!;
    private IQuoteService _timed = null!;
    private IQuoteService _counted = null!;
    private IQuoteService _fullyInstrumented = null!;
    private long _sum;

    [GlobalSetup]
    public void Setup()
    {
        _factory = Factories.Default();
        _bare = new TimedQuoteService();
        _timed = new TimedQuoteService_InstrumentedDecorator(new TimedQuoteService(), _factory);
        _counted = new CountedQuoteService_InstrumentedDecorator(new CountedQuoteService(), _factory);
        _fullyInstrumented = new FullyInstrumentedQuoteService_InstrumentedDecorator(new FullyInstrumentedQuoteService(), _factory);

        // A decorator that fails to create its instruments forwards calls unrecorded: its rows would measure a bare forward.
        if (_factory.Find(TimedAttribute.DefaultServiceName) is null
            || _factory.Find(CountedAttribute.DefaultServiceName) is null
            || _factory.Find(TrackInProgressAttribute.DefaultServiceName) is null)
        {
            throw new InvalidOperationException("A decorator created no instruments, so its rows would measure a bare forward.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _factory.Dispose();

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Sync_Bare() => CallSync(_bare);

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Sync_Timed() => CallSync(_timed);

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Sync_Counted() => CallSync(_counted);

    /// <summary>[Timed], [Counted] and [TrackInProgress] together on one method.</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public void Sync_TimedCountedInProgress() => CallSync(_fullyInstrumented);

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void CompletedTask_Bare() => CallTask(_bare);

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void CompletedTask_Timed() => CallTask(_timed);

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void CompletedTaskOfT_Bare() => CallTaskOfT(_bare);

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void CompletedTaskOfT_Timed() => CallTaskOfT(_timed);

    [Benchmark(OperationsPerInvoke = Ops)]
    public void CompletedTaskOfT_Counted() => CallTaskOfT(_counted);

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void CompletedValueTaskOfT_Bare() => CallValueTaskOfT(_bare);

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void CompletedValueTaskOfT_Timed() => CallValueTaskOfT(_timed);

    private void CallSync(IQuoteService service)
    {
        var sum = 0L;
        for (var i = 0; i < Ops; i++)
        {
            sum += service.Quote(i);
        }

        _sum += sum;
    }

    private static void CallTask(IQuoteService service)
    {
        for (var i = 0; i < Ops; i++)
        {
            service.Reserve(i).GetAwaiter().GetResult();
        }
    }

    private void CallTaskOfT(IQuoteService service)
    {
        var sum = 0L;
        for (var i = 0; i < Ops; i++)
        {
            sum += service.QuoteAsync(i).GetAwaiter().GetResult();
        }

        _sum += sum;
    }

    private void CallValueTaskOfT(IQuoteService service)
    {
        var sum = 0L;
        for (var i = 0; i < Ops; i++)
        {
            var quote = service.QuoteValueAsync(i);
            if (!quote.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException("QuoteValueAsync is meant to complete synchronously.");
            }

            sum += quote.Result;
        }

        _sum += sum;
    }
}
