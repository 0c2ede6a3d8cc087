using System.Diagnostics.Metrics;
using FsCheck;
using FsCheck.Fluent;
using Instrumentation.Exposition;
using Instrumentation.OpenTelemetry;
using Instrumentation.Tests.TestSupport;
using Instrumentation.TestSupport.PrometheusProtobuf;

namespace Instrumentation.Tests.Exposition;

/// <summary>
/// Whatever our instruments and two foreign meters are asked to record (names that collide before and after
/// sanitizing, tags named <c>le</c>, <c>quantile</c> or <c>otel_scope_name</c>, reserved and invalid tag keys, NaN,
/// infinities and negative values), every scrape in all three formats passes the strict validators: no duplicate
/// series, no duplicate or reserved label names, no counter-like value that is negative or NaN, no clashing names;
/// and the protobuf scrape holds exactly the series of the text scrape (the same drops).
/// </summary>
public class HostileInputPropertyTests
{
    private static readonly string[] FamilyNames = ["shared", "clash", "a_b", "hist", "edge_ours", "x"];
    private static readonly string[] OurLabelNames = ["k", "path", "a_b", "exported_le", "otel_scope_name"];
    private static readonly string[] ForeignNames = ["shared", "clash", "a.b", "a_b", "hist", "edge.ours", "x", "x.total", "le", "9lives", "__x", "é", "target_info", "target.info"];
    private static readonly string?[] Units = [null, "s", "By", "1", "{request}", "ms"];
    private static readonly string[] TagKeys = ["le", "quantile", "a.b", "a_b", "__x", "9", "otel.scope.name", "otel_scope_name", "é", "", "k", "exported_le"];
    private static readonly string[] TagValues = ["", "v", "\"", "\\", "\n", "# EOF", "😀", "\uD800", "x;y", "+Inf", "NaN"];

    private static readonly double[] Values =
        [0, 1, 2.5, -1, -5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.Epsilon, 1e-300, -0.0];

    // With the exporter's scope labels and target_info on, the second meter also has a version and tags whose labels
    // collide with each other, with the scope labels and with the points' tags.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnyRecordedInput_EveryScrapeIsValidInBothFormats(bool scopeLabelsAndTargetInfo)
    {
        var property = Prop.ForAll(Scenarios().ToArbitrary(), scenario =>
        {
            using var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
            var meterName = TestFactory.NewMeterName();
            using var first = new Meter(meterName + ".First");
            using var second = new Meter(meterName + ".Second", "1.0\"\n", [new("name", "n"), new("version", 2), new("a.b", "x"), new("a_b", "\""), new("le", "y"), new("", "z")]);
            using var source = new ForeignMeterSource(new ForeignMeterSourceOptions
            {
                Meters = { meterName + ".*" },
                CardinalityLimit = 50,
                ScopeLabels = scopeLabelsAndTargetInfo,
                TargetInfo = scopeLabelsAndTargetInfo,
            });
            using var scraper = new MetricsScraper([factory, source]);

            foreach (var operation in scenario)
            {
                operation.Apply(factory, first, second);
            }

            // Twice: the second scrape also carries the self-metrics that count what the first left out.
            for (var scrape = 0; scrape < 2; scrape++)
            {
                var openMetrics = scraper.Scrape(ExpositionFormat.OpenMetrics);
                OpenMetricsStructure.Validate(openMetrics).Should().BeEmpty($"scenario:\n{Describe(scenario)}\nbody:\n{openMetrics}");
                var text = scraper.Scrape(ExpositionFormat.PrometheusText);
                PrometheusTextStructure.Validate(text).Should().BeEmpty($"scenario:\n{Describe(scenario)}\nbody:\n{text}");
                PrometheusTextStructure.ValidateCounterValues(text).Should().BeEmpty($"scenario:\n{Describe(scenario)}\nbody:\n{text}");

                var protobuf = ProtobufOf(scraper);
                ProtobufStructure.Validate(protobuf).Should().BeEmpty($"scenario:\n{Describe(scenario)}\ntext body:\n{text}");
                ProtobufStructure.SeriesOf(protobuf).Should().BeEquivalentTo(
                    ProtobufStructure.SeriesOf(ExpositionParser.Parse(text, ExpositionFormat.PrometheusText)),
                    $"the protobuf scrape must leave out what the text scrape does; scenario:\n{Describe(scenario)}");
            }
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), property);
    }

    private static IReadOnlyList<DecodedFamily> ProtobufOf(MetricsScraper scraper)
    {
        using var stream = new MemoryStream();
        scraper.WriteAsync(stream, ExpositionFormat.PrometheusProtobuf).AsTask().GetAwaiter().GetResult();
        return PrometheusProtobufDecoder.Decode(stream.ToArray());
    }

