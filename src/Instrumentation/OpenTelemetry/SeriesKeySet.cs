using Instrumentation.Collection;

namespace Instrumentation.OpenTelemetry;

/// <summary>
/// The label sets already written in one family, to spot a series whose labels repeat an earlier one's.
/// Keys are copied into one reusable character arena, so a steady scrape allocates nothing here; equality
/// is exact (hash collisions are resolved by comparing the characters). Not thread-safe.
/// </summary>
internal sealed class SeriesKeySet
{
    private readonly HashSet<Segment> _segments;
    private char[] _arena = new char[4096];
    private int _used;

    public SeriesKeySet()
    {
        _segments = new HashSet<Segment>(new SegmentComparer(this));
    }

    /// <summary>Forgets every key, keeping the memory for the next family.</summary>
    public void Clear()
    {
        _segments.Clear();
        _used = 0;
    }

    /// <summary>
    /// The length of <paramref name="labels"/>' key: each name and value prefixed by its length (two characters
    /// each), so no value can make two different label sets read alike, whatever characters it holds.
    /// </summary>
    public static int KeyLength(MetricLabels labels)
    {
        var length = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            length += labels.Names[i].Length + labels.Values[i].Length + 4;
        }

        return length;
    }

    /// <summary>Writes the key of <paramref name="labels"/> (see <see cref="KeyLength"/>) into <paramref name="destination"/>.</summary>
    public static void WriteKey(MetricLabels labels, Span<char> destination)
    {
        var position = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            position = WritePart(labels.Names[i], destination, position);
            position = WritePart(labels.Values[i], destination, position);
        }
    }

    /// <summary>Adds the label set; false when an equal one was added since the last <see cref="Clear"/>.</summary>
    public bool Add(MetricLabels labels)
    {
        var length = KeyLength(labels);
        EnsureRoom(length);
        WriteKey(labels, _arena.AsSpan(_used, length));
        return Commit(length);
    }

    /// <summary>Adds a key made by <see cref="WriteKey"/>, as a string; false when it was added since the last <see cref="Clear"/>.</summary>
    public bool Add(string key)
    {
        EnsureRoom(key.Length);
        key.CopyTo(_arena.AsSpan(_used));
        return Commit(key.Length);
    }

    private static int WritePart(string text, Span<char> destination, int position)
    {
        destination[position++] = (char)(text.Length >> 16);
        destination[position++] = (char)text.Length;
        text.CopyTo(destination[position..]);
        return position + text.Length;
    }

    // The candidate sits just past the used part of the arena; it stays there only when it is new.
    private bool Commit(int length)
    {
        if (!_segments.Add(new Segment(_used, length)))
        {
            return false;
        }

        _used += length;
        return true;
    }

    private void EnsureRoom(int length)
    {
        if (_used + length <= _arena.Length)
        {
            return;
        }

        Array.Resize(ref _arena, Math.Max(_used + length, _arena.Length * 2));
    }

    private ReadOnlySpan<char> Chars(Segment segment) => _arena.AsSpan(segment.Start, segment.Length);

    private readonly record struct Segment(int Start, int Length);

    private sealed class SegmentComparer(SeriesKeySet owner) : IEqualityComparer<Segment>
    {
        public bool Equals(Segment x, Segment y) => owner.Chars(x).SequenceEqual(owner.Chars(y));

        // string.GetHashCode of a span is randomized per process, so label values cannot be chosen to collide.
        public int GetHashCode(Segment segment) => string.GetHashCode(owner.Chars(segment));
    }
}
