namespace Instrumentation.Tests.TestSupport;

/// <summary>
/// One hand-written body per rule. Every invalid body here is also refused by the reference Python parser
/// (prometheus_client 0.16, prometheus_client.openmetrics.parser) and every valid one accepted, except
/// where a test says the validator is deliberately stricter.
/// </summary>
public class OpenMetricsStructureTests
{
    [Fact]
    public void Validate_DuplicateLabelName_IsReported()
    {
        Validate("# TYPE g gauge\ng{a=\"1\",a=\"2\"} 1\n# EOF\n").Should().Contain(p => p.Contains("duplicate label name 'a'"));
    }

    [Fact]
    public void Validate_InvalidLabelName_IsReported()
    {
        Validate("# TYPE g gauge\ng{a-b=\"1\"} 1\n# EOF\n").Should().Contain(p => p.Contains("bad label name"));
    }

    [Fact]
    public void Validate_LabelNameStartingWithTwoUnderscores_IsReported()
    {
        // Stricter than the Python parser, which accepts it; the Prometheus data model reserves the prefix.
        Validate("# TYPE g gauge\ng{__a=\"1\"} 1\n# EOF\n").Should().Contain(p => p.Contains("label name '__a' is reserved"));
    }

    [Fact]
    public void Validate_SecondLeOnBucket_IsReported()
    {
        Validate("# TYPE h histogram\nh_bucket{le=\"1.0\",le=\"+Inf\"} 1\nh_bucket{le=\"+Inf\"} 1\n# EOF\n")
            .Should().Contain(p => p.Contains("duplicate label name 'le'"));
    }

    [Fact]
    public void Validate_LeOnHistogramSum_IsReported()
    {
        Validate("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_sum{le=\"1.0\"} 2\nh_count 1\n# EOF\n")
            .Should().Contain(p => p.Contains("le label on a histogram's _sum sample"));
    }

    [Fact]
    public void Validate_QuantileOnSummarySum_IsReported()
    {
        // The Python parser refuses this body only because s_count then returns to the group without
        // quantile; with the stray quantile on the summary's last sample it accepts it. Stricter here.
        Validate("# TYPE s summary\ns{quantile=\"0.5\"} 1\ns_sum{quantile=\"0.5\"} 2\ns_count 1\n# EOF\n")
            .Should().Contain(p => p.Contains("quantile label on a summary's _sum sample"));
    }

    [Fact]
    public void Validate_DuplicateSeries_IsReported()
    {
        // Stricter than the Python parser, which keeps one of two consecutive equal series without a word;
        // Prometheus drops the second as a duplicate sample for the timestamp.
        Validate("# TYPE x counter\nx_total{a=\"1\",b=\"2\"} 1\nx_total{b=\"2\",a=\"1\"} 1\n# EOF\n")
            .Should().Contain(p => p.Contains("duplicate series x_total{a=\"1\",b=\"2\"}, first on line 2"));
    }

    [Fact]
    public void Validate_NonConsecutiveDuplicateSeries_IsReported()
    {
        Validate("# TYPE x counter\nx_total{a=\"1\"} 1\nx_total{a=\"2\"} 1\nx_total{a=\"1\"} 1\n# EOF\n")
            .Should().Contain(p => p.Contains("duplicate series x_total{a=\"1\"}, first on line 2"))
            .And.Contain(p => p.Contains("interleaved"));
    }

    [Fact]
    public void Validate_NegativeCounter_IsReported()
    {
        Validate("# TYPE x counter\nx_total -1\n# EOF\n").Should().Contain(p => p.Contains("counter-like _total sample is negative"));
    }

    [Fact]
    public void Validate_NaNCounter_IsReported()
    {
        Validate("# TYPE x counter\nx_total NaN\n# EOF\n").Should().Contain(p => p.Contains("counter-like _total sample is NaN"));
    }

    [Fact]
    public void Validate_NegativeHistogramSum_IsReported()
    {
        Validate("# TYPE h histogram\nh_bucket{le=\"1.0\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum -0.5\nh_count 1\n# EOF\n")
            .Should().Contain(p => p.Contains("counter-like _sum sample is negative"));
    }

