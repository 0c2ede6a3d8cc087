using Instrumentation.AspNetCore.Tests.Samples.Fruit;
using Instrumentation.AspNetCore.Tests.TestSupport;

namespace Instrumentation.AspNetCore.Tests.Samples.TrimmedWorker;

/// <summary>
/// samples/TrimmedWorker published trimmed and self-contained, then run as a native executable: the
/// generated decorators, the instruments, the host and the exposition work with the trimmer's cuts,
/// so nothing on those paths needs reflection over code the trimmer cannot see.
/// </summary>
public sealed class TrimmedWorkerTests(TrimmedWorkerPublish worker) : IClassFixture<TrimmedWorkerPublish>
{
    [Fact]
    public void Publish_RunsTheTrimmer_WithoutTrimmingOrAotWarnings()
    {
        worker.PublishLog.Should().Contain("Optimizing assemblies for size", "the trimmer (ILLink) should have run");
        worker.PublishLog.Should().NotMatchRegex(@"\bIL[23]\d{3}\b", "a trim or AOT warning means some path needs reflection the trimmer cannot see");
    }

    [Fact]
    public void Publish_TrimsTheLibraryItself()
    {
        var untrimmed = RepositoryPaths.Of("samples", "TrimmedWorker", "bin", "Release", "net10.0", worker.RuntimeIdentifier, "Instrumentation.dll");
        var trimmed = Path.Combine(worker.PublishDirectory, "Instrumentation.dll");

        new FileInfo(trimmed).Length.Should().BeLessThan(new FileInfo(untrimmed).Length, "members the worker does not use should have been removed from Instrumentation.dll");
    }

    [Fact]
    public void Run_ExitsCleanly_AfterWritingTheExposition()
    {
        worker.ExitCode.Should().Be(0, "the worker's log was:\n" + worker.Log);
        worker.Log.Should().Contain("4 orders remain");
        worker.Exposition.Should().Contain("# TYPE method_duration_seconds histogram");
    }

    [Fact]
    public void ClassMarkedService_GeneratedDecorator_TimesAndCountsEveryCallWithItsOutcome()
    {
        Value("method_duration_seconds_count{class=\"OrderStore\",method=\"FindAsync\",exception=\"none\"}").Should().Be(5);
        Value("method_calls_total{class=\"OrderStore\",method=\"FindAsync\",result=\"success\",exception=\"none\"}").Should().Be(5);
        Value("method_duration_seconds_count{class=\"OrderStore\",method=\"Cancel\",exception=\"InvalidOperationException\"}").Should().Be(1);
        Value("method_calls_total{class=\"OrderStore\",method=\"Cancel\",result=\"failure\",exception=\"InvalidOperationException\"}").Should().Be(1);
        Value("method_calls_total{class=\"OrderStore\",method=\"Cancel\",result=\"success\",exception=\"none\"}").Should().Be(0);
        Value("method_duration_seconds_count{class=\"OrderStore\",method=\"Count\",exception=\"none\"}").Should().Be(1);
        Value("method_duration_seconds_sum{class=\"OrderStore\",method=\"FindAsync\",exception=\"none\"}").Should().BePositive("FindAsync completes asynchronously and is timed until it does");
    }

    [Fact]
    public void InterfaceMarkedService_GeneratedDecorator_CountsCallsAndTracksThemInProgress()
    {
        Value("method_calls_total{class=\"FakePaymentGateway\",method=\"ChargeAsync\",result=\"success\",exception=\"none\"}").Should().Be(4);
        Value("method_calls_in_progress{class=\"FakePaymentGateway\",method=\"ChargeAsync\"}").Should().Be(0);
    }

    [Fact]
    public void PlainInstruments_ReportWhatTheWorkerRecorded()
    {
        Value("worker_orders_processed_total").Should().Be(4);
        Value("worker_order_value_dollars_bucket{le=\"10\"}").Should().Be(2);
        Value("worker_order_value_dollars_sum").Should().Be(55);
        Value("worker_order_value_dollars_count").Should().Be(4);
        Value("worker_order_items{quantile=\"0.5\"}").Should().Be(2, "items 1, 2, 3 and 5: the median is the value of rank ceil(0.5 * 4) = 2");
        Value("worker_order_items_sum").Should().Be(11);
        Value("worker_order_items_count").Should().Be(4);
    }

    [Fact]
    public void DefaultMeters_ThroughTheOpenTelemetrySdk_AreExposedToo()
    {
        Value("process_start_time_seconds").Should().BePositive();
        Value("dotnet_assembly_count").Should().BePositive();
    }

    private double? Value(string series) =>
        MetricsText.Value(worker.Exposition, series) ?? throw new InvalidOperationException($"No '{series}' line in the worker's output:\n{worker.Exposition}");
}
