namespace Instrumentation.Benchmarks.Support;

/// <summary>
/// A second thread kept alive across invocations, so a multi-threaded benchmark pays a wake-up per
/// invocation rather than a thread start. <see cref="Start"/> hands it one lane of work;
/// <see cref="Wait"/> returns when that lane is done.
/// </summary>
internal sealed class HelperThread : IDisposable
{
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _start = new(false);
    private readonly ManualResetEventSlim _done = new(false);
    private Action<int>? _work;
    private int _lane;
    private volatile bool _stopping;

    public HelperThread(string name)
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="work"/>(<paramref name="lane"/>) on the helper thread. The delegate must be cached by the caller (no allocation per call).</summary>
    public void Start(Action<int> work, int lane)
    {
        _work = work;
        _lane = lane;
        _done.Reset();
        _start.Set();
    }

    /// <summary>Blocks until the work given to <see cref="Start"/> has finished.</summary>
    public void Wait() => _done.Wait();

    public void Dispose()
    {
        _stopping = true;
        _start.Set();
        _thread.Join();
        _start.Dispose();
        _done.Dispose();
    }

    private void Loop()
    {
        while (true)
        {
            _start.Wait();
            _start.Reset();
            if (_stopping)
            {
                return;
            }

            _work!(_lane);
            _done.Set();
        }
    }
}