    [Fact]
    public void Validate_NaNSummarySum_IsReported()
    {
        Validate("# TYPE s summary\ns_sum NaN\ns_count 1\n# EOF\n").Should().Contain(p => p.Contains("counter-like _sum sample is NaN"));
    }

    [Fact]
    public void Validate_NegativeQuantileValue_IsReported()
    {
        Validate("# TYPE s summary\ns{quantile=\"0.5\"} -1\ns_sum 1\ns_count 1\n# EOF\n").Should().Contain(p => p.Contains("quantile value is negative"));
    }

    [Fact]
    public void Validate_HistogramSumWithoutCount_IsReported()
    {
        Validate("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\n# EOF\n").Should().Contain(p => p.Contains("has _sum but no _count"));
    }

    [Fact]
    public void Validate_HistogramCountWithoutSum_IsReported()
    {
        Validate("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n# EOF\n").Should().Contain(p => p.Contains("has _count but no _sum"));
    }

    [Fact]
    public void Validate_HistogramSumWithNegativeBucket_IsReported()
    {
        Validate("# TYPE h histogram\nh_bucket{le=\"-1.0\"} 0\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n# EOF\n")
            .Should().Contain(p => p.Contains("has _sum although bucket le=\"-1.0\" is negative"));
    }

    [Fact]
    public void Validate_DecreasingBucketValues_IsReported()
    {
        Validate("# TYPE h histogram\nh_bucket{le=\"1.0\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n# EOF\n")
            .Should().Contain(p => p.Contains("bucket values decrease"));
    }

    [Fact]
    public void Validate_SeriesWithoutInfBucket_IsReported()
    {
        Validate("# TYPE h histogram\nh_bucket{a=\"1\",le=\"+Inf\"} 1\nh_bucket{a=\"2\",le=\"1.0\"} 1\n# EOF\n")
            .Should().Contain(p => p.Contains("histogram series {a=\"2\"} has no +Inf bucket"));
    }

    [Fact]
    public void Validate_CountDifferentFromInfBucket_IsReported()
    {
        Validate("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 1\n# EOF\n").Should().Contain(p => p.Contains("_count differs from the +Inf bucket"));
    }

    [Fact]
    public void Validate_BucketsOutOfOrder_IsReported()
    {
        Validate("# TYPE h histogram\nh_bucket{le=\"2.0\"} 0\nh_bucket{le=\"1.0\"} 0\nh_bucket{le=\"+Inf\"} 0\n# EOF\n")
            .Should().Contain(p => p.Contains("not in ascending order of le"));
    }

    [Fact]
    public void Validate_CounterClashingWithGaugeOfItsTotalName_IsReported()
    {
        Validate("# TYPE x counter\nx_total 1\n# TYPE x_total gauge\nx_total 2\n# EOF\n")
            .Should().Contain(p => p.Contains("Clashing name 'x_total': claimed by family 'x' and family 'x_total'"));
    }

    [Fact]
    public void Validate_GaugeClashingWithHistogramCount_IsReported()
    {
        Validate("# TYPE h_count gauge\nh_count 1\n# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\n# EOF\n")
            .Should().Contain(p => p.Contains("Clashing name 'h_count'"));
    }

    [Fact]
    public void Validate_MetricNameStartingWithTwoUnderscores_IsReported()
    {
        // Stricter than the Python parser, which accepts it; Prometheus reserves the prefix.
        Validate("# TYPE __x gauge\n__x 1\n# EOF\n").Should().Contain(p => p.Contains("metric name '__x' is reserved"));
    }

    [Fact]
    public void Validate_ExemplarOnGauge_IsReported()
    {
        Validate("# TYPE g gauge\ng 1 # {trace_id=\"a\"} 1\n# EOF\n").Should().Contain(p => p.Contains("exemplar on a sample that cannot carry one"));
    }

    [Fact]
    public void Validate_WithoutEof_IsReported()
    {
        Validate("# TYPE g gauge\ng 1\n").Should().Contain(p => p.Contains("does not end with '# EOF"));
    }

