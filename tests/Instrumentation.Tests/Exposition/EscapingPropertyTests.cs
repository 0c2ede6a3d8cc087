using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Instrumentation.Exposition;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Exposition;

/// <summary>
/// Label values and help texts of any content survive both formats: what our parser reads back equals
/// what was given, with each lone surrogate replaced by U+FFFD.
/// </summary>
public class EscapingPropertyTests
{
    private static readonly string[] Tricky =
    [
        "\"", "\\", "\n", "\r", "\t", "# EOF", "\n# EOF\n", "} 1", "{", ",", "=", "\\n", "\\\"", " # {a=\"b\"} 1",
        "😀", "\uD800", "\uDC00", "\uDBFF\uDFFF", "é", "\0", "NaN", "+Inf", "a=\"b\"",
    ];

    [Fact]
    public void AnyLabelValueAndHelpText_RoundTripsThroughBothFormats()
    {
        var property = Prop.ForAll(Strings().ToArbitrary(), text =>
        {
            using var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
            factory.CreateCounter("c", text, ["v"]).WithLabels(text).Inc();
            factory.CreateHistogram("h", "H", ["v"], buckets: [1]).WithLabels(text).Observe(0.5);
            var expected = WithReplacedSurrogates(text);

            foreach (var format in new[] { ExpositionFormat.PrometheusText, ExpositionFormat.OpenMetrics })
            {
                var parsed = ExpositionParser.Parse(Render.Text(factory, format), format);
                parsed.Named("c_total").Single().Label("v").Should().Be(expected);
                parsed.Named("h_bucket").Should().HaveCount(2).And.OnlyContain(s => s.Label("v") == expected);
                parsed.Help[format == ExpositionFormat.OpenMetrics ? "c" : "c_total"].Should().Be(expected);
            }
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Parser_RejectsAnUnescapedQuote()
    {
        // Proves the round trip above can fail: a raw quote in a label value does not parse.
        var parse = () => ExpositionParser.Parse("c_total{v=\"a\"b\"} 1\n", ExpositionFormat.PrometheusText);

        parse.Should().Throw<FormatException>();
    }

    [Fact]
    public async Task GeneratedLabelValues_PassPromtoolCheckMetrics()
    {
        var values = Gen.Sample(Strings(), 60).Distinct().ToArray();
        using var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
        var counter = factory.CreateCounter("generated", "Help with \"quotes\", \\ and\nnewlines 😀 \uD800", ["v"]);
        foreach (var value in values)
        {
            counter.WithLabels(value).Inc();
        }

        counter.WithLabels(new string('x', 10_000) + "\n").Inc();
        var body = Render.Bytes(factory, ExpositionFormat.PrometheusText);

        var (exitCode, stdout, stderr) = await PromtoolCheckTests.RunPromtoolAsync(body);

        exitCode.Should().Be(0, $"promtool must accept it.\nstdout: {stdout}\nstderr: {stderr}");
    }

    private static Gen<string> Strings()
    {
        var fragment = Gen.Frequency(
            (6, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty)),
            (6, Gen.Elements(Tricky)),
            (1, Gen.Choose(1, 10_240).Select(n => new string('ä', n))));
        return Gen.ListOf(fragment, 6).Select(parts => string.Concat(parts));
    }

    private static string WithReplacedSurrogates(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
            }
            else
            {
                result.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return result.ToString();
    }
}
