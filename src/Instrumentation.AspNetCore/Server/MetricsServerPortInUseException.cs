namespace Instrumentation.AspNetCore.Server;

/// <summary>
/// Thrown when the standalone metrics server (<c>AddMetricsServer</c>) cannot start because its port is taken.
/// The message names the address and the option to change; <see cref="ToString"/> is that message alone, without
/// the stack traces of Kestrel's bind, so the host's "Hosting failed to start" log says it in one line.
/// </summary>
/// <remarks>The socket error is kept as <see cref="Exception.InnerException"/> for code that wants it.</remarks>
public sealed class MetricsServerPortInUseException : InvalidOperationException
{
    /// <summary>Creates the exception with a message and no cause.</summary>
    public MetricsServerPortInUseException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public MetricsServerPortInUseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the bind failure that caused it.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="innerException">Kestrel's bind failure.</param>
    public MetricsServerPortInUseException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The type and message only: a taken port is a configuration problem, and its stack trace says nothing more.</summary>
    /// <returns>For example <c>Instrumentation.AspNetCore.Server.MetricsServerPortInUseException: The metrics server could not listen on ...</c>.</returns>
    public override string ToString() => $"{GetType().FullName}: {Message}";
}
