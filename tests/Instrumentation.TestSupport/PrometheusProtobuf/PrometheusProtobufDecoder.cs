using Google.Protobuf;

namespace Instrumentation.TestSupport.PrometheusProtobuf;

/// <summary>
/// Reads a Prometheus protobuf exposition (<c>encoding=delimited</c>: varint length, then a
/// <c>io.prometheus.client.MetricFamily</c>, repeated) with Google.Protobuf's <see cref="CodedInputStream"/>,
/// written from the published <c>metrics.proto</c> field numbers and independent of the library's encoder.
/// </summary>
/// <remarks>
/// Unknown fields are skipped, as every protobuf reader does; repeated numbers are read packed or not. A
/// truncated message or malformed varint throws Google's <see cref="InvalidProtocolBufferException"/>; a field of
/// the wrong wire type, a label without a name or a timestamp's nanos out of range throw <see cref="InvalidDataException"/>.
/// </remarks>
public static class PrometheusProtobufDecoder
{
    public static IReadOnlyList<DecodedFamily> Decode(ReadOnlySpan<byte> body)
    {
        var input = new CodedInputStream(body.ToArray());
        var families = new List<DecodedFamily>();
        while (!input.IsAtEnd)
        {
            families.Add(ReadFamily(input.ReadBytes()));
        }

        return families;
    }

    private static DecodedFamily ReadFamily(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        string? name = null, help = null, unit = null;
        int? type = null;
        var metrics = new List<DecodedMetric>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case 1: Expect(tag, WireFormat.WireType.LengthDelimited); name = input.ReadString(); break;
                case 2: Expect(tag, WireFormat.WireType.LengthDelimited); help = input.ReadString(); break;
                case 3: Expect(tag, WireFormat.WireType.Varint); type = input.ReadEnum(); break;
                case 4: Expect(tag, WireFormat.WireType.LengthDelimited); metrics.Add(ReadMetric(input.ReadBytes())); break;
                case 5: Expect(tag, WireFormat.WireType.LengthDelimited); unit = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        }

