using System.Globalization;

namespace TrimmedWorker;

/// <summary>A payment gateway that accepts every charge at once.</summary>
public sealed class FakePaymentGateway : IPaymentGateway
{
    /// <inheritdoc/>
    public ValueTask<string> ChargeAsync(Order order, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult("receipt-" + order.Id.ToString(CultureInfo.InvariantCulture));
}
