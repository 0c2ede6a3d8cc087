using Instrumentation.Naming;
using Instrumentation.OpenTelemetry;

namespace Instrumentation.Tests.OpenTelemetry;

public sealed class PrometheusNamingTests
{
    [Theory]
    // Semantic-convention names seen in ASP.NET Core, Kestrel and the runtime.
    [InlineData("http.server.request.duration", "s", false, "http_server_request_duration_seconds")]
    [InlineData("kestrel.active_connections", "{connection}", false, "kestrel_active_connections")]
    [InlineData("process.runtime.dotnet.gc.heap.size", "By", false, "process_runtime_dotnet_gc_heap_size_bytes")]
    [InlineData("dotnet.gc.collections", "{collection}", true, "dotnet_gc_collections")]
    [InlineData("dotnet.process.cpu.time", "s", true, "dotnet_process_cpu_time_seconds")]
    [InlineData("db.client.operation.duration", "ms", false, "db_client_operation_duration_milliseconds")]
    [InlineData("system.network.io", "By", true, "system_network_io_bytes")]
    // UCUM units.
    [InlineData("cache.size", "KiBy", false, "cache_size_kibibytes")]
    [InlineData("throughput", "By/s", false, "throughput_bytes_per_second")]
    [InlineData("request.rate", "{request}/s", false, "request_rate_per_second")]
    [InlineData("cpu.utilization", "1", false, "cpu_utilization")]
    [InlineData("room.temperature", "Cel", false, "room_temperature_celsius")]
    [InlineData("disk.usage", "%", false, "disk_usage_percent")]
    [InlineData("annotated", "{a}{b}", false, "annotated")]
    [InlineData("no.unit", null, false, "no_unit")]
    [InlineData("blank.unit", " ", false, "blank_unit")]
    // Unit already in the name.
    [InlineData("request_duration_seconds", "s", false, "request_duration_seconds")]
    [InlineData("jobs.seconds.total", "s", true, "jobs_seconds")]
    [InlineData("session.milliseconds", "s", false, "session_milliseconds_seconds")]
    // Counters lose a trailing _total (written back by the exposition); other kinds keep it.
    [InlineData("http.requests.total", null, true, "http_requests")]
    [InlineData("http.requests.total", null, false, "http_requests_total")]
    [InlineData("http.requests_total", "By", true, "http_requests_bytes")]
    [InlineData("total", null, true, "total")]
    // Characters outside [a-zA-Z0-9_:], repeated underscores, leading digits.
    [InlineData("my-app/queue depth", null, false, "my_app_queue_depth")]
    [InlineData("a..b__c", null, false, "a_b_c")]
    [InlineData("ns:metric.x", null, false, "ns:metric_x")]
    [InlineData("2xx.responses", null, true, "_2xx_responses")]
    [InlineData("__private.value", null, false, "_private_value")]
    [InlineData("caf\u00e9.visits", null, true, "caf_visits")]
    [InlineData("already_valid_name", null, false, "already_valid_name")]
    public void ToMetricName_ConvertsToPrometheusRules(string otelName, string? unit, bool isCounter, string expected)
    {
        var name = PrometheusNaming.ToMetricName(otelName, unit, isCounter);

        name.Should().Be(expected);
        MetricNameRules.IsValidMetricName(name).Should().BeTrue();
        name.Should().NotStartWith("__");
    }

    [Theory]
    [InlineData("http.request.method", "http_request_method")]
    [InlineData("server.port", "server_port")]
    [InlineData("gc.heap.generation", "gc_heap_generation")]
    [InlineData("1st", "_1st")]
    [InlineData("__reserved", "_reserved")]
    [InlineData("a:b", "a_b")]
    [InlineData("kebab-case key", "kebab_case_key")]
    [InlineData("plain", "plain")]
    public void ToLabelName_ConvertsToPrometheusRules(string otelName, string expected)
    {
        var name = PrometheusNaming.ToLabelName(otelName);

        name.Should().Be(expected);
        MetricNameRules.IsValidLabelName(name).Should().BeTrue();
    }

    [Theory]
    [InlineData("s", "seconds")]
    [InlineData("ms", "milliseconds")]
    [InlineData("us", "microseconds")]
    [InlineData("ns", "nanoseconds")]
    [InlineData("min", "minutes")]
    [InlineData("By", "bytes")]
    [InlineData("KiBy", "kibibytes")]
    [InlineData("MiBy", "mebibytes")]
    [InlineData("By/s", "bytes_per_second")]
    [InlineData("m/s", "meters_per_second")]
    [InlineData("{packet}/s", "per_second")]
    [InlineData("1/s", "per_second")]
    [InlineData("1", "")]
    [InlineData("{request}", "")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("widgets", "widgets")]
    [InlineData("odd unit!", "odd_unit")]
    public void ToUnit_MapsUcumToPrometheusUnitWords(string? ucum, string expected)
    {
        PrometheusNaming.ToUnit(ucum).Should().Be(expected);
    }

    [Theory]
    [InlineData("request_duration_seconds", "seconds", true)]
    [InlineData("seconds", "seconds", true)]
    [InlineData("request_durationseconds", "seconds", false)]
    [InlineData("request_duration_seconds", "", false)]
    [InlineData("request_bytes", "seconds", false)]
    public void EndsWithUnit_RequiresAnUnderscoreBeforeTheUnit(string name, string unit, bool expected)
    {
        PrometheusNaming.EndsWithUnit(name, unit).Should().Be(expected);
    }

    [Fact]
    public void ToMetricName_EmptyName_Throws()
    {
        var empty = () => PrometheusNaming.ToMetricName(string.Empty, "s", isCounter: false);
        var emptyLabel = () => PrometheusNaming.ToLabelName(string.Empty);

        empty.Should().Throw<ArgumentException>();
        emptyLabel.Should().Throw<ArgumentException>();
    }
}
