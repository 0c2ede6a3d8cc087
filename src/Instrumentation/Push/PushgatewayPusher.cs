using System.Buffers;
using System.Net.Http.Headers;
using Instrumentation.Collection;
using Instrumentation.Exposition;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Push;

/// <summary>
/// Pushes snapshots in Prometheus text format 0.0.4 to a Prometheus Pushgateway, under the grouping key
/// of <see cref="PushgatewayOptions.Job"/> and <see cref="PushgatewayOptions.GroupingLabels"/>, with
/// <c>PUT</c> or <c>POST</c>. Retries and self-metrics are those of <see cref="MetricsPusher"/>; since a
/// push replaces the group, only the latest undelivered snapshot is kept: a newer one supersedes it, which
/// is not counted in <c>push_dropped_total</c> (and <see cref="PushOptions.BufferCapacity"/> does not apply).
/// </summary>
/// <example>
/// A batch job without a host:
/// <code>
/// using var metrics = new MetricFactory();
/// using var pusher = new PushgatewayPusher(new PushgatewayOptions { Url = "http://127.0.0.1:9091", Job = "nightly" }, [metrics]);
/// RunJob(metrics);
/// var delivered = await pusher.PushAsync();
/// </code>
/// </example>
public sealed class PushgatewayPusher : MetricsPusher
{
    private static readonly MediaTypeHeaderValue ContentType = MediaTypeHeaderValue.Parse("text/plain; version=0.0.4; charset=utf-8");

    private readonly Uri _uri;
    private readonly HttpMethod _method;

    /// <summary>Creates a pusher of <paramref name="sources"/>, read in the order given (the first wins on a name clash).</summary>
    /// <param name="options">Where and how to push; validated here.</param>
    /// <param name="sources">What to push, for example the application's <see cref="MetricFactory"/>.</param>
    /// <param name="selfMetrics">Where the pusher records its own <c>push_*</c> metrics, or null for nowhere.</param>
    /// <param name="logger">Where failures are logged, or null for nowhere.</param>
    /// <param name="timeProvider">The clock for timeouts and retry delays; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="handler">The HTTP handler to send with (not disposed by the pusher); a pooled one of its own when null.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid; the message names the option.</exception>
    public PushgatewayPusher(
        PushgatewayOptions options,
        IEnumerable<IMetricsSource> sources,
        MetricFactory? selfMetrics = null,
        ILogger<PushgatewayPusher>? logger = null,
        TimeProvider? timeProvider = null,
        HttpMessageHandler? handler = null)
        : base("pushgateway", Validated(options), sources, selfMetrics, logger, timeProvider, handler, latestSnapshotOnly: true)
    {
        _uri = new Uri(options.Url.TrimEnd('/') + PushgatewayGroupingKey.Path(options.Job, options.GroupingLabels));
        _method = options.Method == PushgatewayMethod.Post ? HttpMethod.Post : HttpMethod.Put;
    }

    /// <summary>The URL pushed to: the gateway's URL with the path of the grouping key.</summary>
    public Uri PushUri => _uri;

    private protected override IMetricsVisitor CreateWriter(IBufferWriter<byte> output, DateTimeOffset takenAt) => new PrometheusTextWriter(output);

    private protected override HttpRequestMessage CreateRequest(PendingSnapshot snapshot)
    {
        var content = new ByteArrayContent(snapshot.Body);
        content.Headers.ContentType = ContentType;
        return new HttpRequestMessage(_method, _uri) { Content = content };
    }

    private static PushgatewayOptions Validated(PushgatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = PushOptionsValidation.Check(options, PushgatewayOptions.SectionName);
        return failures.Count == 0 ? options : throw new ArgumentException(string.Join(" ", failures), nameof(options));
    }
}