        return new DecodedFamily(name, help, type, unit, metrics);
    }

    private static DecodedMetric ReadMetric(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        var labels = new List<KeyValuePair<string, string>>();
        double? gauge = null, untyped = null;
        DecodedCounter? counter = null;
        DecodedSummary? summary = null;
        DecodedHistogram? histogram = null;
        long? timestamp = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case 1: Expect(tag, WireFormat.WireType.LengthDelimited); labels.Add(ReadLabel(input.ReadBytes())); break;
                case 2: Expect(tag, WireFormat.WireType.LengthDelimited); gauge = ReadSingleDouble(input.ReadBytes()); break;
                case 3: Expect(tag, WireFormat.WireType.LengthDelimited); counter = ReadCounter(input.ReadBytes()); break;
                case 4: Expect(tag, WireFormat.WireType.LengthDelimited); summary = ReadSummary(input.ReadBytes()); break;
                case 5: Expect(tag, WireFormat.WireType.LengthDelimited); untyped = ReadSingleDouble(input.ReadBytes()); break;
                case 6: Expect(tag, WireFormat.WireType.Varint); timestamp = input.ReadInt64(); break;
                case 7: Expect(tag, WireFormat.WireType.LengthDelimited); histogram = ReadHistogram(input.ReadBytes()); break;
                default: input.SkipLastField(); break;
            }
        }

        return new DecodedMetric(labels, gauge, counter, summary, untyped, histogram, timestamp);
    }

    private static KeyValuePair<string, string> ReadLabel(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        string? name = null, value = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case 1: Expect(tag, WireFormat.WireType.LengthDelimited); name = input.ReadString(); break;
                case 2: Expect(tag, WireFormat.WireType.LengthDelimited); value = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        }

        return new(name ?? throw new InvalidDataException("A LabelPair has no name."), value ?? string.Empty);
    }

    // Gauge and Untyped: one double in field 1.
    private static double? ReadSingleDouble(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        double? value = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (Field(tag) == 1)
            {
                Expect(tag, WireFormat.WireType.Fixed64);
                value = input.ReadDouble();
            }
            else
            {
                input.SkipLastField();
            }
        }

        return value;
    }

    private static DecodedCounter ReadCounter(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        double? value = null;
        DecodedExemplar? exemplar = null;
        DecodedTimestamp? created = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case 1: Expect(tag, WireFormat.WireType.Fixed64); value = input.ReadDouble(); break;
                case 2: Expect(tag, WireFormat.WireType.LengthDelimited); exemplar = ReadExemplar(input.ReadBytes()); break;
                case 3: Expect(tag, WireFormat.WireType.LengthDelimited); created = ReadTimestamp(input.ReadBytes()); break;
                default: input.SkipLastField(); break;
            }
        }

        return new DecodedCounter(value, exemplar, created);
    }

    private static DecodedSummary ReadSummary(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        ulong? count = null;
        double? sum = null;
        var quantiles = new List<DecodedQuantile>();
        DecodedTimestamp? created = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case 1: Expect(tag, WireFormat.WireType.Varint); count = input.ReadUInt64(); break;
                case 2: Expect(tag, WireFormat.WireType.Fixed64); sum = input.ReadDouble(); break;
                case 3: Expect(tag, WireFormat.WireType.LengthDelimited); quantiles.Add(ReadQuantile(input.ReadBytes())); break;
                case 4: Expect(tag, WireFormat.WireType.LengthDelimited); created = ReadTimestamp(input.ReadBytes()); break;
                default: input.SkipLastField(); break;
            }
        }

        return new DecodedSummary(count, sum, quantiles, created);
    }

    private static DecodedQuantile ReadQuantile(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        double? quantile = null, value = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case 1: Expect(tag, WireFormat.WireType.Fixed64); quantile = input.ReadDouble(); break;
                case 2: Expect(tag, WireFormat.WireType.Fixed64); value = input.ReadDouble(); break;
                default: input.SkipLastField(); break;
            }
        }

        return new DecodedQuantile(quantile, value);
    }

    private static DecodedHistogram ReadHistogram(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        ulong? count = null, zeroCount = null;
        double? countFloat = null, sum = null, zeroThreshold = null, zeroCountFloat = null;
        int? schema = null;
        DecodedTimestamp? created = null;
        var buckets = new List<DecodedBucket>();
        var negativeSpans = new List<DecodedSpan>();
        var positiveSpans = new List<DecodedSpan>();
        var negativeDeltas = new List<long>();
        var positiveDeltas = new List<long>();
        var negativeCounts = new List<double>();
        var positiveCounts = new List<double>();
        var exemplars = new List<DecodedExemplar>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case 1: Expect(tag, WireFormat.WireType.Varint); count = input.ReadUInt64(); break;
                case 2: Expect(tag, WireFormat.WireType.Fixed64); sum = input.ReadDouble(); break;
                case 3: Expect(tag, WireFormat.WireType.LengthDelimited); buckets.Add(ReadBucket(input.ReadBytes())); break;
                case 4: Expect(tag, WireFormat.WireType.Fixed64); countFloat = input.ReadDouble(); break;
                case 5: Expect(tag, WireFormat.WireType.Varint); schema = input.ReadSInt32(); break;
                case 6: Expect(tag, WireFormat.WireType.Fixed64); zeroThreshold = input.ReadDouble(); break;
                case 7: Expect(tag, WireFormat.WireType.Varint); zeroCount = input.ReadUInt64(); break;
                case 8: Expect(tag, WireFormat.WireType.Fixed64); zeroCountFloat = input.ReadDouble(); break;
                case 9: Expect(tag, WireFormat.WireType.LengthDelimited); negativeSpans.Add(ReadSpan(input.ReadBytes())); break;
                case 10: ReadRepeated(input, tag, negativeDeltas, static i => i.ReadSInt64()); break;
                case 11: ReadRepeated(input, tag, negativeCounts, static i => i.ReadDouble()); break;
                case 12: Expect(tag, WireFormat.WireType.LengthDelimited); positiveSpans.Add(ReadSpan(input.ReadBytes())); break;
                case 13: ReadRepeated(input, tag, positiveDeltas, static i => i.ReadSInt64()); break;
                case 14: ReadRepeated(input, tag, positiveCounts, static i => i.ReadDouble()); break;
                case 15: Expect(tag, WireFormat.WireType.LengthDelimited); created = ReadTimestamp(input.ReadBytes()); break;
                case 16: Expect(tag, WireFormat.WireType.LengthDelimited); exemplars.Add(ReadExemplar(input.ReadBytes())); break;
                default: input.SkipLastField(); break;
            }
        }

        return new DecodedHistogram(
            count, countFloat, sum, buckets, created, schema, zeroThreshold, zeroCount, zeroCountFloat,
            negativeSpans, negativeDeltas, negativeCounts, positiveSpans, positiveDeltas, positiveCounts, exemplars);
    }

    private static DecodedBucket ReadBucket(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        ulong? count = null;
        double? countFloat = null, upperBound = null;
        DecodedExemplar? exemplar = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case 1: Expect(tag, WireFormat.WireType.Varint); count = input.ReadUInt64(); break;
                case 2: Expect(tag, WireFormat.WireType.Fixed64); upperBound = input.ReadDouble(); break;
                case 3: Expect(tag, WireFormat.WireType.LengthDelimited); exemplar = ReadExemplar(input.ReadBytes()); break;
                case 4: Expect(tag, WireFormat.WireType.Fixed64); countFloat = input.ReadDouble(); break;
                default: input.SkipLastField(); break;
            }
        }

        return new DecodedBucket(count, countFloat, upperBound, exemplar);
    }

    private static DecodedSpan ReadSpan(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        int? offset = null;
        uint? length = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case 1: Expect(tag, WireFormat.WireType.Varint); offset = input.ReadSInt32(); break;
                case 2: Expect(tag, WireFormat.WireType.Varint); length = input.ReadUInt32(); break;
                default: input.SkipLastField(); break;
            }
        }

        return new DecodedSpan(offset, length);
    }

    private static DecodedExemplar ReadExemplar(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        var labels = new List<KeyValuePair<string, string>>();
        double? value = null;
        DecodedTimestamp? timestamp = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case 1: Expect(tag, WireFormat.WireType.LengthDelimited); labels.Add(ReadLabel(input.ReadBytes())); break;
                case 2: Expect(tag, WireFormat.WireType.Fixed64); value = input.ReadDouble(); break;
                case 3: Expect(tag, WireFormat.WireType.LengthDelimited); timestamp = ReadTimestamp(input.ReadBytes()); break;
                default: input.SkipLastField(); break;
            }
        }

        return new DecodedExemplar(labels, value, timestamp);
    }

    private static DecodedTimestamp ReadTimestamp(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        long seconds = 0;
        var nanos = 0;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case 1: Expect(tag, WireFormat.WireType.Varint); seconds = input.ReadInt64(); break;
                case 2: Expect(tag, WireFormat.WireType.Varint); nanos = input.ReadInt32(); break;
                default: input.SkipLastField(); break;
            }
        }

        if (nanos is < 0 or > 999_999_999)
        {
            throw new InvalidDataException($"Timestamp nanos {nanos} is outside [0, 999999999].");
        }

        return new DecodedTimestamp(seconds, nanos);
    }

    // A repeated number arrives unpacked (one tag per value) or packed (one length-delimited run).
    private static void ReadRepeated<T>(CodedInputStream input, uint tag, List<T> into, Func<CodedInputStream, T> read)
    {
        if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
        {
            var packed = input.ReadBytes().CreateCodedInput();
            while (!packed.IsAtEnd)
            {
                into.Add(read(packed));
            }
        }
        else
        {
            into.Add(read(input));
        }
    }

    private static int Field(uint tag) => WireFormat.GetTagFieldNumber(tag);

    private static void Expect(uint tag, WireFormat.WireType wireType)
    {
        if (WireFormat.GetTagWireType(tag) != wireType)
        {
            throw new InvalidDataException($"Field {Field(tag)} has wire type {WireFormat.GetTagWireType(tag)}, expected {wireType}.");
        }
    }
}