    private static string Describe(IEnumerable<Operation> scenario) => string.Join('\n', scenario);

    private static Gen<Operation[]> Scenarios() =>
        from count in Gen.Choose(1, 14)
        from operations in Gen.ArrayOf(Gen.OneOf(OurOperations(), ForeignOperations(), ForeignOperations()), count)
        select operations;

    private static Gen<Operation> OurOperations() =>
        from kind in Gen.Elements(OurKind.Counter, OurKind.Gauge, OurKind.Histogram, OurKind.Summary)
        from name in Gen.Elements(FamilyNames)
        from label in Gen.Elements(OurLabelNames)
        from labelValue in Gen.Elements(TagValues)
        from value in Gen.Elements(Values)
        select (Operation)new OurOperation(kind, name, label, labelValue, value);

    private static Gen<Operation> ForeignOperations() =>
        from kind in Gen.Elements(ForeignKind.CounterDouble, ForeignKind.CounterLong, ForeignKind.UpDown, ForeignKind.Histogram, ForeignKind.Gauge)
        from second in ArbMap.Default.GeneratorFor<bool>()
        from name in Gen.Elements(ForeignNames)
        from unit in Gen.Elements(Units)
        from value in Gen.Elements(Values)
        from tagCount in Gen.Choose(0, 3)
        from tags in Gen.ListOf(Tags(), tagCount)
        select (Operation)new ForeignOperation(kind, second, name, unit, value, [.. tags]);

    private static Gen<(string Key, string Value)> Tags() =>
        from key in Gen.Elements(TagKeys)
        from value in Gen.Elements(TagValues)
        select (key, value);

    private enum OurKind
    {
        Counter,
        Gauge,
        Histogram,
        Summary,
    }

    private enum ForeignKind
    {
        CounterDouble,
        CounterLong,
        UpDown,
        Histogram,
        Gauge,
    }

    private abstract record Operation
    {
        public abstract void Apply(MetricFactory factory, Meter first, Meter second);
    }

    /// <summary>One of ours: creation may be refused (another shape under that name), and so may the value; refusing is fine, corrupting is not.</summary>
    private sealed record OurOperation(OurKind Kind, string Name, string Label, string LabelValue, double Value) : Operation
    {
        public override void Apply(MetricFactory factory, Meter first, Meter second)
        {
            try
            {
                switch (Kind)
                {
                    case OurKind.Counter:
                        factory.CreateCounter(Name, "Ours.", [Label]).WithLabels(LabelValue).Inc(Value);
                        break;
                    case OurKind.Gauge:
                        factory.CreateGauge(Name, "Ours.", [Label]).WithLabels(LabelValue).Set(Value);
                        break;
                    case OurKind.Histogram:
                        factory.CreateHistogram(Name, "Ours.", [Label], buckets: [-1, 0, 1]).WithLabels(LabelValue).Observe(Value);
                        break;
                    default:
                        factory.CreateSummary(Name, "Ours.", [Label]).WithLabels(LabelValue).Observe(Value);
                        break;
                }
            }
            catch (ArgumentException)
            {
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    private sealed record ForeignOperation(ForeignKind Kind, bool OnSecondMeter, string Name, string? Unit, double Value, (string Key, string Value)[] Tags) : Operation
    {
        public override void Apply(MetricFactory factory, Meter first, Meter second)
        {
            var meter = OnSecondMeter ? second : first;
            var tags = Tags.Select(t => new KeyValuePair<string, object?>(t.Key, t.Value)).ToArray();
            switch (Kind)
            {
                case ForeignKind.CounterDouble:
                    meter.CreateCounter<double>(Name, Unit).Add(Value, tags);
                    break;
                case ForeignKind.CounterLong:
                    meter.CreateCounter<long>(Name, Unit).Add(double.IsFinite(Value) ? (long)Math.Clamp(Value, long.MinValue, long.MaxValue) : -3, tags);
                    break;
                case ForeignKind.UpDown:
                    meter.CreateUpDownCounter<double>(Name, Unit).Add(Value, tags);
                    break;
                case ForeignKind.Histogram:
                    meter.CreateHistogram<double>(Name, Unit).Record(Value, tags);
                    break;
                default:
                    var value = Value;
                    meter.CreateObservableGauge(Name, () => new Measurement<double>(value, tags), Unit);
                    break;
            }
        }

        public override string ToString() => $"{Kind} {(OnSecondMeter ? "second" : "first")} '{Name}' unit={Unit} value={Value} tags=[{string.Join(", ", Tags.Select(t => $"{t.Key}={t.Value}"))}]";
    }
}
