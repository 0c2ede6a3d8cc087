using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Instrumentation.Collection;
using Instrumentation.Exposition;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Instrumentation.Push;

/// <summary>
/// Pushes snapshots of metrics sources to a remote target, keeping the ones not delivered yet in a
/// bounded buffer: the shared machinery of <see cref="PushgatewayPusher"/> and <see cref="InfluxDbPusher"/>.
/// </summary>
/// <remarks>
/// <para>
/// Each <see cref="PushAsync"/> renders a snapshot now, adds it to the buffer (dropping the oldest when
/// the buffer is full; for the Pushgateway, replacing the one waiting, since only the latest matters)
/// and then sends the buffered snapshots oldest first. Each request is bounded by
/// <see cref="PushOptions.Timeout"/>; a network error, a timeout, a 408, a 429 or a 5xx is retried up to
/// <see cref="PushOptions.MaxAttempts"/> times with exponential backoff and jitter, after which the
/// snapshot stays buffered for the next push. Any other error status means the target refuses that
/// snapshot for good: it is dropped, unless the answer says the target stored all but some points of it
/// (InfluxDB's "partial write"): then only those points are lost, and the snapshot counts as delivered.
/// </para>
/// <para>
/// Failures are logged and counted, never thrown: <c>push_errors_total{target}</c> counts failed
/// attempts, <c>push_dropped_total{target}</c> snapshots never delivered,
/// <c>push_rejected_points_total{target}</c> (InfluxDB only) points refused from snapshots otherwise stored, and
/// <c>push_last_success_timestamp_seconds{target}</c> says when a push last succeeded.
/// </para>
/// <para>Thread-safe: concurrent pushes render one at a time and send one at a time, in order.</para>
/// </remarks>
public abstract class MetricsPusher : IDisposable
{
    private const int LoggedBodyLimit = 512;

    // What is read of an error answer: enough for InfluxDB to quote back every line of the snapshot.
    private const int ReadBodyBaseLimit = 64 * 1024;

    private readonly IMetricsSource[] _sources;
    private readonly PushOptions _options;
    private readonly SnapshotBuffer _buffer;
    private readonly PushMetrics _metrics;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly AuthenticationHeaderValue? _basicAuthentication;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly Lock _renderLock = new();
    private readonly CollectionGuard _guard = new();
    private readonly Registry.SelfMetrics? _reporter;
    private readonly PooledBufferWriter _renderBuffer = new();
    private bool _disposed;

    private protected MetricsPusher(
        string target,
        PushOptions options,
        IEnumerable<IMetricsSource> sources,
        MetricFactory? selfMetrics,
        ILogger? logger,
        TimeProvider? timeProvider,
        HttpMessageHandler? handler,
        bool latestSnapshotOnly = false,
        bool countsRejectedPoints = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sources);
        _sources = [.. sources];
        if (Array.IndexOf(_sources, null) >= 0)
        {
            throw new ArgumentNullException(nameof(sources), "A metrics source in the list is null.");
        }

        Target = target;
        _options = options;
        _buffer = new SnapshotBuffer(options.BufferCapacity, latestSnapshotOnly);
        _metrics = new PushMetrics(selfMetrics, target, countsRejectedPoints);
        _reporter = selfMetrics?.SelfMetrics;
        _logger = logger ?? NullLogger.Instance;
        TimeProvider = timeProvider ?? TimeProvider.System;

