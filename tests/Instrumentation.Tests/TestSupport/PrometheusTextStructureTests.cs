using Instrumentation.Exposition;

namespace Instrumentation.Tests.TestSupport;

/// <summary>
/// One hand-written body per rule. Each invalid body that promtool 2.42 (<c>promtool check metrics</c>)
/// fails to parse says so; the others are rules of the exposition format document or of Prometheus'
/// storage that promtool's parser does not check, and say that too. Every valid body parses in promtool
/// (it may still lint, e.g. a missing HELP).
/// </summary>
public class PrometheusTextStructureTests
{
    [Fact]
    public void Validate_InvalidEscapeInHelp_IsReported()
    {
        // promtool: invalid escape sequence '\"' (HELP escapes only \\ and \n in this format).
        Validate("# HELP a Say \\\"hi\\\".\na 1\n").Should().Contain(p => p.Contains("HELP text has an escape other than"));
    }

    [Fact]
    public void Validate_UnknownType_IsReported()
    {
        // promtool: unknown metric type "unknown" (OpenMetrics' word, not this format's).
        Validate("# TYPE a unknown\na 1\n").Should().Contain(p => p.Contains("unknown type 'unknown'"));
    }

    [Fact]
    public void Validate_SecondTypeLine_IsReported()
    {
        // promtool: second TYPE line for metric name "a".
        Validate("# TYPE a gauge\n# TYPE a gauge\na 1\n").Should().Contain(p => p.Contains("second TYPE line for 'a'"));
    }

    [Fact]
    public void Validate_SecondHelpLine_IsReported()
    {
        // promtool: second HELP line for metric name "a".
        Validate("# HELP a One.\n# HELP a Two.\na 1\n").Should().Contain(p => p.Contains("second HELP line for 'a'"));
    }

    [Fact]
    public void Validate_TypeAfterSamples_IsReported()
    {
        // promtool: TYPE reported after samples.
        Validate("a 1\n# TYPE a gauge\n").Should().Contain(p => p.Contains("TYPE line after the family's samples"));
    }

    [Fact]
    public void Validate_HelpAfterSamples_IsReported()
    {
        // promtool accepts it; the format document puts HELP and TYPE before the samples.
        Validate("a 1\n# HELP a Late.\n").Should().Contain(p => p.Contains("HELP line after the family's samples"));
    }

    [Fact]
    public void Validate_TypeLineWithoutType_IsReported()
    {
        // promtool accepts it; Prometheus' scrape parser wants a type.
        Validate("# TYPE a\na 1\n").Should().Contain(p => p.Contains("TYPE line without a type"));
    }

    [Fact]
    public void Validate_InvalidEscapeInLabelValue_IsReported()
    {
        // promtool: invalid escape sequence '\t'.
        Validate("a{l=\"tab\\there\"} 1\n").Should().Contain(p => p.Contains("bad escape in label value"));
    }

    [Fact]
    public void Validate_DuplicateLabelName_IsReported()
    {
        // promtool: duplicate label names for metric "a".
        Validate("a{l=\"1\",l=\"2\"} 1\n").Should().Contain(p => p.Contains("duplicate label name 'l'"));
    }

    [Fact]
    public void Validate_SecondLeOnBucket_IsReported()
    {
        // promtool accepts it (it keeps le apart from the labels, so never sees it twice); Prometheus
        // stores le as a label and refuses the repeated name.
        Validate("# TYPE h histogram\nh_bucket{le=\"1\",le=\"+Inf\"} 1\nh_bucket{le=\"+Inf\"} 1\n")
            .Should().Contain(p => p.Contains("duplicate label name 'le'"));
    }

    [Fact]
    public void Validate_InvalidLabelName_IsReported()
    {
        // promtool: invalid label name for metric "a".
        Validate("a{1l=\"1\"} 1\n").Should().Contain(p => p.Contains("bad label name"));
    }

    [Fact]
    public void Validate_LabelNameStartingWithTwoUnderscores_IsReported()
    {
        // promtool refuses only __name__; the Prometheus data model reserves the whole prefix.
        Validate("a{__l=\"1\"} 1\n").Should().Contain(p => p.Contains("label name '__l' is reserved"));
    }

