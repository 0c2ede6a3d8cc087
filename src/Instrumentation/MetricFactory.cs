using System.Diagnostics.Metrics;
using System.Globalization;
using Instrumentation.Collection;
using Instrumentation.Instruments;
using Instrumentation.Naming;
using Instrumentation.Quantiles;
using Instrumentation.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Instrumentation;

/// <summary>
/// Creates counters, gauges, histograms and summaries, keeps them in its own registry, and publishes
/// each one to <see cref="System.Diagnostics.Metrics"/> through its <see cref="Meter"/>.
/// </summary>
/// <remarks>
/// In an application, take it from dependency injection (<c>builder.AddMetrics()</c> registers it over
/// <see cref="IMeterFactory"/>). Without DI use <see cref="Default"/>, or create one per test: every
/// factory has its own registry, so tests do not see each other's metrics. Creating a metric that
/// already exists with the same definition returns the existing one. Thread-safe.
/// </remarks>
public sealed class MetricFactory : IMetricsSource, IDisposable
{
    private static readonly KeyValuePair<string, object?>[] OwnerTags = [new(OwnerTagName, OwnerTagValue)];
    private static readonly Lazy<MetricFactory> LazyDefault = new(() => new MetricFactory());

    private readonly MetricRegistry _registry = new();
    private readonly bool _ownsMeter;

    /// <summary>Creates a factory with default options and its own meter, for use without dependency injection.</summary>
    public MetricFactory()
        : this(new MetricFactoryOptions())
    {
    }

    /// <summary>Creates a factory with its own meter, for use without dependency injection.</summary>
    public MetricFactory(MetricFactoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Meter = new Meter(CreateMeterOptions(options));
        _ownsMeter = true;
        SelfMetrics = CreateSelfMetrics(options);
    }

    /// <summary>Creates a factory whose meter comes from <paramref name="meterFactory"/> (which then owns and disposes it).</summary>
    public MetricFactory(IMeterFactory meterFactory, MetricFactoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Meter = meterFactory.Create(CreateMeterOptions(options));
        SelfMetrics = CreateSelfMetrics(options);
    }

    /// <summary>
    /// The process-wide factory for scripts, console tools and code without dependency injection.
    /// Applications using <c>AddMetrics()</c> should inject <see cref="MetricFactory"/> instead.
    /// </summary>
    public static MetricFactory Default => LazyDefault.Value;

    /// <summary>The meter every instrument of this factory is published through.</summary>
    public Meter Meter { get; }

    /// <summary>Every metric family created so far, ordered by name.</summary>
    public IReadOnlyList<MetricFamily> Families => _registry.Families;

    internal const string OwnerTagName = "instrumentation.owner";

    internal const string OwnerTagValue = "Instrumentation.MetricFactory";

    internal MetricFactoryOptions Options { get; }

    internal TimeProvider TimeProvider => Options.TimeProvider;

    internal SelfMetrics SelfMetrics { get; }

    /// <summary>Creates (or returns the identical existing) counter. A trailing <c>_total</c> in the name is optional; it is always written on the wire.</summary>
    /// <param name="name">Metric name, for example <c>http_requests</c> or <c>http_requests_total</c>.</param>
    /// <param name="help">What the metric counts.</param>
    /// <param name="labelNames">Label names, or null for none.</param>
    /// <param name="unit">Unit in Prometheus form (for example <c>bytes</c>); the name must then end with <c>_bytes</c>.</param>
    /// <param name="limits">Cardinality limit and idle expiry of this metric's series; null for the factory's defaults.</param>
    /// <exception cref="ArgumentException">A name is invalid or reserved, or a limit is out of range.</exception>
    /// <exception cref="InvalidOperationException">The name is registered with another definition.</exception>
    public Counter CreateCounter(string name, string help, string[]? labelNames = null, string? unit = null, SeriesLimits? limits = null)
    {
        var baseName = MetricNameRules.ToCounterBaseName(name);
        var definition = Define(MetricType.Counter, baseName, help, labelNames, unit, limits);
        return _registry.GetOrRegister(definition, d => new Counter(this, d));
    }

