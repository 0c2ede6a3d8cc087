using Instrumentation.Instruments;

namespace Instrumentation.Tests.Instruments;

public sealed class CountExceptionsCounterExtensionsTests
{
    [Fact]
    public void CountExceptions_ActionThatThrows_CountsOnceAndTheSameExceptionEscapes()
    {
        using var metrics = new MetricFactory();
        var errors = metrics.CreateCounter("errors", "Errors");
        var thrown = new InvalidOperationException("boom");

        var act = () => errors.CountExceptions(() => throw thrown);

        act.Should().Throw<InvalidOperationException>().Which.Should().BeSameAs(thrown);
        errors.Value.Should().Be(1);
    }

    [Fact]
    public void CountExceptions_ThrownException_KeepsTheStackTraceOfWhereItWasThrown()
    {
        using var metrics = new MetricFactory();
        var errors = metrics.CreateCounter("errors", "Errors");

        var act = () => errors.CountExceptions(ThrowFromHere);

        act.Should().Throw<InvalidOperationException>().Which.StackTrace.Should().Contain(nameof(ThrowFromHere));
    }

    [Fact]
    public void CountExceptions_ActionThatCompletes_CountsNothing()
    {
        using var metrics = new MetricFactory();
        var errors = metrics.CreateCounter("errors", "Errors");
        var ran = false;

        errors.CountExceptions(() => ran = true);

        ran.Should().BeTrue();
        errors.Value.Should().Be(0);
    }

    [Fact]
    public void CountExceptions_FunctionResult_IsReturned()
    {
        using var metrics = new MetricFactory();
        var errors = metrics.CreateCounter("errors", "Errors");

        errors.CountExceptions(() => 42).Should().Be(42);
        errors.Value.Should().Be(0);
    }

    [Fact]
    public void CountExceptions_WithFilter_CountsOnlyMatchingExceptionsButAlwaysRethrows()
    {
        using var metrics = new MetricFactory();
        var errors = metrics.CreateCounter("errors", "Errors", labelNames: ["kind"]);
        var timeouts = errors.WithLabels("timeout");
        static bool IsTimeout(Exception e) => e is TimeoutException;

        var other = () => timeouts.CountExceptions(() => throw new ArgumentException("x"), IsTimeout);
        var timeout = () => timeouts.CountExceptions<int>(() => throw new TimeoutException(), IsTimeout);

        other.Should().Throw<ArgumentException>();
        timeout.Should().Throw<TimeoutException>();
        timeouts.Value.Should().Be(1);
    }

    [Fact]
    public async Task CountExceptionsAsync_TaskThatFaultsAfterAwaiting_IsCounted()
    {
        using var metrics = new MetricFactory();
        var errors = metrics.CreateCounter("errors", "Errors");
        var thrown = new InvalidOperationException("later");

        async Task FailLater()
        {
            await Task.Yield();
            throw thrown;
        }

        var act = () => errors.CountExceptionsAsync(FailLater);

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(thrown);
        errors.Value.Should().Be(1);
    }

    [Fact]
    public async Task CountExceptionsAsync_TaskOfT_ReturnsTheResultAndCountsFailures()
    {
        using var metrics = new MetricFactory();
        var errors = metrics.CreateCounter("errors", "Errors");

        (await errors.CountExceptionsAsync(() => Task.FromResult("ok"))).Should().Be("ok");
        var act = () => errors.CountExceptionsAsync<string>(() => Task.FromException<string>(new TimeoutException()));

        await act.Should().ThrowAsync<TimeoutException>();
        errors.Value.Should().Be(1);
    }

    [Fact]
    public async Task CountExceptionsAsync_ValueTasks_CountFailuresAndReturnResults()
    {
        using var metrics = new MetricFactory();
        var errors = metrics.CreateCounter("errors", "Errors");

        (await errors.CountExceptionsAsync(() => new ValueTask<int>(7))).Should().Be(7);
        await errors.CountExceptionsAsync(() => ValueTask.CompletedTask);
        var failing = async () => await errors.CountExceptionsAsync(() => ValueTask.FromException(new TimeoutException()));
        var failingOfT = async () => await errors.CountExceptionsAsync(() => ValueTask.FromException<int>(new TimeoutException()));

        await failing.Should().ThrowAsync<TimeoutException>();
        await failingOfT.Should().ThrowAsync<TimeoutException>();
        errors.Value.Should().Be(2);
    }

    [Fact]
    public async Task CountExceptionsAsync_CancelledTask_IsCountedUnlessFiltered()
    {
        using var metrics = new MetricFactory();
        var errors = metrics.CreateCounter("errors", "Errors");
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        var counted = () => errors.CountExceptionsAsync(() => Task.Delay(1000, cancel.Token));
        var filtered = () => errors.CountExceptionsAsync(() => Task.Delay(1000, cancel.Token), e => e is not OperationCanceledException);

        await counted.Should().ThrowAsync<TaskCanceledException>();
        await filtered.Should().ThrowAsync<TaskCanceledException>();
        errors.Value.Should().Be(1);
    }

    [Fact]
    public async Task CountExceptionsAsync_AsyncLambda_BindsWithoutACast()
    {
        using var metrics = new MetricFactory();
        var errors = metrics.CreateCounter("errors", "Errors");

        var act = () => errors.CountExceptionsAsync(async () =>
        {
            await Task.Yield();
            throw new TimeoutException();
        });
        var result = await errors.CountExceptionsAsync(async () =>
        {
            await Task.Yield();
            return 3;
        });

        await act.Should().ThrowAsync<TimeoutException>();
        result.Should().Be(3);
        errors.Value.Should().Be(1);
    }

    private static void ThrowFromHere() => throw new InvalidOperationException("here");
}
