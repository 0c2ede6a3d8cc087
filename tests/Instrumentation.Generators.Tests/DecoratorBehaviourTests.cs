using Instrumentation.Generators.Tests.TestSupport;
using Instrumentation.Generators.Tests.TestSupport.Services;
using Instrumentation.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Instrumentation.Generators.Tests;

/// <summary>Runs the generated decorator of a class marked <c>[Timed, Counted, TrackInProgress]</c> and reads what it recorded.</summary>
public sealed class DecoratorBehaviourTests(CompiledFruitService compiled) : IClassFixture<CompiledFruitService>, IDisposable
{
    private const string Duration = "method_duration_seconds";
    private const string Calls = "method_calls_total";
    private const string InProgress = "method_calls_in_progress";

    private readonly MetricFactory _factory = new();
    private readonly FruitFake _inner = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public void SyncCall_ReturnsInnerResult_AndRecordsSuccess()
    {
        var service = compiled.Decorate(_inner, _factory);

        service.Count("apple").Should().Be(5);

        _factory.GetHistogram(Duration, "FruitService", "Count", "none").Count.Should().Be(1);
        _factory.GetValue(Calls, "FruitService", "Count", "success", "none").Should().Be(1);
        _factory.GetValue(InProgress, "FruitService", "Count").Should().Be(0);
    }

    [Fact]
    public void ThrowingCall_PropagatesTheSameException_AndRecordsFailureWithItsTypeName()
    {
        var service = compiled.Decorate(_inner, _factory);

        var act = () => service.Plant("rotten");

        act.Should().Throw<InvalidOperationException>().WithMessage("rotten fruit cannot be planted")
            .Which.StackTrace.Should().Contain(nameof(FruitFake.Plant));
        _factory.GetHistogram(Duration, "FruitService", "Plant", "InvalidOperationException").Count.Should().Be(1);
        _factory.GetValue(Calls, "FruitService", "Plant", "failure", "InvalidOperationException").Should().Be(1);
        _factory.GetValue(InProgress, "FruitService", "Plant").Should().Be(0);
    }

    [Fact]
    public async Task TaskOfT_IsTimedUntilItCompletes_WithTheGaugeRaisedMeanwhile()
    {
        _inner.PendingFind = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = compiled.Decorate(_inner, _factory);

        var find = service.FindAsync(7);
        _factory.GetValue(InProgress, "FruitService", "FindAsync").Should().Be(1);
        var pendingCalls = () => _factory.GetValue(Calls, "FruitService", "FindAsync", "success", "none");
        pendingCalls().Should().Be(0);

        await Task.Delay(20);
        _inner.PendingFind.SetResult("pear");

        (await find).Should().Be("pear");
        var duration = _factory.GetHistogram(Duration, "FruitService", "FindAsync", "none");
        duration.Count.Should().Be(1);
        duration.Sum.Should().BeGreaterThanOrEqualTo(0.015);
        pendingCalls().Should().Be(1);
        _factory.GetValue(InProgress, "FruitService", "FindAsync").Should().Be(0);
    }

    [Fact]
    public async Task ValueTaskOfT_CompletingAsynchronously_ReturnsTheResult_AndRecordsSuccess()
    {
        var service = compiled.Decorate(_inner, _factory);

        (await service.WeighAsync("fig")).Should().Be(30);
        await service.RipenAsync();

        _factory.GetValue(Calls, "FruitService", "WeighAsync", "success", "none").Should().Be(1);
        _factory.GetValue(Calls, "FruitService", "RipenAsync", "success", "none").Should().Be(1);
    }

    [Fact]
    public async Task Task_CompletingLater_IsRecordedAsSuccessWhenItCompletes()
    {
        var service = compiled.Decorate(_inner, _factory);

        var save = service.SaveAsync("apple");
        await save;

        _factory.GetHistogram(Duration, "FruitService", "SaveAsync", "none").Count.Should().Be(1);
        _factory.GetValue(Calls, "FruitService", "SaveAsync", "success", "none").Should().Be(1);
        _factory.GetValue(InProgress, "FruitService", "SaveAsync").Should().Be(0);
    }

    [Fact]
    public async Task TaskFaultingLater_PropagatesTheSameException_AndRecordsItsTypeName()
    {
        _inner.PendingFind = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = compiled.Decorate(_inner, _factory);
        var missing = new KeyNotFoundException("no fruit 9");

        var find = service.FindAsync(9);
        _inner.PendingFind.SetException(missing);

        (await find.Invoking(t => t).Should().ThrowAsync<KeyNotFoundException>()).Which.Should().BeSameAs(missing);
        _factory.GetHistogram(Duration, "FruitService", "FindAsync", "KeyNotFoundException").Count.Should().Be(1);
        _factory.GetValue(Calls, "FruitService", "FindAsync", "failure", "KeyNotFoundException").Should().Be(1);
        _factory.GetValue(InProgress, "FruitService", "FindAsync").Should().Be(0);
    }

