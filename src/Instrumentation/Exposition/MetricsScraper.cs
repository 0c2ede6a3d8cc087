using System.Diagnostics;
using System.Text;
using Instrumentation.Collection;

namespace Instrumentation.Exposition;

/// <summary>
/// Renders every family of a set of sources as one exposition: what a <c>/metrics</c> endpoint serves.
/// </summary>
/// <remarks>
/// <para>
/// A scrape collects and renders the whole body into a pooled buffer before the first byte reaches
/// the destination, so a source that throws leaves the destination untouched: a client never gets a
/// partial body. The buffer is kept for the next scrape, so a steady scrape allocates a constant few
/// bytes however many series there are.
/// </para>
/// <para>
/// Thread-safe. Collection and rendering are serialized (sources are read by one collection at a time);
/// writing the rendered body to the destination is not, so a slow client does not hold up others: a
/// scrape that finds the kept buffer in use renders into a buffer of its own from the array pool.
/// </para>
/// <para>
/// A body larger than the byte limit (<see cref="DefaultMaxScrapeBytes"/> unless given) is never
/// built: the scrape stops at the limit with an <see cref="ExpositionTooLargeException"/>, so a huge
/// registry cannot exhaust memory.
/// </para>
/// <para>
/// When two sources give a family of the same name, or families whose series names would collide
/// (a counter <c>x</c> writes <c>x_total</c>), the first source wins and the other family is left out;
/// a series with a label set or value no format can carry is left out too. Each is counted in
/// <c>metrics_series_dropped_total{metric,reason}</c> of the first <see cref="MetricFactory"/> among the
/// sources and logged once per metric and reason (docs/limits.md).
/// </para>
/// </remarks>
public sealed class MetricsScraper : IDisposable
{
    /// <summary>The default byte limit of one exposition: 64 MiB.</summary>
    public const int DefaultMaxScrapeBytes = 64 * 1024 * 1024;

    private readonly IMetricsSource[] _sources;
    private readonly int _maxBytes;
    private readonly SemaphoreSlim _renderGate = new(1, 1);
    private readonly CollectionGuard _guard = new();
    private readonly Registry.SelfMetrics? _reporter;
    private readonly PrometheusTextWriter _prometheusWriter;
    private readonly OpenMetricsTextWriter _openMetricsWriter;
    private readonly PrometheusProtobufWriter _protobufWriter;
    private PooledBufferWriter? _idleBuffer;
    private bool _disposed;

    /// <summary>Creates a scraper over <paramref name="sources"/>, read in the order given, with the default byte limit.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="sources"/> or one of its items is null.</exception>
    public MetricsScraper(IEnumerable<IMetricsSource> sources)
        : this(sources, DefaultMaxScrapeBytes)
    {
    }

