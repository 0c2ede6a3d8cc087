namespace Instrumentation.Tests.TestSupport;

/// <summary>Runs bodies on dedicated threads released together, and rethrows what any of them threw.</summary>
public static class Concurrently
{
    /// <summary>Runs <paramref name="body"/> on <paramref name="threads"/> threads, passing each its index.</summary>
    public static void Run(int threads, Action<int> body) =>
        Run(Enumerable.Range(0, threads).Select(i => (Action)(() => body(i))).ToArray());

    /// <summary>Runs each action on its own thread, all released at once, and waits for all of them.</summary>
    public static void Run(params Action[] actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        using var start = new Barrier(actions.Length);
        var errors = new Exception?[actions.Length];
        var threads = new Thread[actions.Length];
        for (var i = 0; i < actions.Length; i++)
        {
            var index = i;
            threads[i] = new Thread(() =>
            {
                try
                {
                    start.SignalAndWait();
                    actions[index]();
                }
#pragma warning disable CA1031 // Rethrown on the test thread below.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    errors[index] = ex;
                }
            })
            { IsBackground = true };
            threads[i].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        var thrown = errors.Where(e => e is not null).Cast<Exception>().ToArray();
        if (thrown.Length > 0)
        {
            throw new AggregateException(thrown);
        }
    }
}
