using Instrumentation.Quantiles;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Quantiles;

public class SlidingQuantileWindowConcurrencyTests
{
    private const int Writers = 4;
    private const int ObservationsPerWriter = 250_000;

    [Fact]
    public void ObserveAndQuery_FromManyThreads_LoseNoObservation()
    {
        var window = new SlidingQuantileWindow([new(0.5, 0.05), new(0.9, 0.01), new(0.99, 0.001)], TimeSpan.FromMinutes(10), 5, new ManualTimeProvider());
        using var start = new Barrier(Writers + 2);
        int writersLeft = Writers;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();

        var threads = new List<Thread>();
        for (int w = 0; w < Writers; w++)
        {
            int writer = w;
            threads.Add(new Thread(() =>
            {
                start.SignalAndWait();
                for (int i = 0; i < ObservationsPerWriter; i++)
                {
                    // Values 1..N overall, each exactly once, spread over the writers.
                    window.Observe((i * Writers) + writer + 1);
                }

                Interlocked.Decrement(ref writersLeft);
            }));
        }

        for (int r = 0; r < 2; r++)
        {
            threads.Add(new Thread(() =>
            {
                var results = new double[3];
                start.SignalAndWait();
                for (int round = 0; round < 100_000 && Volatile.Read(ref writersLeft) > 0; round++)
                {
                    window.Query(results);
                    foreach (double result in results)
                    {
                        if (!double.IsNaN(result) && (result < 1 || result > Writers * ObservationsPerWriter))
                        {
                            failures.Enqueue($"estimate {result} is outside the observed range");
                        }
                    }
                }
            }));
        }

        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join(TimeSpan.FromMinutes(2)).Should().BeTrue("no thread may hang"));

        var final = new double[3];
        window.Query(final);
        failures.Should().BeEmpty();
        window.Count.Should().Be(Writers * ObservationsPerWriter);
        final[0].Should().BeApproximately(Writers * ObservationsPerWriter * 0.5, Writers * ObservationsPerWriter * 0.05);
        final[2].Should().BeApproximately(Writers * ObservationsPerWriter * 0.99, Writers * ObservationsPerWriter * 0.001);
    }

    [Fact]
    public async Task Observe_FromManyThreadsWhileTheClockMoves_KeepsWeightConsistent()
    {
        var time = new ManualTimeProvider();
        var window = new SlidingQuantileWindow([new(0.5, 0.05)], TimeSpan.FromHours(1), 5, time);
        var tasks = new Task[Writers];
        for (int w = 0; w < Writers; w++)
        {
            tasks[w] = Task.Factory.StartNew(
                () =>
                {
                    for (int i = 0; i < 100_000; i++)
                    {
                        window.Observe(i);
                        if (i % 10_000 == 0)
                        {
                            time.Advance(TimeSpan.FromSeconds(30));
                        }
                    }
                },
                TaskCreationOptions.LongRunning);
        }

        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromMinutes(2));
        window.Query(new double[1]);

        window.Count.Should().Be(Writers * 100_000, "40 clock steps of 30 s stay inside the one-hour window");
    }
}