    [Fact]
    public void Validate_DuplicateSeries_IsReported()
    {
        // promtool accepts it; Prometheus drops the second sample as a duplicate for the timestamp.
        Validate("a{x=\"1\",y=\"2\"} 1\nb 1\na {y=\"2\", x=\"1\"} 2\n").Should().Contain(p => p.Contains("duplicate series a{x=\"1\",y=\"2\"}, first on line 1"));
    }

    [Fact]
    public void Validate_InterleavedFamilies_IsReported()
    {
        // promtool accepts it; the format document wants a family's lines in one group.
        Validate("a{x=\"1\"} 1\nb 1\na{x=\"2\"} 1\n").Should().Contain(p => p.Contains("lines of family 'a' are not contiguous"));
    }

    [Fact]
    public void Validate_BucketWithoutLe_IsReported()
    {
        // promtool accepts it and drops the sample; a bucket needs its bound.
        Validate("# TYPE h histogram\nh_bucket 1\nh_bucket{le=\"+Inf\"} 1\n").Should().Contain(p => p.Contains("bucket without a numeric le label"));
    }

    [Fact]
    public void Validate_BucketWithNonNumericLe_IsReported()
    {
        // promtool: expected float as value for 'le' label.
        Validate("# TYPE h histogram\nh_bucket{le=\"one\"} 1\nh_bucket{le=\"+Inf\"} 1\n").Should().Contain(p => p.Contains("bucket without a numeric le label"));
    }

    [Fact]
    public void Validate_LeOnHistogramCount_IsReported()
    {
        // promtool accepts it: it takes le as a bucket bound, so the label vanishes from _count.
        Validate("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count{le=\"+Inf\"} 1\n").Should().Contain(p => p.Contains("le label on a histogram's _count sample"));
    }

    [Fact]
    public void Validate_SeriesWithoutInfBucket_IsReported()
    {
        // promtool accepts it; the format document requires a +Inf bucket.
        Validate("# TYPE h histogram\nh_bucket{a=\"1\",le=\"1\"} 1\nh_count{a=\"1\"} 1\n").Should().Contain(p => p.Contains("histogram series h{a=\"1\"} has no +Inf bucket"));
    }

    [Fact]
    public void Validate_CountDifferentFromInfBucket_IsReported()
    {
        // promtool accepts it; the format document requires the +Inf bucket to equal _count.
        Validate("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 1\n").Should().Contain(p => p.Contains("_count differs from the +Inf bucket"));
    }

    [Fact]
    public void Validate_QuantileSampleWithoutQuantile_IsReported()
    {
        // promtool accepts it; a summary's own-name samples are its quantiles.
        Validate("# TYPE s summary\ns 1\ns_sum 1\ns_count 1\n").Should().Contain(p => p.Contains("quantile sample without a numeric quantile label"));
    }

    [Fact]
    public void Validate_NonNumericQuantile_IsReported()
    {
        // promtool: expected float as value for 'quantile' label.
        Validate("# TYPE s summary\ns{quantile=\"median\"} 1\n").Should().Contain(p => p.Contains("quantile sample without a numeric quantile label"));
    }

    [Fact]
    public void Validate_ValueNotAGoFloat_IsReported()
    {
        // promtool: expected float as value, got "1_000" (and "0x1p3", and "1e400", out of range).
        var problems = Validate("a 1_000\nb 0x1p3\nc 1e400\n");

        problems.Should().HaveCount(3).And.OnlyContain(p => p.Contains("is not a float as Go reads it"));
    }

    [Fact]
    public void Validate_BadTimestamp_IsReported()
    {
        // promtool: expected integer as timestamp, got "1.5"; it accepts "-5", which Prometheus' scrape parser refuses.
        Validate("a 1 1.5\nb 1 -5\n").Should().HaveCount(2).And.OnlyContain(p => p.Contains("bad value part"));
    }

    [Fact]
    public void Validate_TrailingBlankAfterValue_IsReported()
    {
        // promtool: expected integer as timestamp, got "".
        Validate("a 1 \n").Should().Contain(p => p.Contains("bad value part"));
    }

    [Fact]
    public void Validate_BlankBeforeMetricName_IsReported()
    {
        // promtool accepts it; Prometheus' scrape parser counts the blanks into the metric name.
        Validate("  a 1\n").Should().Contain(p => p.Contains("blank before the metric name"));
    }

    [Fact]
    public void Validate_WithoutFinalLineFeed_IsReported()
    {
        // promtool: unexpected end of input stream.
        Validate("a 1").Should().Contain(p => p.Contains("does not end with a line feed"));
    }