        // The handler's own connect timeout is the request's; the per-request timeout is ours (TimeProvider-driven).
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), ConnectTimeout = options.Timeout }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;

        if (!string.IsNullOrEmpty(options.Username))
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}"));
            _basicAuthentication = new AuthenticationHeaderValue("Basic", credentials);
        }
    }

    /// <summary>The value of the <c>target</c> label of this pusher's own metrics (<c>pushgateway</c>, <c>influxdb</c>).</summary>
    public string Target { get; }

    /// <summary>How many snapshots wait to be delivered.</summary>
    public int PendingSnapshots => _buffer.Count;

    /// <summary>The clock that stamps snapshots and drives timeouts and retry delays.</summary>
    protected TimeProvider TimeProvider { get; }

    /// <summary>Used in tests to make the jitter of retry delays predictable; a sample in [0, 1).</summary>
    internal Func<double> Jitter { get; set; } = Random.Shared.NextDouble;

    /// <summary>
    /// Takes a snapshot now and sends it, after any older snapshots still buffered. Never throws for a
    /// failed push: failures are logged and counted, and undelivered snapshots stay buffered.
    /// </summary>
    /// <returns>True when this and every buffered snapshot was delivered.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; what was not sent stays buffered.</exception>
    /// <exception cref="ObjectDisposedException">The pusher was disposed.</exception>
    public async Task<bool> PushAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var captured = TryCapture();
        var delivered = await FlushAsync(cancellationToken).ConfigureAwait(false);
        return captured && delivered;
    }

    /// <summary>Sends the buffered snapshots, oldest first, without taking a new one.</summary>
    /// <returns>True when every buffered snapshot was delivered (the buffer is then empty).</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; what was not sent stays buffered.</exception>
    /// <exception cref="ObjectDisposedException">The pusher was disposed.</exception>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var allDelivered = true;
            while (_buffer.TryTake(out var snapshot))
            {
                SendOutcome outcome;
                try
                {
                    outcome = await SendAsync(snapshot, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    Dropped(_buffer.PutBack(snapshot));
                    throw;
                }

                if (outcome == SendOutcome.Failed)
                {
                    Dropped(_buffer.PutBack(snapshot));
                    return false;
                }

                allDelivered &= outcome == SendOutcome.Delivered;
            }

            return allDelivered;
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>Releases the HTTP client and the render buffer. Call it once no push is running.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources; <paramref name="disposing"/> is false from a finalizer.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (disposing)
        {
            _http.Dispose();
            _sendGate.Dispose();
            lock (_renderLock)
            {
                _renderBuffer.Dispose();
            }
        }
    }

    /// <summary>The visitor that renders one snapshot taken at <paramref name="takenAt"/> into <paramref name="output"/>.</summary>
    private protected abstract IMetricsVisitor CreateWriter(IBufferWriter<byte> output, DateTimeOffset takenAt);

    /// <summary>The request that delivers <paramref name="snapshot"/>; basic authentication is added by the caller unless the request has its own.</summary>
    private protected abstract HttpRequestMessage CreateRequest(PendingSnapshot snapshot);

    /// <summary>
    /// When an error answer (neither transient nor success) says the target stored the snapshot except some
    /// of its points, how many it refused; null, the default, when the answer refuses the whole snapshot.
    /// </summary>
    private protected virtual int? RejectedPoints(HttpStatusCode status, string body) => null;

    /// <summary>Renders a snapshot into the buffer; false (logged and counted) when a source failed.</summary>
    private bool TryCapture()
    {
        PendingSnapshot snapshot;
        try
        {
            lock (_renderLock)
            {
                var takenAt = TimeProvider.GetUtcNow();
                _renderBuffer.Reset();
                _guard.Begin(CreateWriter(_renderBuffer, takenAt), _reporter);
                foreach (var source in _sources)
                {
                    source.Collect(_guard);
                }

                if (_renderBuffer.WrittenCount == 0)
                {
                    return true;
                }

                snapshot = new PendingSnapshot(_renderBuffer.WrittenSpan.ToArray(), takenAt);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _metrics.Failed();
            PushLog.CollectFailed(_logger, Target, exception);
            return false;
        }

        Dropped(_buffer.Add(snapshot));
        return true;
    }

    private async Task<SendOutcome> SendAsync(PendingSnapshot snapshot, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1)
            {
                var delay = RetryBackoff.Delay(attempt - 1, _options.RetryBaseDelay, _options.RetryMaxDelay, Jitter());
                await Task.Delay(delay, TimeProvider, cancellationToken).ConfigureAwait(false);
            }

            string reason;
            Exception? error = null;
            using var timeout = new CancellationTokenSource(_options.Timeout, TimeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                using var request = CreateRequest(snapshot);
                if (_basicAuthentication is not null && request.Headers.Authorization is null)
                {
                    request.Headers.Authorization = _basicAuthentication;
                }

                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    _metrics.Succeeded(TimeProvider.GetUtcNow());
                    return SendOutcome.Delivered;
                }

                var body = await ReadBodyAsync(response, (int)Math.Min(int.MaxValue, ReadBodyBaseLimit + (4L * snapshot.Body.Length)), linked.Token).ConfigureAwait(false);
                if (!IsTransient(response.StatusCode))
                {
                    if (RejectedPoints(response.StatusCode, body) is { } rejected)
                    {
                        _metrics.Succeeded(TimeProvider.GetUtcNow());
                        _metrics.RejectedPoints(rejected);
                        PushLog.PartlyRejected(_logger, Target, rejected, Excerpt(body));
                        return SendOutcome.PartlyDelivered;
                    }

                    _metrics.Failed();
                    PushLog.Refused(_logger, Target, response.StatusCode, Excerpt(body));
                    _metrics.Dropped(1);
                    return SendOutcome.Refused;
                }

                _metrics.Failed();
                reason = $"status {(int)response.StatusCode} {Excerpt(body)}";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                _metrics.Failed();
                reason = $"no answer within {_options.Timeout}";
            }
            catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
            {
                _metrics.Failed();
                reason = exception.Message;
                error = exception;
            }

            PushLog.AttemptFailed(_logger, Target, attempt, _options.MaxAttempts, reason, error);
            if (attempt >= _options.MaxAttempts)
            {
                return SendOutcome.Failed;
            }
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>Reads at most <paramref name="limit"/> characters of the answer's body.</summary>
    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var reader = new StreamReader(stream, Encoding.UTF8);
                var body = new StringBuilder();
                var chunk = new char[4096];
                while (body.Length < limit)
                {
                    var read = await reader.ReadAsync(chunk.AsMemory(0, Math.Min(chunk.Length, limit - body.Length)), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    body.Append(chunk, 0, read);
                }

                return body.ToString();
            }
        }
        catch (HttpRequestException)
        {
            return string.Empty;
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static string Excerpt(string body) => body.Length <= LoggedBodyLimit ? body.Trim() : body[..LoggedBodyLimit];

    private void Dropped(int count)
    {
        if (count > 0)
        {
            _metrics.Dropped(count);
            PushLog.Dropped(_logger, Target, count, _buffer.Capacity);
        }
    }

    private enum SendOutcome
    {
        Delivered,

        /// <summary>Stored except some points, which the target refused for good; not sent again.</summary>
        PartlyDelivered,
        Refused,
        Failed,
    }
}
