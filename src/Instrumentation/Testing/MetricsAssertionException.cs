namespace Instrumentation.Testing;

/// <summary>
/// Thrown by the test helpers in <see cref="MetricsSourceTestExtensions"/> when a metric or series does
/// not exist, is of another type, or an exposition differs from the expected text. The message says
/// what was expected and what exists.
/// </summary>
public sealed class MetricsAssertionException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public MetricsAssertionException()
        : base("A metrics assertion failed.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public MetricsAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public MetricsAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
