using System.Runtime.ExceptionServices;
using Instrumentation.Collection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Instrumentation.OpenTelemetry;

/// <summary>
/// A pull-only OpenTelemetry exporter: the SDK hands it a batch only when <see cref="CollectInto"/> asks
/// for one, and it writes that batch straight into the asking visitor.
/// </summary>
/// <remarks>
/// Marked <see cref="ExportModes.Pull"/>, a <see cref="BaseExportingMetricReader"/> over it refuses every
/// collection except the ones made through the <see cref="Collect"/> delegate it installs here (shutdown
/// and flushes export nothing). Callers must serialize <see cref="CollectInto"/>.
/// </remarks>
[ExportModes(ExportModes.Pull)]
internal sealed class VisitorExporter : BaseExporter<Metric>, IPullMetricExporter
{
    private const int MaxCollectAttempts = 64;

    private readonly MetricBatchWriter _writer;
    private readonly bool _targetInfo;
    private TargetInfo? _targetInfoFamily;
    private bool _targetInfoRead;
    private IMetricsVisitor? _visitor;
    private Exception? _failure;
    private bool _exported;

    /// <param name="rewrites">Tag values rewritten as batches are written (see <see cref="TagValueRewrite"/>).</param>
    /// <param name="scopeLabels">Whether every series carries its meter's <see cref="ScopeLabels"/>.</param>
    /// <param name="targetInfo">Whether each collection writes <c>target_info</c> from the resource of the provider this exporter is attached to.</param>
    public VisitorExporter(TagValueRewrites? rewrites = null, bool scopeLabels = false, bool targetInfo = false)
    {
        _writer = new MetricBatchWriter(rewrites, scopeLabels);
        _targetInfo = targetInfo;
    }

    /// <summary>Set by the reader this exporter is given to, and cleared when that reader is disposed.</summary>
    public Func<int, bool>? Collect { get; set; }

    /// <summary>Makes the SDK collect now and writes the result into <paramref name="visitor"/>.</summary>
    /// <exception cref="ObjectDisposedException">The reader was disposed.</exception>
    /// <exception cref="InvalidOperationException">The SDK did not complete the collection.</exception>
    public void CollectInto(IMetricsVisitor visitor)
    {
        var collect = Collect ?? throw new ObjectDisposedException(nameof(ForeignMeterSource), "The OpenTelemetry metric reader is no longer connected.");
        _visitor = visitor;
        _failure = null;
        _exported = false;
        bool completed;
        try
        {
            // A collection the SDK has already started for someone else (MeterProvider.ForceFlush() on the app's
            // provider) is joined instead of run, and ours refuses it: nothing exported, nothing failed. Ask again.
            // Backing off lets the joined collection finish, so the next attempt runs ours.
            var backOff = default(SpinWait);
            while (true)
            {
                completed = collect(Timeout.Infinite);
                if (completed || _exported || _failure is not null || backOff.Count >= MaxCollectAttempts)
                {
                    break;
                }

                backOff.SpinOnce();
            }
        }
        finally
        {
            _visitor = null;
        }

        if (_failure is { } failure)
        {
            _failure = null;
            ExceptionDispatchInfo.Throw(failure);
        }

        if (!completed || !_exported)
        {
            throw new InvalidOperationException(
                "The OpenTelemetry SDK did not complete the metric collection (its event source 'OpenTelemetry-Sdk' logs why).");
        }
    }

    /// <inheritdoc />
    public override ExportResult Export(in Batch<Metric> batch)
    {
        var visitor = _visitor;
        if (visitor is null)
        {
            return ExportResult.Success;
        }

        try
        {
            _writer.Write(batch, visitor, TargetInfoFamily());
            _exported = true;
            return ExportResult.Success;
        }
        catch (Exception ex)
        {
            // The reader would log and swallow it; CollectInto rethrows it to the caller instead.
            _failure = ex;
            return ExportResult.Failure;
        }
    }

    // A provider's resource is fixed once it is built, and the provider is known by the first export.
    private TargetInfo? TargetInfoFamily()
    {
        if (!_targetInfo)
        {
            return null;
        }

        if (!_targetInfoRead && ParentProvider is { } provider)
        {
            _targetInfoFamily = TargetInfo.From(provider.GetResource());
            _targetInfoRead = true;
        }

        return _targetInfoFamily;
    }
}