    /// <summary>Creates (or returns the identical existing) gauge.</summary>
    /// <inheritdoc cref="CreateCounter" path="/param"/>
    /// <exception cref="ArgumentException">A name is invalid or reserved, or a limit is out of range.</exception>
    /// <exception cref="InvalidOperationException">The name is registered with another definition.</exception>
    public Gauge CreateGauge(string name, string help, string[]? labelNames = null, string? unit = null, SeriesLimits? limits = null)
    {
        var definition = Define(MetricType.Gauge, name, help, labelNames, unit, limits);
        return _registry.GetOrRegister(definition, d => new Gauge(this, d));
    }

    /// <summary>Creates (or returns the identical existing) histogram.</summary>
    /// <param name="name">Metric name, for example <c>http_request_duration_seconds</c>.</param>
    /// <param name="help">What the metric observes.</param>
    /// <param name="labelNames">Label names, or null for none; <c>le</c> is reserved.</param>
    /// <param name="buckets">Finite upper bounds, ascending and unique; null for <see cref="Instruments.Buckets.Default"/>.</param>
    /// <param name="unit">Unit in Prometheus form; the name must then end with <c>_</c> and the unit.</param>
    /// <param name="limits">Cardinality limit and idle expiry of this metric's series; null for the factory's defaults.</param>
    /// <exception cref="ArgumentException">A name is invalid or reserved, the buckets are empty, unsorted, repeated or not finite, or a limit is out of range.</exception>
    /// <exception cref="InvalidOperationException">The name is registered with another definition.</exception>
    public Histogram CreateHistogram(string name, string help, string[]? labelNames = null, IReadOnlyList<double>? buckets = null, string? unit = null, SeriesLimits? limits = null)
    {
        var definition = Define(MetricType.Histogram, name, help, labelNames, unit, limits, "le") with
        {
            Buckets = Instruments.Buckets.Validate(name, buckets),
        };
        return _registry.GetOrRegister(definition, d => new Histogram(this, d));
    }

    /// <summary>Creates (or returns the identical existing) summary.</summary>
    /// <param name="name">Metric name, for example <c>job_duration_seconds</c>.</param>
    /// <param name="help">What the metric observes.</param>
    /// <param name="labelNames">Label names, or null for none; <c>quantile</c> is reserved.</param>
    /// <param name="objectives">
    /// Quantiles with their allowed rank error; null for the defaults 0.5±0.05, 0.9±0.01, 0.99±0.001;
    /// an empty list gives sum and count only.
    /// </param>
    /// <param name="maxAge">How long an observation counts towards the quantiles; default 10 minutes.</param>
    /// <param name="ageBuckets">How many buckets the window rotates through; default 5.</param>
    /// <param name="unit">Unit in Prometheus form; the name must then end with <c>_</c> and the unit.</param>
    /// <param name="limits">Cardinality limit and idle expiry of this metric's series; null for the factory's defaults.</param>
    /// <exception cref="ArgumentException">A name, objective, window setting or limit is invalid.</exception>
    /// <exception cref="InvalidOperationException">The name is registered with another definition.</exception>
    public Summary CreateSummary(
        string name,
        string help,
        string[]? labelNames = null,
        IReadOnlyList<QuantileObjective>? objectives = null,
        TimeSpan? maxAge = null,
        int? ageBuckets = null,
        string? unit = null,
        SeriesLimits? limits = null)
    {
        var definition = Define(MetricType.Summary, name, help, labelNames, unit, limits, "quantile");
        var window = maxAge ?? Summary.DefaultMaxAge;
        var buckets = ageBuckets ?? Summary.DefaultAgeBuckets;
        QuantileObjectives.ValidateWindow(window, buckets, name);
        definition = definition with
        {
            Objectives = QuantileObjectives.Validate([.. objectives ?? Summary.DefaultObjectives], name),
            MaxAge = window,
            AgeBuckets = buckets,
        };
        return _registry.GetOrRegister(definition, d => new Summary(this, d));
    }

    /// <summary>Returns the family registered under <paramref name="name"/> (a counter also by its <c>_total</c> name), or null.</summary>
    public MetricFamily? Find(string name) => _registry.Find(name);

    /// <inheritdoc />
    public void Collect(IMetricsVisitor visitor) => _registry.Collect(visitor);

