using Instrumentation.Collection;
using Instrumentation.OpenTelemetry;

namespace Instrumentation.Tests.OpenTelemetry;

public class SeriesKeySetTests
{
    [Fact]
    public void Add_EqualLabelSetTwice_IsRefusedTheSecondTime()
    {
        var set = new SeriesKeySet();

        set.Add(new MetricLabels(["a", "b"], ["1", "2"])).Should().BeTrue();
        set.Add(new MetricLabels(["a", "b"], ["1", "2"])).Should().BeFalse();
        set.Add(new MetricLabels(["a", "b"], ["1", "3"])).Should().BeTrue();
        set.Add(new MetricLabels([], [])).Should().BeTrue();
        set.Add(new MetricLabels([], [])).Should().BeFalse();
    }

    [Fact]
    public void Add_ValuesHoldingSeparatorLikeCharacters_AreNotConfusedWithOtherLabelSets()
    {
        // With separator-joined keys, {a="1␟b␟2"} and {a="1", b="2"} read alike, and a real series was lost.
        var set = new SeriesKeySet();

        set.Add(new MetricLabels(["a", "b"], ["1", "2"])).Should().BeTrue();
        set.Add(new MetricLabels(["a"], ["1\u001fb\u001f2"])).Should().BeTrue();
        set.Add(new MetricLabels(["a"], ["1\u0000\u0001b\u0000\u00012"])).Should().BeTrue();
        set.Add(new MetricLabels(["ab"], [""])).Should().BeTrue();
        set.Add(new MetricLabels(["a"], ["b"])).Should().BeTrue();
    }

    [Fact]
    public void Clear_ForgetsEveryKey_AndAStringKeyMatchesTheLabelsItWasMadeFrom()
    {
        var set = new SeriesKeySet();
        var labels = new MetricLabels(["k"], [new string('x', 10_000)]);
        set.Add(labels).Should().BeTrue();

        set.Clear();

        set.Add(labels).Should().BeTrue("the set was cleared");
        var key = new char[SeriesKeySet.KeyLength(labels)];
        SeriesKeySet.WriteKey(labels, key);
        set.Add(new string(key)).Should().BeFalse("a rendered key equals the label set it renders");
    }

    [Fact]
    public void Add_ManyDistinctSets_KeepsEveryOneApartAcrossArenaGrowth()
    {
        var set = new SeriesKeySet();

        for (var i = 0; i < 5_000; i++)
        {
            set.Add(new MetricLabels(["id"], [i.ToString(System.Globalization.CultureInfo.InvariantCulture)])).Should().BeTrue();
        }

        for (var i = 0; i < 5_000; i += 499)
        {
            set.Add(new MetricLabels(["id"], [i.ToString(System.Globalization.CultureInfo.InvariantCulture)])).Should().BeFalse();
        }
    }
}
