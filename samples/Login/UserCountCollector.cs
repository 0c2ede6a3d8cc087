using Instrumentation.Collectors;

namespace Login;

/// <summary>Sets <c>total_users</c> from <c>SELECT COUNT(*)</c> on each run of the collector scheduler.</summary>
public sealed class UserCountCollector(IUserStore users, LoginMetrics metrics) : IMetricsCollector
{
    /// <inheritdoc/>
    public async Task CollectAsync(CancellationToken cancellationToken) =>
        metrics.TotalUsers.Set(await users.CountAsync(cancellationToken));
}