    /// <summary>Creates a scraper over <paramref name="sources"/>, read in the order given.</summary>
    /// <param name="sources">The sources, read in order.</param>
    /// <param name="maxScrapeBytes">The largest exposition this scraper builds, in bytes (at least 1024).</param>
    /// <exception cref="ArgumentNullException"><paramref name="sources"/> or one of its items is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxScrapeBytes"/> is below 1024.</exception>
    public MetricsScraper(IEnumerable<IMetricsSource> sources, int maxScrapeBytes)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxScrapeBytes, 1024);
        _maxBytes = maxScrapeBytes;
        _sources = [.. sources];
        foreach (var source in _sources)
        {
            if (source is null)
            {
                throw new ArgumentNullException(nameof(sources), "A metrics source in the list is null.");
            }

            _reporter ??= (source as MetricFactory)?.SelfMetrics;
        }

        // Every render points the writers at the buffer of that scrape; this one is just the first.
        _idleBuffer = new PooledBufferWriter();
        _prometheusWriter = new PrometheusTextWriter(_idleBuffer);
        _openMetricsWriter = new OpenMetricsTextWriter(_idleBuffer);
        _protobufWriter = new PrometheusProtobufWriter(_idleBuffer) { MaxFamilyBytes = maxScrapeBytes };
    }

    /// <summary>
    /// Collects every source and writes the exposition to <paramref name="destination"/>. Nothing is
    /// written unless collection succeeds.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ExpositionTooLargeException">The exposition would exceed the byte limit; nothing was written.</exception>
    public ValueTask WriteAsync(Stream destination, ExpositionFormat format, CancellationToken cancellationToken = default) =>
        WriteCoreAsync(destination, format, ICollectionDeadline.None, cancellationToken);

    /// <summary>
    /// Collects every source within <paramref name="callbackTimeout"/> and writes the exposition to
    /// <paramref name="destination"/>; what a <c>/metrics</c> endpoint does for a client that gives up after a
    /// timeout. Nothing is written unless collection succeeds.
    /// </summary>
    /// <remarks>
    /// The time runs from this call, and includes waiting for a concurrent scrape to finish collecting. Each gauge
    /// callback waits at most its factory's <see cref="MetricFactoryOptions.CallbackTimeout"/> and never past the
    /// end of <paramref name="callbackTimeout"/>; once that has passed, the callbacks still to be read are not
    /// started or waited for: their series are left out and counted as timeouts. The rest of the collection, the
    /// rendering and the writing are not cut short, so leave them some room: pass less than the client's timeout.
    /// </remarks>
    /// <param name="destination">Where the exposition is written.</param>
    /// <param name="format">The exposition format.</param>
    /// <param name="callbackTimeout">How long, from now, gauge callbacks may take in all; zero or more.</param>
    /// <param name="cancellationToken">Cancels waiting for a concurrent scrape and writing to <paramref name="destination"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value, or <paramref name="callbackTimeout"/> is negative.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ExpositionTooLargeException">The exposition would exceed the byte limit; nothing was written.</exception>
    public ValueTask WriteAsync(Stream destination, ExpositionFormat format, TimeSpan callbackTimeout, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        ArgumentOutOfRangeException.ThrowIfLessThan(callbackTimeout, TimeSpan.Zero);
        return WriteCoreAsync(destination, format, ICollectionDeadline.After(start, callbackTimeout), cancellationToken);
    }

    /// <summary>
    /// Collects every source and returns the exposition as a string (for tests and diagnostics). Gauge callbacks
    /// get their <see cref="MetricFactoryOptions.CallbackTimeout"/> each, with no overall deadline.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    /// <exception cref="ArgumentException"><paramref name="format"/> is <see cref="ExpositionFormat.PrometheusProtobuf"/>, which is binary: use <see cref="WriteAsync(Stream, ExpositionFormat, CancellationToken)"/>.</exception>
    /// <exception cref="ExpositionTooLargeException">The exposition would exceed the byte limit.</exception>
    public string Scrape(ExpositionFormat format)
    {
        if (format == ExpositionFormat.PrometheusProtobuf)
        {
            throw new ArgumentException("The protobuf format is binary and cannot be returned as a string; write it to a stream with WriteAsync.", nameof(format));
        }

        var writer = WriterFor(format);
        var buffer = TakeBuffer();
        try
        {
            _renderGate.Wait();
            try
            {
                Render(writer, buffer, ICollectionDeadline.None);
            }
            finally
            {
                _renderGate.Release();
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        finally
        {
            ReturnBuffer(buffer);
        }
    }

    /// <summary>
    /// Returns the kept buffer to the array pool. Call it once no scrape is running (the host disposes the
    /// scraper at shutdown); later scrapes throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Volatile.Write(ref _disposed, true);
        Interlocked.Exchange(ref _idleBuffer, null)?.Dispose();
        _renderGate.Dispose();
    }

    private async ValueTask WriteCoreAsync(Stream destination, ExpositionFormat format, long deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var writer = WriterFor(format);
        var buffer = TakeBuffer();
        try
        {
            await _renderGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                Render(writer, buffer, deadline);
            }
            finally
            {
                _renderGate.Release();
            }

            await destination.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ReturnBuffer(buffer);
        }
    }

    /// <summary>
    /// Collects into <paramref name="buffer"/>, telling the sources the <paramref name="deadline"/> (a
    /// <see cref="Stopwatch"/> timestamp) when there is one; the caller holds the render gate.
    /// </summary>
    private void Render(ExpositionWriter writer, PooledBufferWriter buffer, long deadline)
    {
        buffer.Reset();
        buffer.MaxLength = _maxBytes;
        writer.Reset(buffer);
        _guard.Begin(writer, _reporter, deadline);
        try
        {
            foreach (var source in _sources)
            {
                source.Collect(_guard);
            }

            writer.Complete();
        }
        catch
        {
            buffer.Reset();
            throw;
        }
    }

    private ExpositionWriter WriterFor(ExpositionFormat format)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return format switch
        {
            ExpositionFormat.PrometheusText => _prometheusWriter,
            ExpositionFormat.OpenMetrics => _openMetricsWriter,
            ExpositionFormat.PrometheusProtobuf => _protobufWriter,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown exposition format."),
        };
    }

    private PooledBufferWriter TakeBuffer() => Interlocked.Exchange(ref _idleBuffer, null) ?? new PooledBufferWriter();

    private void ReturnBuffer(PooledBufferWriter buffer)
    {
        if (Volatile.Read(ref _disposed) || Interlocked.CompareExchange(ref _idleBuffer, buffer, null) is not null)
        {
            buffer.Dispose();
        }
    }
}
