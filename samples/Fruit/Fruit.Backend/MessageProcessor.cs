using Fruit.Data;
using Microsoft.Extensions.Options;

namespace Fruit.Backend;

/// <summary>
/// One worker job: takes the oldest message off the queue, simulates the delivery, writes the fruits to
/// the database and sometimes queues a follow-up order. Timed into <c>worker_job_duration_seconds</c> and
/// counted in <c>worker_messages_processed_total</c>. Thread-safe: workers share one instance.
/// </summary>
public sealed class MessageProcessor(
    IFruitQueueClient queue,
    IFruitStore store,
    BackendMetrics metrics,
    IOptions<BackendOptions> options,
    TimeProvider timeProvider)
{
    /// <summary>Processes one message; returns false when the queue was empty (nothing recorded).</summary>
    public async Task<bool> ProcessNextAsync(CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var message = await queue.TryDequeueAsync(cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            return false;
        }

        var settings = options.Value;
        var work = settings.MinWork + ((settings.MaxWork - settings.MinWork) * Random.Shared.NextDouble());
        await Task.Delay(work, timeProvider, cancellationToken).ConfigureAwait(false);
        await store.InsertAsync(message.Fruit, message.Quantity, cancellationToken).ConfigureAwait(false);
        if (Random.Shared.NextDouble() < settings.FollowUpProbability)
        {
            await queue.EnqueueAsync(new FruitMessage(FruitCatalog.Random(), Random.Shared.Next(1, 10)), cancellationToken)
                .ConfigureAwait(false);
            metrics.Generated.Inc();
        }

        metrics.JobDuration.Observe(timeProvider.GetElapsedTime(started).TotalSeconds);
        metrics.Processed.WithLabels(message.Fruit).Inc();
        return true;
    }
}
