using Instrumentation;

namespace TrimmedWorker;

/// <summary>
/// Charges orders. Marked on the interface, so the generator writes one decorator for any implementation,
/// <c>IPaymentGateway_InstrumentedDecorator</c>, registered with <c>AddInstrumentedIPaymentGateway&lt;TImplementation&gt;()</c>.
/// </summary>
[Counted]
[TrackInProgress]
public interface IPaymentGateway
{
    /// <summary>Charges the order's total and returns the receipt number.</summary>
    ValueTask<string> ChargeAsync(Order order, CancellationToken cancellationToken = default);
}
