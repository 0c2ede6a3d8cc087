using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fruit.Data;

/// <summary>
/// Connects to the fruit store and the queue when the host starts and creates what is missing, so a server that
/// cannot be reached stops the start with a message saying which setting to fix, instead of failing the first request.
/// </summary>
internal sealed partial class FruitStorageInitializer(IFruitStore store, IFruitQueueClient queue, ILogger<FruitStorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await queue.InitializeAsync(cancellationToken).ConfigureAwait(false);
        LogStorage(logger, store.Location, queue.Location);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Fruits in {Store}; orders in {Queue}")]
    private static partial void LogStorage(ILogger logger, string store, string queue);
}
