namespace Instrumentation.Decorators;

/// <summary>An async stream whose every enumeration is recorded as one call of a decorated method.</summary>
internal sealed class TrackedAsyncEnumerable<T>(IAsyncEnumerable<T> source, MethodInstruments instruments) : IAsyncEnumerable<T>
{
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var started = instruments.Start();
        IAsyncEnumerator<T> inner;
        try
        {
            inner = source.GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception e) when (instruments.Fail(started, e))
        {
            throw;
        }

        return new TrackedAsyncEnumerator<T>(inner, instruments, started);
    }
}
