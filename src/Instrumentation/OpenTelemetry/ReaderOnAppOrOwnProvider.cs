using OpenTelemetry.Metrics;

namespace Instrumentation.OpenTelemetry;

/// <summary>
/// Where a metric reader of ours lives: on the application's <see cref="MeterProvider"/> (the one
/// <c>AddOpenTelemetry().WithMetrics(...)</c> registers), or on a provider of its owner's own. Holds that choice
/// from construction to <see cref="Dispose"/>: waits for the application's provider to take the reader, builds that
/// provider once on <see cref="Connect"/>, falls back to a provider of its own when the reader was not taken, and
/// disposes the reader only when no provider owns it.
/// </summary>
/// <remarks>
/// Used by <see cref="ForeignMeterSource"/> and by the OTLP export, which add their own meters and views to the
/// application's provider and then call <see cref="MarkAttached"/>. <see cref="Connect"/> and <see cref="Dispose"/>
/// run under <see cref="Lock"/>, which an owner also takes for work that must not overlap them (a collection);
/// <see cref="MarkAttached"/> runs as the application's provider is built, on whichever thread builds it, and takes
/// no lock.
/// </remarks>
internal sealed class ReaderOnAppOrOwnProvider : IDisposable
{
    private readonly MetricReader _reader;
    private readonly Func<MeterProvider> _buildOwnProvider;
    private readonly Action _logAppProviderDidNotTakeTheReader;
    private readonly Type _owner;

    // Until connected, on the application's provider: resolves that provider, whose building attaches the reader.
    private Func<object?>? _buildAppProvider;
    private volatile bool _attachedToAppProvider;
    private MeterProvider? _ownProvider;
    private bool _disposed;

    /// <param name="owner">The type named by the <see cref="ObjectDisposedException"/> of <see cref="Connect"/> after <see cref="Dispose"/>.</param>
    /// <param name="reader">The reader; disposed here only when neither provider took it.</param>
    /// <param name="buildAppProvider">
    /// Resolves the application's provider, whose building must call <see cref="MarkAttached"/>; null to build a
    /// provider of its own at once.
    /// </param>
    /// <param name="buildOwnProvider">Builds a provider of the owner's own, with <paramref name="reader"/> added.</param>
    /// <param name="logAppProviderDidNotTakeTheReader">Logs, once, that the application's provider did not take the reader.</param>
    public ReaderOnAppOrOwnProvider(
        Type owner,
        MetricReader reader,
        Func<object?>? buildAppProvider,
        Func<MeterProvider> buildOwnProvider,
        Action logAppProviderDidNotTakeTheReader)
    {
        _owner = owner;
        _reader = reader;
        _buildOwnProvider = buildOwnProvider;
        _logAppProviderDidNotTakeTheReader = logAppProviderDidNotTakeTheReader;
        ForAppProvider = buildAppProvider is not null;
        _buildAppProvider = buildAppProvider;
        if (!ForAppProvider)
        {
            _ownProvider = buildOwnProvider();
        }
    }

    /// <summary>Serializes <see cref="Connect"/>, <see cref="Dispose"/> and whatever the owner runs under it.</summary>
    public Lock Lock { get; } = new();

    /// <summary>Whether the reader was meant for the application's provider (it may have fallen back to one of its own since).</summary>
    public bool ForAppProvider { get; }

    /// <summary>Whether the application's provider took the reader.</summary>
    public bool AttachedToAppProvider => _attachedToAppProvider;

    /// <summary>Whether the reader lives on a provider of its own.</summary>
    public bool HasOwnProvider => _ownProvider is not null;

    /// <summary>Records that the application's provider, as it is built, took the reader.</summary>
    public void MarkAttached() => _attachedToAppProvider = true;

    /// <summary>
    /// Makes sure the reader is on a provider: on the application's provider, builds that provider (as the host's start
    /// does), or falls back to a provider of its own, logging why, when it did not take the reader. Idempotent.
    /// </summary>
    /// <exception cref="ObjectDisposedException">Disposed.</exception>
    public void Connect()
    {
        lock (Lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, _owner);
            if (_buildAppProvider is not { } build)
            {
                return;
            }

            if (!_attachedToAppProvider)
            {
                // Resolving the application's provider builds it, and building it calls MarkAttached.
                build();
            }

            _buildAppProvider = null;
            if (!_attachedToAppProvider)
            {
                _logAppProviderDidNotTakeTheReader();
                _ownProvider = _buildOwnProvider();
            }
        }
    }

    /// <summary>
    /// Disposes the provider of its own, or the reader when no provider took it; waits for work under <see cref="Lock"/>.
    /// A provider of the application's is left to the application (the reader stops with it).
    /// </summary>
    public void Dispose()
    {
        lock (Lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _ownProvider?.Dispose();
            if (_ownProvider is null && !_attachedToAppProvider)
            {
                _reader.Dispose();
            }
        }
    }
}