    [Fact]
    public async Task ValueTask_CompletingAsynchronously_RecordsSuccessAndFailure()
    {
        var service = compiled.Decorate(_inner, _factory);

        await service.StoreAsync("plum");
        var rotten = async () => await service.StoreAsync("rotten");

        await rotten.Should().ThrowAsync<InvalidOperationException>().WithMessage("rotten fruit cannot be stored");
        _factory.GetValue(Calls, "FruitService", "StoreAsync", "success", "none").Should().Be(1);
        _factory.GetValue(Calls, "FruitService", "StoreAsync", "failure", "InvalidOperationException").Should().Be(1);
        _factory.GetHistogram(Duration, "FruitService", "StoreAsync", "InvalidOperationException").Count.Should().Be(1);
        _factory.GetValue(InProgress, "FruitService", "StoreAsync").Should().Be(0);
    }

    [Fact]
    public async Task CancelledTask_IsRecordedAsOperationCanceledException()
    {
        var service = compiled.Decorate(_inner, _factory);
        using var cancellation = new CancellationTokenSource();

        var save = service.SaveAsync("slow", cancellation.Token);
        await cancellation.CancelAsync();

        await save.Invoking(t => t).Should().ThrowAsync<TaskCanceledException>();
        _factory.GetHistogram(Duration, "FruitService", "SaveAsync", "OperationCanceledException").Count.Should().Be(1);
        _factory.GetValue(Calls, "FruitService", "SaveAsync", "failure", "OperationCanceledException").Should().Be(1);
        _factory.GetValue(InProgress, "FruitService", "SaveAsync").Should().Be(0);
    }

    [Fact]
    public async Task AsyncEnumerableAbandonedHalfWay_IsRecordedOnceWhenDisposed()
    {
        var service = compiled.Decorate(_inner, _factory);

        await foreach (var fruit in service.StreamAsync(10))
        {
            _factory.GetValue(InProgress, "FruitService", "StreamAsync").Should().Be(1);
            if (_inner.Yielded == 3)
            {
                break;
            }
        }

        _inner.StreamDisposed.Should().BeTrue();
        _factory.GetHistogram(Duration, "FruitService", "StreamAsync", "none").Count.Should().Be(1);
        _factory.GetValue(Calls, "FruitService", "StreamAsync", "success", "none").Should().Be(1);
        _factory.GetValue(InProgress, "FruitService", "StreamAsync").Should().Be(0);
    }

    [Fact]
    public async Task AsyncEnumerableEnumeratedToTheEnd_IsRecordedOnce()
    {
        var service = compiled.Decorate(_inner, _factory);

        var items = new List<string>();
        await foreach (var fruit in service.StreamAsync(2))
        {
            items.Add(fruit);
        }

        items.Should().Equal("fruit0", "fruit1");
        _factory.GetValue(Calls, "FruitService", "StreamAsync", "success", "none").Should().Be(1);
    }

    [Fact]
    public void GenericMethods_ForwardTypeArguments_AndRecordUnderTheMethodName()
    {
        var service = compiled.Decorate(_inner, _factory);

        service.Echo(42).Should().Be(42);
        service.Convert<object, string>("kiwi").Should().Be("kiwi");
        service.Convert<object, string>(3).Should().BeNull();

        _factory.GetValue(Calls, "FruitService", "Echo", "success", "none").Should().Be(1);
        _factory.GetValue(Calls, "FruitService", "Convert", "success", "none").Should().Be(2);
    }

    [Fact]
    public void RefOutInAndDefaultParameters_AreForwarded()
    {
        var service = compiled.Decorate(_inner, _factory);
        int a = 1, b = 2;

        service.TryParse("12", out var parsed).Should().BeTrue();
        service.Swap(ref a, ref b);
        var five = 5;

        parsed.Should().Be(12);
        (a, b).Should().Be((2, 1));
        service.Sum(in five).Should().Be(7, "the interface's default value b = 2 applies");
        service.Sum(1, 2, 3).Should().Be(6);
        _factory.GetValue(Calls, "FruitService", "Sum", "success", "none").Should().Be(2, "overloads share the method label");
        _factory.GetValue(Calls, "FruitService", "TryParse", "success", "none").Should().Be(1);
    }

    [Fact]
    public void PropertiesAndEvents_AreForwardedWithoutRecording()
    {
        var service = compiled.Decorate(_inner, _factory);
        var raised = 0;

        service.Name = "orchard";
        service.Changed += (_, _) => raised++;
        service.Plant("plum");

        _inner.Name.Should().Be("orchard");
        service.Name.Should().Be("orchard");
        raised.Should().Be(1);
    }

    [Fact]
    public void GeneratedRegistration_ResolvesTheDecoratorAroundTheImplementation()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_factory);
        compiled.Register(services);
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        var service = scope.ServiceProvider.GetRequiredService<IFruitService>();

        service.GetType().Name.Should().Be("FruitService_InstrumentedDecorator");
        service.Count("lime").Should().Be(4);
        _factory.GetValue(Calls, "FruitService", "Count", "success", "none").Should().Be(1);
    }
}