    [Fact]
    public void Validate_EscapedQuotesAndNewlinesInLabelValues_IsValid()
    {
        Validate("# TYPE g gauge\n# HELP g A \\\"quoted\\\" help\\nwith a \\\\ backslash.\n"
            + "g{a=\"quote \\\" newline \\n backslash \\\\\",b=\"} , = # {\"} 1\ng{a=\"\",b=\"\"} 2\n# EOF\n").Should().BeEmpty();
    }

    [Fact]
    public void Validate_ExemplarsOnCounterAndBucket_IsValid()
    {
        Validate("# TYPE c counter\nc_total 3 # {trace_id=\"abc\",span_id=\"d\"} 1.0 1700000000.5\nc_created 1700000000.0\n"
            + "# TYPE h histogram\nh_bucket{le=\"0.5\"} 1 # {trace_id=\"e\"} 0.25\nh_bucket{le=\"+Inf\"} 2\nh_sum 1.75\nh_count 2\n# EOF\n")
            .Should().BeEmpty();
    }

    [Fact]
    public void Validate_UnitDescriptor_IsValid()
    {
        Validate("# TYPE request_seconds histogram\n# UNIT request_seconds seconds\n# HELP request_seconds Latency.\n"
            + "request_seconds_bucket{le=\"0.1\"} 0\nrequest_seconds_bucket{le=\"+Inf\"} 0\nrequest_seconds_sum 0\nrequest_seconds_count 0\n# EOF\n")
            .Should().BeEmpty();
    }

    [Fact]
    public void Validate_NegativeBucketHistogramWithoutSumAndCount_IsValid()
    {
        Validate("# TYPE t histogram\nt_bucket{le=\"-10.0\"} 1\nt_bucket{le=\"0.0\"} 3\nt_bucket{le=\"+Inf\"} 4\n# EOF\n").Should().BeEmpty();
    }

    [Fact]
    public void Validate_SummaryWithNaNQuantile_IsValid()
    {
        Validate("# TYPE s summary\ns{quantile=\"0.5\"} NaN\ns{quantile=\"0.99\"} NaN\ns_sum 0\ns_count 0\n# EOF\n").Should().BeEmpty();
    }

    [Fact]
    public void Validate_GaugeAndCounterWithLabelsNamedQuantileAndLe_IsValid()
    {
        // Both parsers take these as ordinary labels on a counter or gauge (see LabelPlacementProblems).
        Validate("# TYPE g gauge\ng{quantile=\"0.5\",le=\"x\"} -1\ng{quantile=\"0.9\",le=\"x\"} NaN\n"
            + "# TYPE c counter\nc_total{le=\"1\"} 1\nc_total{le=\"2\"} 2\n# EOF\n").Should().BeEmpty();
    }

    [Fact]
    public void Validate_HistogramWithQuantileLabelAndSummaryWithLeLabel_IsValid()
    {
        // Each type reserves only its own label (see LabelPlacementProblems); the Python parser groups these as ordinary labels.
        Validate("# TYPE h histogram\nh_bucket{quantile=\"x\",le=\"+Inf\"} 1\nh_sum{quantile=\"x\"} 1\nh_count{quantile=\"x\"} 1\n"
            + "# TYPE s summary\ns{le=\"1\",quantile=\"0.5\"} 1\ns_sum{le=\"1\"} 1\ns_count{le=\"1\"} 1\n# EOF\n").Should().BeEmpty();
    }

    [Fact]
    public void Validate_HistogramWithSeveralSeries_IsValid()
    {
        Validate("# TYPE h histogram\n"
            + "h_bucket{a=\"1\",le=\"1.0\"} 1\nh_bucket{a=\"1\",le=\"+Inf\"} 2\nh_sum{a=\"1\"} 3.5\nh_count{a=\"1\"} 2\nh_created{a=\"1\"} 1700000000.0\n"
            + "h_bucket{a=\"2\",le=\"1.0\"} 0\nh_bucket{a=\"2\",le=\"+Inf\"} 0\nh_sum{a=\"2\"} 0\nh_count{a=\"2\"} 0\nh_created{a=\"2\"} 1700000000.0\n# EOF\n")
            .Should().BeEmpty();
    }

    private static List<string> Validate(string body) => OpenMetricsStructure.Validate(body);
}
