namespace Instrumentation.Collectors;

/// <summary>
/// Thrown by an <see cref="IMetricsCollector"/> to report an expected failure (a source that is down, a
/// bad answer) with a message written for the operator; the message is logged without a stack trace.
/// </summary>
public class CollectorException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public CollectorException()
        : base("The collector failed.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public CollectorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public CollectorException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