    /// <summary>Disposes the meter when this factory created it (not when it came from an <see cref="IMeterFactory"/>).</summary>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }

    internal static bool IsOwnMeter(Meter meter) => HasOwnerTag(meter.Tags);

    /// <summary>Whether a meter with these tags (<see cref="Meter.Tags"/>, or an OpenTelemetry metric's meter tags) is a factory's.</summary>
    internal static bool HasOwnerTag(IEnumerable<KeyValuePair<string, object?>>? meterTags)
    {
        if (meterTags is null)
        {
            return false;
        }

        foreach (var tag in meterTags)
        {
            if (tag.Key == OwnerTagName && Equals(tag.Value, OwnerTagValue))
            {
                return true;
            }
        }

        return false;
    }

    private static MeterOptions CreateMeterOptions(MetricFactoryOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.MeterName))
        {
            throw new ArgumentException("MetricFactoryOptions.MeterName is empty; give the meter a name such as 'Instrumentation'.", nameof(options));
        }

        return new MeterOptions(options.MeterName) { Tags = OwnerTags };
    }

    private SelfMetrics CreateSelfMetrics(MetricFactoryOptions options)
    {
        if (options.CardinalityLimit < 1)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"MetricFactoryOptions.CardinalityLimit is {options.CardinalityLimit}; it must be at least 1 (default {MetricFactoryOptions.DefaultCardinalityLimit})."),
                nameof(options));
        }

        if (options.SeriesIdleTimeout is { } idle && idle <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"MetricFactoryOptions.SeriesIdleTimeout is {idle}; it must be positive, or null to keep series for good."),
                nameof(options));
        }

        if (options.CallbackTimeout <= TimeSpan.Zero || options.CallbackTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"MetricFactoryOptions.CallbackTimeout is {options.CallbackTimeout}; it must be positive and at most {int.MaxValue} ms (default {MetricFactoryOptions.DefaultCallbackTimeout})."),
                nameof(options));
        }

        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<MetricFactory>();
        return new SelfMetrics(this, logger);
    }

    private MetricDefinition Define(MetricType type, string name, string help, string[]? labelNames, string? unit, SeriesLimits? limits, params ReadOnlySpan<string> reservedLabels)
    {
        MetricNameRules.ThrowIfInvalidMetricName(name);
        MetricNameRules.ThrowIfSeriesNamesReserved(name, type switch
        {
            MetricType.Counter => MetricNameRules.CounterSuffix,
            MetricType.Histogram => "_bucket",
            MetricType.Summary => "_sum",
            _ => null,
        });
        ArgumentNullException.ThrowIfNull(help);
        var labels = labelNames is null ? [] : (string[])labelNames.Clone();
        MetricNameRules.ThrowIfInvalidLabelNames(name, labels, [.. reservedLabels, ChildStore<Series>.OverflowLabelName]);
        unit ??= string.Empty;
        if (unit.Length > 0)
        {
            if (!MetricNameRules.IsValidLabelName(unit))
            {
                throw new ArgumentException($"Metric '{name}': unit '{unit}' is invalid; use a Prometheus base unit such as 'seconds' or 'bytes'.", nameof(unit));
            }

            if (!name.EndsWith("_" + unit, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Metric '{name}': a metric with unit '{unit}' must have a name ending in '_{unit}' (OpenMetrics rule), for example '{name}_{unit}'.", nameof(unit));
            }
        }

        var limit = limits?.CardinalityLimit ?? Options.CardinalityLimit;
        if (limit < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(limits),
                limit,
                string.Create(CultureInfo.InvariantCulture, $"Metric '{name}': cardinality limit {limit} must be at least 1."));
        }

        var idle = limits?.IdleTimeout ?? Options.SeriesIdleTimeout ?? TimeSpan.Zero;
        if (limits?.IdleTimeout is { } requested && requested <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(limits),
                requested,
                string.Create(CultureInfo.InvariantCulture, $"Metric '{name}': idle timeout {requested} must be positive (or null for the factory's default)."));
        }

        return new MetricDefinition(type, name, help, unit, labels) { CardinalityLimit = limit, IdleTimeout = idle };
    }
}
