namespace Fruit.Data;

/// <summary>
/// The first-in first-out queue of orders between the frontend and the backend, possibly in two processes.
/// A dequeued message is gone: two consumers never get the same one. Implementations: an SQLite table (the
/// embedded default) and RabbitMQ, chosen by <see cref="FruitOptions.QueueProvider"/>. Thread-safe.
/// </summary>
public interface IFruitQueueClient
{
    /// <summary>Where the orders wait, for start-up messages (never a password), e.g. <c>SQLite file /tmp/fruit-shop.db</c>.</summary>
    string Location { get; }

    /// <summary>Connects and declares the queue if it does not exist; fails with how to fix it when the queue cannot be reached.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Appends <paramref name="message"/>.</summary>
    /// <exception cref="ArgumentException">The fruit is not in the catalog or the quantity is below 1.</exception>
    Task EnqueueAsync(FruitMessage message, CancellationToken cancellationToken);

    /// <summary>Removes and returns the oldest message, or null when the queue is empty.</summary>
    Task<FruitMessage?> TryDequeueAsync(CancellationToken cancellationToken);

    /// <summary>How many messages wait.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);
}
