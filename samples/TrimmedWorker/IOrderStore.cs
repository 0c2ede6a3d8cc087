namespace TrimmedWorker;

/// <summary>Where orders are kept.</summary>
public interface IOrderStore
{
    /// <summary>Finds an order, or null when there is none with that number.</summary>
    Task<Order?> FindAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>Cancels an order.</summary>
    /// <exception cref="InvalidOperationException">There is no order with that number.</exception>
    void Cancel(int id);

    /// <summary>How many orders are kept.</summary>
    int Count();
}