    [Fact]
    public void Validate_GaugeClashingWithSummaryCount_IsReported()
    {
        // promtool: second TYPE line for metric name "x" (it files x_count under the summary x);
        // client_golang refuses to expose the two families together.
        Validate("# TYPE x summary\nx_sum 1\nx_count 1\n# TYPE x_count gauge\n").Should().Contain(p => p.Contains("Clashing name 'x_count'"));
    }

    [Fact]
    public void Validate_NegativeAndNaNCounter_IsValidGrammar()
    {
        Validate("# TYPE a_total counter\na_total{x=\"1\"} -1\na_total{x=\"2\"} NaN\n").Should().BeEmpty();
    }

    [Fact]
    public void ValidateCounterValues_NegativeOrNaNCounter_IsReported()
    {
        var problems = PrometheusTextStructure.ValidateCounterValues(
            "# TYPE a_total counter\na_total{x=\"1\"} -1\na_total{x=\"2\"} NaN\na_total{x=\"3\"} 0\n# TYPE g gauge\ng -1\n");

        problems.Should().HaveCount(2).And.OnlyContain(p => p.Contains("counter value is NaN or negative"));
    }

    [Fact]
    public void Validate_EscapedQuotesAndNewlinesInLabelValues_IsValid()
    {
        Validate("# HELP g A \"quoted\" help\\nwith a \\\\ backslash.\n# TYPE g gauge\n"
            + "g{a=\"quote \\\" newline \\n backslash \\\\\",b=\"} , = # {\"} 1\ng{a=\"\",b=\"\"} 2\n").Should().BeEmpty();
    }

    [Fact]
    public void Validate_CommentsBlankLinesBlanksAndTimestamps_IsValid()
    {
        Validate("# A comment.\n\n#HELPER not a descriptor\n  # HELPER indented comment\na {x = \"1\" , } 1 1700000000000\na{x=\"2\"}\t+Inf\n"
            + "# TYPE b untyped\nb -Inf\n# TYPE c counter\nc 1.5e3\n").Should().BeEmpty();
    }

    [Fact]
    public void Validate_NegativeBucketHistogramWithoutSumAndCount_IsValid()
    {
        Validate("# TYPE t histogram\nt_bucket{le=\"-10\"} 1\nt_bucket{le=\"0\"} 3\nt_bucket{le=\"+Inf\"} 4\n").Should().BeEmpty();
    }

    [Fact]
    public void Validate_SummaryWithNaNQuantile_IsValid()
    {
        Validate("# TYPE s summary\ns{quantile=\"0.5\"} NaN\ns{quantile=\"0.99\"} NaN\ns_sum 0\ns_count 0\n").Should().BeEmpty();
    }

    [Fact]
    public void Validate_GaugeWithLabelNamedQuantile_IsValid()
    {
        // promtool parses it; only its linter remarks that non-summary metrics should not have "quantile".
        Validate("# TYPE g gauge\ng{quantile=\"0.5\"} 1\ng{quantile=\"0.9\"} 2\n").Should().BeEmpty();
    }

    [Fact]
    public void Validate_HistogramWithSeveralSeries_IsValid()
    {
        Validate("# HELP h Latency.\n# TYPE h histogram\n"
            + "h_bucket{a=\"1\",le=\"1\"} 1\nh_bucket{a=\"1\",le=\"+Inf\"} 2\nh_sum{a=\"1\"} 3.5\nh_count{a=\"1\"} 2\n"
            + "h_bucket{a=\"2\",le=\"1\"} 0\nh_bucket{a=\"2\",le=\"+Inf\"} 0\nh_sum{a=\"2\"} 0\nh_count{a=\"2\"} 0\n").Should().BeEmpty();
    }

    [Fact]
    public void Validate_OurTextOfEveryTypeWithTrickyLabels_IsValid()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        ExpositionSamples.PopulateEveryType(factory);
        using var scraper = new MetricsScraper([factory, ExpositionSamples.SummarySource()]);

        var text = scraper.Scrape(ExpositionFormat.PrometheusText);

        Validate(text).Should().BeEmpty();
        PrometheusTextStructure.ValidateCounterValues(text).Should().BeEmpty();
    }

    [Fact]
    public void Validate_EmptyExposition_IsValid()
    {
        Validate("").Should().BeEmpty();
    }

    private static List<string> Validate(string body) => PrometheusTextStructure.Validate(body);
}
