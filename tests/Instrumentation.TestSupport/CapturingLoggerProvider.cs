using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Instrumentation.TestSupport;

/// <summary>
/// A logger provider that keeps every log entry it is given, for tests to read what was (or was not) logged.
/// Add it to a host's logging, or hand <see cref="AsLoggerFactory"/> to code that takes an <see cref="ILoggerFactory"/>.
/// Thread safe.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>Every entry so far, in the order logged.</summary>
    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>Every entry as one line of text: category, message and exception, to search for what must never be logged.</summary>
    public IReadOnlyList<string> Lines => [.. _entries.Select(static e => e.ToString())];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    /// <summary>A logger factory whose loggers write here (providers added to it are ignored).</summary>
    public ILoggerFactory AsLoggerFactory() => new CapturingLoggerFactory(this);

    public void Dispose()
    {
    }

    /// <summary>One log call.</summary>
    public sealed record LogEntry(string Category, LogLevel Level, int EventId, string Message, Exception? Exception)
    {
        public override string ToString() => $"{Category}: {Message} {Exception}";
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider._entries.Enqueue(new LogEntry(category, logLevel, eventId.Id, formatter(state, exception), exception));
    }

    private sealed class CapturingLoggerFactory(CapturingLoggerProvider provider) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => provider.CreateLogger(categoryName);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }
}
