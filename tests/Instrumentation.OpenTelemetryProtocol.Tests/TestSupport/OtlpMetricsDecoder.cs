using System.Globalization;
using Google.Protobuf;

namespace Instrumentation.OpenTelemetryProtocol.Tests.TestSupport;

/// <summary>
/// Decodes the fields we check of an OTLP <c>ExportMetricsServiceRequest</c> (opentelemetry-proto
/// metrics/v1): resource_metrics(1) -> resource(1).attributes(1), scope_metrics(2) -> scope(1).name(1), metrics(2) -> name(1), unit(3),
/// gauge(5) | sum(7) | histogram(9) -> data_points(1). Unknown fields are skipped.
/// </summary>
internal static class OtlpMetricsDecoder
{
    public static List<OtlpMetric> Decode(byte[] request)
    {
        var metrics = new List<OtlpMetric>();
        foreach (var resourceMetrics in Fields(request, 1))
        {
            var resource = new Dictionary<string, string>();
            foreach (var r in Fields(resourceMetrics, 1))
            {
                foreach (var keyValue in Fields(r, 1))
                {
                    AddAttribute(resource, keyValue);
                }
            }

            foreach (var scopeMetrics in Fields(resourceMetrics, 2))
            {
                var scope = "";
                foreach (var s in Fields(scopeMetrics, 1))
                {
                    scope = Strings(s, 1).FirstOrDefault() ?? "";
                }

                foreach (var metric in Fields(scopeMetrics, 2))
                {
                    metrics.Add(DecodeMetric(resource, scope, metric));
                }
            }
        }

        return metrics;
    }

    private static OtlpMetric DecodeMetric(IReadOnlyDictionary<string, string> resource, string scope, byte[] metric)
    {
        string name = "", unit = "";
        var kind = OtlpMetricKind.Other;
        var monotonic = false;
        var points = new List<OtlpPoint>();
        var input = new CodedInputStream(metric);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: name = input.ReadString(); break;
                case 3: unit = input.ReadString(); break;
                case 5:
                    kind = OtlpMetricKind.Gauge;
                    points.AddRange(Fields(input.ReadBytes().ToByteArray(), 1).Select(NumberPoint));
                    break;
                case 7:
                    kind = OtlpMetricKind.Sum;
                    var sum = input.ReadBytes().ToByteArray();
                    points.AddRange(Fields(sum, 1).Select(NumberPoint));
                    monotonic = IsMonotonic(sum);
                    break;
                case 9:
                    kind = OtlpMetricKind.Histogram;
                    points.AddRange(Fields(input.ReadBytes().ToByteArray(), 1).Select(HistogramPoint));
                    break;
                default: input.SkipLastField(); break;
            }
        }

        return new OtlpMetric(resource, scope, name, unit, kind, monotonic, points);
    }

    private static bool IsMonotonic(byte[] sum)
    {
        var input = new CodedInputStream(sum);
        var monotonic = false;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 3)
            {
                monotonic = input.ReadBool();
            }
            else
            {
                input.SkipLastField();
            }
        }

        return monotonic;
    }

    /// <summary>NumberDataPoint: attributes(7), as_double(4), as_int(6).</summary>
    private static OtlpPoint NumberPoint(byte[] point)
    {
        var attributes = new Dictionary<string, string>();
        double? value = null;
        var input = new CodedInputStream(point);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 4: value = input.ReadDouble(); break;
                case 6: value = input.ReadSFixed64(); break;
                case 7: AddAttribute(attributes, input.ReadBytes().ToByteArray()); break;
                default: input.SkipLastField(); break;
            }
        }

        return new OtlpPoint(attributes, value, 0, 0, [], []);
    }

    /// <summary>HistogramDataPoint: count(4), sum(5), bucket_counts(6), explicit_bounds(7), attributes(9).</summary>
    private static OtlpPoint HistogramPoint(byte[] point)
    {
        var attributes = new Dictionary<string, string>();
        ulong count = 0;
        double sum = 0;
        var buckets = new List<ulong>();
        var bounds = new List<double>();
        var input = new CodedInputStream(point);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 4: count = input.ReadFixed64(); break;
                case 5: sum = input.ReadDouble(); break;
                case 6:
                    if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
                    {
                        var packed = new CodedInputStream(input.ReadBytes().ToByteArray());
                        while (!packed.IsAtEnd) { buckets.Add(packed.ReadFixed64()); }
                    }
                    else
                    {
                        buckets.Add(input.ReadFixed64());
                    }

                    break;
                case 7:
                    if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
                    {
                        var packed = new CodedInputStream(input.ReadBytes().ToByteArray());
                        while (!packed.IsAtEnd) { bounds.Add(packed.ReadDouble()); }
                    }
                    else
                    {
                        bounds.Add(input.ReadDouble());
                    }

                    break;
                case 9: AddAttribute(attributes, input.ReadBytes().ToByteArray()); break;
                default: input.SkipLastField(); break;
            }
        }

        return new OtlpPoint(attributes, null, count, sum, buckets, bounds);
    }

    /// <summary>KeyValue: key(1), value(2) as AnyValue: string(1), bool(2), int(3), double(4).</summary>
    private static void AddAttribute(Dictionary<string, string> attributes, byte[] keyValue)
    {
        var key = Strings(keyValue, 1).Single();
        var value = "";
        foreach (var any in Fields(keyValue, 2))
        {
            var input = new CodedInputStream(any);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                value = WireFormat.GetTagFieldNumber(tag) switch
                {
                    1 => input.ReadString(),
                    2 => input.ReadBool() ? "true" : "false",
                    3 => input.ReadInt64().ToString(CultureInfo.InvariantCulture),
                    4 => input.ReadDouble().ToString(CultureInfo.InvariantCulture),
                    _ => Skip(input),
                };
            }
        }

        attributes[key] = value;
    }

    private static string Skip(CodedInputStream input)
    {
        input.SkipLastField();
        return "";
    }

    /// <summary>The length-delimited occurrences of one field of a message.</summary>
    private static List<byte[]> Fields(byte[] message, int field)
    {
        var found = new List<byte[]>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                found.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return found;
    }

    private static IEnumerable<string> Strings(byte[] message, int field) =>
        Fields(message, field).Select(static b => System.Text.Encoding.UTF8.GetString(b));
}
