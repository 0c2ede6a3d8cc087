namespace Instrumentation.AspNetCore.Authentication;

/// <summary>
/// Bounds how many password verifications run at once. <see cref="TryEnter"/> never waits: an attempt beyond
/// the limit is refused at once, so a flood cannot queue work or hold threads. Thread-safe, lock-free.
/// </summary>
internal sealed class VerificationSlots
{
    private int _inUse;

    /// <summary>How many slots are taken.</summary>
    public int InUse => Volatile.Read(ref _inUse);

    /// <summary>Takes a slot if fewer than <paramref name="limit"/> are taken; the caller must <see cref="Exit"/> after.</summary>
    public bool TryEnter(int limit)
    {
        while (true)
        {
            var inUse = Volatile.Read(ref _inUse);
            if (inUse >= limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _inUse, inUse + 1, inUse) == inUse)
            {
                return true;
            }
        }
    }

    /// <summary>Gives back a slot taken by <see cref="TryEnter"/>.</summary>
    public void Exit() => Interlocked.Decrement(ref _inUse);
}
