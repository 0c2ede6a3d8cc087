using System.Runtime.CompilerServices;

namespace Instrumentation.Instruments;

/// <summary>
/// Counts the exceptions that escape a piece of code: <c>errors.CountExceptions(() => Work())</c>. The
/// exception is counted from an exception filter, so it propagates unchanged (same object, same stack
/// trace) and is never caught. An optional <c>exceptionFilter</c> chooses which exceptions count.
/// </summary>
/// <remarks>
/// An <c>async</c> lambda fits both the <see cref="Task"/> and the <see cref="ValueTask"/> overloads; the
/// <see cref="Task"/> ones are preferred, so <c>CountExceptionsAsync(async () => ...)</c> needs no cast.
/// </remarks>
public static class CountExceptionsCounterExtensions
{
    /// <summary>Runs <paramref name="action"/>, adding one to <paramref name="counter"/> if it throws.</summary>
    /// <param name="counter">The counter, unlabelled or one series.</param>
    /// <param name="action">The code to run.</param>
    /// <param name="exceptionFilter">Which exceptions count; null counts every one.</param>
    public static void CountExceptions(this ICounter counter, Action action, Func<Exception, bool>? exceptionFilter = null)
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            action();
        }
        catch (Exception exception) when (Count(counter, exception, exceptionFilter))
        {
            throw;
        }
    }

    /// <summary>Runs <paramref name="function"/> and returns its result, adding one to <paramref name="counter"/> if it throws.</summary>
    /// <param name="counter">The counter, unlabelled or one series.</param>
    /// <param name="function">The code to run.</param>
    /// <param name="exceptionFilter">Which exceptions count; null counts every one.</param>
    /// <typeparam name="T">The result type.</typeparam>
    public static T CountExceptions<T>(this ICounter counter, Func<T> function, Func<Exception, bool>? exceptionFilter = null)
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(function);
        try
        {
            return function();
        }
        catch (Exception exception) when (Count(counter, exception, exceptionFilter))
        {
            throw;
        }
    }

    /// <summary>Awaits <paramref name="function"/>, adding one to <paramref name="counter"/> if it throws, synchronously or when awaited.</summary>
    /// <param name="counter">The counter, unlabelled or one series.</param>
    /// <param name="function">The code to run.</param>
    /// <param name="exceptionFilter">Which exceptions count; null counts every one.</param>
    [OverloadResolutionPriority(1)]
    public static async Task CountExceptionsAsync(this ICounter counter, Func<Task> function, Func<Exception, bool>? exceptionFilter = null)
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(function);
        try
        {
            await function().ConfigureAwait(false);
        }
        catch (Exception exception) when (Count(counter, exception, exceptionFilter))
        {
            throw;
        }
    }

    /// <summary>Awaits <paramref name="function"/> and returns its result, adding one to <paramref name="counter"/> if it throws.</summary>
    /// <param name="counter">The counter, unlabelled or one series.</param>
    /// <param name="function">The code to run.</param>
    /// <param name="exceptionFilter">Which exceptions count; null counts every one.</param>
    /// <typeparam name="T">The result type.</typeparam>
    [OverloadResolutionPriority(1)]
    public static async Task<T> CountExceptionsAsync<T>(this ICounter counter, Func<Task<T>> function, Func<Exception, bool>? exceptionFilter = null)
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(function);
        try
        {
            return await function().ConfigureAwait(false);
        }
        catch (Exception exception) when (Count(counter, exception, exceptionFilter))
        {
            throw;
        }
    }

    /// <summary>Awaits <paramref name="function"/>, adding one to <paramref name="counter"/> if it throws.</summary>
    /// <param name="counter">The counter, unlabelled or one series.</param>
    /// <param name="function">The code to run.</param>
    /// <param name="exceptionFilter">Which exceptions count; null counts every one.</param>
    public static async ValueTask CountExceptionsAsync(this ICounter counter, Func<ValueTask> function, Func<Exception, bool>? exceptionFilter = null)
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(function);
        try
        {
            await function().ConfigureAwait(false);
        }
        catch (Exception exception) when (Count(counter, exception, exceptionFilter))
        {
            throw;
        }
    }

    /// <summary>Awaits <paramref name="function"/> and returns its result, adding one to <paramref name="counter"/> if it throws.</summary>
    /// <param name="counter">The counter, unlabelled or one series.</param>
    /// <param name="function">The code to run.</param>
    /// <param name="exceptionFilter">Which exceptions count; null counts every one.</param>
    /// <typeparam name="T">The result type.</typeparam>
    public static async ValueTask<T> CountExceptionsAsync<T>(this ICounter counter, Func<ValueTask<T>> function, Func<Exception, bool>? exceptionFilter = null)
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(function);
        try
        {
            return await function().ConfigureAwait(false);
        }
        catch (Exception exception) when (Count(counter, exception, exceptionFilter))
        {
            throw;
        }
    }

    // Always false, so the exception is never caught: it unwinds exactly as if nothing were there.
    private static bool Count(ICounter counter, Exception exception, Func<Exception, bool>? exceptionFilter)
    {
        if (exceptionFilter is null || exceptionFilter(exception))
        {
            counter.Inc();
        }

        return false;
    }
}
