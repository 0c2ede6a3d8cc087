using Instrumentation;

namespace TrimmedWorker;

/// <summary>
/// An in-memory order store. The attributes make the generator write <c>OrderStore_InstrumentedDecorator</c>
/// and <c>AddInstrumentedIOrderStore()</c>: every call timed into <c>method_duration_seconds</c> and counted
/// into <c>method_calls_total</c>, labelled <c>class="OrderStore"</c> and the method name.
/// </summary>
[Timed]
[Counted]
public sealed class OrderStore : IOrderStore
{
    private readonly Dictionary<int, Order> _orders = new()
    {
        [1] = new Order(1, Items: 3, Total: 12.50),
        [2] = new Order(2, Items: 1, Total: 4.00),
        [3] = new Order(3, Items: 5, Total: 30.00),
        [4] = new Order(4, Items: 2, Total: 8.50),
    };

    /// <inheritdoc/>
    public async Task<Order?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        // Completes later, as a database call would: the decorator times the task until it completes.
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return _orders.GetValueOrDefault(id);
    }

    /// <inheritdoc/>
    public void Cancel(int id)
    {
        if (!_orders.Remove(id))
        {
            throw new InvalidOperationException($"There is no order {id} to cancel.");
        }
    }

    /// <inheritdoc/>
    public int Count() => _orders.Count;
}
