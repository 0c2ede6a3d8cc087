namespace Instrumentation.OpenTelemetry;

/// <summary>
/// The <see cref="TagValueRewrite"/>s in force, at most one per meter and tag key. Read lock-free by the
/// collection; replaced whole when a rule is set, so a collection sees the rules from before or after, never half.
/// </summary>
internal sealed class TagValueRewrites
{
    private readonly Lock _writeLock = new();
    private TagValueRewrite[] _rules = [];

    /// <summary>Adds <paramref name="rule"/>, replacing a rule for the same meter and tag key.</summary>
    public void Set(TagValueRewrite rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_writeLock)
        {
            var rules = new List<TagValueRewrite>(_rules.Length + 1);
            foreach (var existing in _rules)
            {
                if (existing.MeterName != rule.MeterName || existing.TagKey != rule.TagKey)
                {
                    rules.Add(existing);
                }
            }

            rules.Add(rule);
            Volatile.Write(ref _rules, [.. rules]);
        }
    }

    /// <summary>Fills <paramref name="matching"/> with the rules of <paramref name="meterName"/>; true when there is any.</summary>
    public bool CollectFor(string meterName, List<TagValueRewrite> matching)
    {
        matching.Clear();
        foreach (var rule in Volatile.Read(ref _rules))
        {
            if (rule.MeterName == meterName)
            {
                matching.Add(rule);
            }
        }

        return matching.Count > 0;
    }
}
