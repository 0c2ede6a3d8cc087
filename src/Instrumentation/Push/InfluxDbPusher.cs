using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Instrumentation.Collection;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Push;

/// <summary>
/// Writes snapshots as InfluxDB line protocol (see <see cref="LineProtocolWriter"/>), stamped in
/// nanoseconds with the time each snapshot was taken, to the v1 <c>/write</c> or v2 <c>/api/v2/write</c>
/// API. Buffering, retries and self-metrics are those of <see cref="MetricsPusher"/>; because every
/// snapshot carries its own timestamp, snapshots buffered during an outage arrive as history.
/// </summary>
/// <remarks>
/// A write InfluxDB stores only in part (400 <c>partial write</c>: a line it could not parse, a field
/// type conflict with another writer, a tag named <c>time</c>) is not sent again and not counted as
/// dropped: the points it refused are counted in <c>push_rejected_points_total{target="influxdb"}</c> and
/// logged with InfluxDB's answer.
/// </remarks>
public sealed class InfluxDbPusher : MetricsPusher
{
    private static readonly MediaTypeHeaderValue ContentType = MediaTypeHeaderValue.Parse("text/plain; charset=utf-8");

    private readonly Uri _uri;
    private readonly AuthenticationHeaderValue? _token;

    /// <summary>Creates a pusher of <paramref name="sources"/>, read in the order given (the first wins on a name clash).</summary>
    /// <param name="options">Where and how to write; validated here.</param>
    /// <param name="sources">What to write, for example the application's <see cref="MetricFactory"/>.</param>
    /// <param name="selfMetrics">Where the pusher records its own <c>push_*</c> metrics, or null for nowhere.</param>
    /// <param name="logger">Where failures are logged, or null for nowhere.</param>
    /// <param name="timeProvider">The clock for timestamps, timeouts and retry delays; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="handler">The HTTP handler to send with (not disposed by the pusher); a pooled one of its own when null.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid; the message names the option.</exception>
    public InfluxDbPusher(
        InfluxDbPushOptions options,
        IEnumerable<IMetricsSource> sources,
        MetricFactory? selfMetrics = null,
        ILogger<InfluxDbPusher>? logger = null,
        TimeProvider? timeProvider = null,
        HttpMessageHandler? handler = null)
        : base("influxdb", Validated(options), sources, selfMetrics, logger, timeProvider, handler, countsRejectedPoints: true)
    {
        var baseUrl = options.Url.TrimEnd('/');
        if (options.Version == InfluxDbVersion.V2)
        {
            _uri = new Uri($"{baseUrl}/api/v2/write?org={Uri.EscapeDataString(options.Org)}&bucket={Uri.EscapeDataString(options.Bucket)}&precision=ns");
            _token = new AuthenticationHeaderValue("Token", options.Token);
        }
        else
        {
            var retention = options.RetentionPolicy.Length == 0 ? string.Empty : $"&rp={Uri.EscapeDataString(options.RetentionPolicy)}";
            _uri = new Uri($"{baseUrl}/write?db={Uri.EscapeDataString(options.Database)}{retention}&precision=ns");
        }
    }

    /// <summary>The URL written to, with its query string.</summary>
    public Uri WriteUri => _uri;

    private protected override IMetricsVisitor CreateWriter(IBufferWriter<byte> output, DateTimeOffset takenAt)
    {
        // Ticks are 100 ns: the finest the clock gives.
        var nanoseconds = (takenAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        return new LineProtocolWriter(output, nanoseconds);
    }

    private protected override HttpRequestMessage CreateRequest(PendingSnapshot snapshot)
    {
        var content = new ByteArrayContent(snapshot.Body);
        content.Headers.ContentType = ContentType;
        var request = new HttpRequestMessage(HttpMethod.Post, _uri) { Content = content };
        if (_token is not null)
        {
            request.Headers.Authorization = _token;
        }

        return request;
    }

    private protected override int? RejectedPoints(HttpStatusCode status, string body) =>
        status == HttpStatusCode.BadRequest && InfluxDbPartialWrite.TryCountRejectedPoints(body, out var rejected) ? rejected : null;

        private static InfluxDbPushOptions Validated(InfluxDbPushOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = PushOptionsValidation.Check(options, InfluxDbPushOptions.SectionName);
        return failures.Count == 0 ? options : throw new ArgumentException(string.Join(" ", failures), nameof(options));
    }
}
