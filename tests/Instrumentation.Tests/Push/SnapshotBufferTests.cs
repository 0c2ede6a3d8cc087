using Instrumentation.Push;

namespace Instrumentation.Tests.Push;

public sealed class SnapshotBufferTests
{
    private static PendingSnapshot Snapshot(byte id) => new([id], DateTimeOffset.UnixEpoch.AddSeconds(id));

    [Fact]
    public void Add_PastCapacity_DropsTheOldest()
    {
        var buffer = new SnapshotBuffer(2);

        buffer.Add(Snapshot(1)).Should().Be(0);
        buffer.Add(Snapshot(2)).Should().Be(0);
        buffer.Add(Snapshot(3)).Should().Be(1);

        buffer.Count.Should().Be(2);
        buffer.TryTake(out var first).Should().BeTrue();
        first.Body.Should().Equal(2);
        buffer.TryTake(out var second).Should().BeTrue();
        second.Body.Should().Equal(3);
        buffer.TryTake(out _).Should().BeFalse();
    }

    [Fact]
    public void PutBack_KeepsTheSnapshotFirst()
    {
        var buffer = new SnapshotBuffer(3);
        buffer.Add(Snapshot(1));
        buffer.Add(Snapshot(2));
        buffer.TryTake(out var taken);

        buffer.PutBack(taken).Should().Be(0);

        buffer.TryTake(out var first);
        first.Body.Should().Equal(1);
    }

    [Fact]
    public void PutBack_WhenNewerSnapshotsFilledTheBuffer_DropsThePutBackOne()
    {
        var buffer = new SnapshotBuffer(2);
        buffer.Add(Snapshot(1));
        buffer.TryTake(out var inFlight);
        buffer.Add(Snapshot(2));
        buffer.Add(Snapshot(3));

        buffer.PutBack(inFlight).Should().Be(1);

        buffer.Count.Should().Be(2);
        buffer.TryTake(out var first);
        first.Body.Should().Equal(2);
    }

    [Fact]
    public void Add_WhenLatestOnly_SupersedesTheWaitingSnapshotWithoutCountingADrop()
    {
        var buffer = new SnapshotBuffer(20, latestOnly: true);

        buffer.Add(Snapshot(1)).Should().Be(0);
        buffer.Add(Snapshot(2)).Should().Be(0);

        buffer.Count.Should().Be(1);
        buffer.TryTake(out var only).Should().BeTrue();
        only.Body.Should().Equal(2);
    }

    [Fact]
    public void PutBack_WhenLatestOnlyAndANewerSnapshotArrived_DiscardsThePutBackOneWithoutCountingADrop()
    {
        var buffer = new SnapshotBuffer(20, latestOnly: true);
        buffer.Add(Snapshot(1));
        buffer.TryTake(out var inFlight);
        buffer.Add(Snapshot(2));

        buffer.PutBack(inFlight).Should().Be(0);

        buffer.Count.Should().Be(1);
        buffer.TryTake(out var first);
        first.Body.Should().Equal(2);
    }

    [Fact]
    public void PutBack_WhenLatestOnlyAndNothingNewer_KeepsTheSnapshot()
    {
        var buffer = new SnapshotBuffer(20, latestOnly: true);
        buffer.Add(Snapshot(1));
        buffer.TryTake(out var inFlight);

        buffer.PutBack(inFlight).Should().Be(0);

        buffer.TryTake(out var first).Should().BeTrue();
        first.Body.Should().Equal(1);
    }
}
