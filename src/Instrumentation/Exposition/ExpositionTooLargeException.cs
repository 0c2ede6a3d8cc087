using System.Globalization;

namespace Instrumentation.Exposition;

/// <summary>
/// Thrown by <see cref="MetricsScraper"/> when an exposition would grow past its byte limit. Nothing
/// was written to the destination; the scrape's buffer is released.
/// </summary>
public sealed class ExpositionTooLargeException : InvalidOperationException
{
    /// <summary>Creates the exception for a limit of <paramref name="maxBytes"/>.</summary>
    public ExpositionTooLargeException(long maxBytes)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"The metrics exposition is larger than the limit of {maxBytes} bytes (MaxScrapeBytes); nothing was sent. Lower the cardinality limits of the metrics with the most series, or raise Metrics:MaxScrapeBytes."))
    {
        MaxBytes = maxBytes;
    }

    /// <summary>Creates the exception with the default limit and message.</summary>
    public ExpositionTooLargeException()
        : this(MetricsScraper.DefaultMaxScrapeBytes)
    {
    }

    /// <summary>Creates the exception with a message of the caller's.</summary>
    public ExpositionTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public ExpositionTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The byte limit the exposition exceeded.</summary>
    public long MaxBytes { get; }
}
