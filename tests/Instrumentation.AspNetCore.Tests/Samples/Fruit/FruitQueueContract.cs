using System.Collections.Concurrent;
using global::Fruit.Data;

namespace Instrumentation.AspNetCore.Tests.Samples.Fruit;

/// <summary>
/// What every <see cref="IFruitQueueClient"/> must do, run against each implementation (the SQLite table and a
/// real RabbitMQ) by a subclass that supplies clients of one fresh, empty queue per test.
/// </summary>
public abstract class FruitQueueContract : IAsyncLifetime
{
    private readonly List<IFruitQueueClient> _clients = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            if (client is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task TryDequeue_OfAnEmptyQueue_ReturnsNull()
    {
        var queue = await ConnectAsync();

        (await queue.TryDequeueAsync(CancellationToken.None)).Should().BeNull();
        (await queue.CountAsync(CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public async Task Messages_ComeOutInTheOrderTheyWentIn_AndAreCountedUntilTaken()
    {
        var queue = await ConnectAsync();
        await queue.EnqueueAsync(new FruitMessage("apple", 1), CancellationToken.None);
        await queue.EnqueueAsync(new FruitMessage("banana", 2), CancellationToken.None);
        await queue.EnqueueAsync(new FruitMessage("cherry", 3), CancellationToken.None);

        (await queue.CountAsync(CancellationToken.None)).Should().Be(3);
        (await queue.TryDequeueAsync(CancellationToken.None)).Should().Be(new FruitMessage("apple", 1));
        (await queue.CountAsync(CancellationToken.None)).Should().Be(2);
        (await queue.TryDequeueAsync(CancellationToken.None)).Should().Be(new FruitMessage("banana", 2));
        (await queue.TryDequeueAsync(CancellationToken.None)).Should().Be(new FruitMessage("cherry", 3));
        (await queue.TryDequeueAsync(CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task AMessage_EnqueuedByOneClient_IsTakenByAnother()
    {
        var frontend = await ConnectAsync();
        var backend = await ConnectAsync();

        await frontend.EnqueueAsync(new FruitMessage("mango", 7), CancellationToken.None);

        (await backend.CountAsync(CancellationToken.None)).Should().Be(1);
        (await backend.TryDequeueAsync(CancellationToken.None)).Should().Be(new FruitMessage("mango", 7));
        (await frontend.CountAsync(CancellationToken.None)).Should().Be(0);
    }

    [Theory]
    [InlineData("durian", 1)]
    [InlineData("apple", 0)]
    public async Task Enqueue_OfAnInvalidMessage_Throws_AndQueuesNothing(string fruit, int quantity)
    {
        var queue = await ConnectAsync();

        var enqueue = () => queue.EnqueueAsync(new FruitMessage(fruit, quantity), CancellationToken.None);

        await enqueue.Should().ThrowAsync<ArgumentException>().WithMessage("*Not a valid fruit message*");
        (await queue.CountAsync(CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public async Task ConcurrentConsumers_OnTwoClients_TakeEveryMessageExactlyOnce()
    {
        var producer = await ConnectAsync();
        for (var i = 1; i <= 40; i++)
        {
            await producer.EnqueueAsync(new FruitMessage(FruitCatalog.Names[i % FruitCatalog.Names.Count], i), CancellationToken.None);
        }

        var consumers = new[] { await ConnectAsync(), await ConnectAsync() };
        var taken = new ConcurrentBag<FruitMessage>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            while (await consumers[i % 2].TryDequeueAsync(CancellationToken.None) is { } message)
            {
                taken.Add(message);
            }
        })));

        taken.Select(m => m.Quantity).Should().BeEquivalentTo(Enumerable.Range(1, 40), "each message is taken once, none lost");
        (await producer.CountAsync(CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public async Task Initialize_Again_KeepsTheMessages()
    {
        var queue = await ConnectAsync();
        await queue.EnqueueAsync(new FruitMessage("orange", 5), CancellationToken.None);

        await queue.InitializeAsync(CancellationToken.None);

        (await queue.TryDequeueAsync(CancellationToken.None)).Should().Be(new FruitMessage("orange", 5));
    }

    /// <summary>A new client (its own connection, as another process would have) of this test's queue, new and empty at first.</summary>
    protected abstract IFruitQueueClient CreateClient();

    private async Task<IFruitQueueClient> ConnectAsync()
    {
        var client = CreateClient();
        _clients.Add(client);
        await client.InitializeAsync(CancellationToken.None);
        return client;
    }
}
