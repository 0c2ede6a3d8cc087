namespace Instrumentation.Decorators;

/// <summary>Records its enumeration once: at the end of the stream, on an exception, or when disposed before the end.</summary>
internal sealed class TrackedAsyncEnumerator<T>(IAsyncEnumerator<T> inner, MethodInstruments instruments, long started) : IAsyncEnumerator<T>
{
    private int _recorded;

    public T Current => inner.Current;

    public ValueTask<bool> MoveNextAsync()
    {
        ValueTask<bool> next;
        try
        {
            next = inner.MoveNextAsync();
        }
        catch (Exception e) when (RecordFailure(e))
        {
            throw;
        }

        if (next.IsCompletedSuccessfully)
        {
            var hasNext = next.Result;
            if (!hasNext)
            {
                RecordSuccess();
            }

            return new ValueTask<bool>(hasNext);
        }

        return AwaitNext(next);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await inner.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (RecordFailure(e))
        {
            throw;
        }

        // An enumeration abandoned before its end (break, First(), cancellation by the consumer) ends here.
        RecordSuccess();
    }

    private async ValueTask<bool> AwaitNext(ValueTask<bool> next)
    {
        bool hasNext;
        try
        {
            hasNext = await next.ConfigureAwait(false);
        }
        catch (Exception e) when (RecordFailure(e))
        {
            throw;
        }

        if (!hasNext)
        {
            RecordSuccess();
        }

        return hasNext;
    }

    private void RecordSuccess()
    {
        if (Interlocked.Exchange(ref _recorded, 1) == 0)
        {
            instruments.Succeed(started);
        }
    }

    private bool RecordFailure(Exception exception)
    {
        if (Interlocked.Exchange(ref _recorded, 1) == 0)
        {
            instruments.Fail(started, exception);
        }

        return false;
    }
}
