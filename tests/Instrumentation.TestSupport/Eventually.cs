namespace Instrumentation.TestSupport;

/// <summary>
/// Waits, within a bound, for something another thread or process makes true: a recording that lands
/// after the response, a collector's first run, a queue draining. Tests assert afterwards, so a timeout
/// shows up as the assertion's own message rather than as a timeout.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes; returns whether it held.</summary>
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(PollInterval);
        }

        return true;
    }

    /// <inheritdoc cref="TrueAsync(Func{Task{bool}}, TimeSpan)"/>
    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan timeout) =>
        TrueAsync(() => Task.FromResult(condition()), timeout);
}
