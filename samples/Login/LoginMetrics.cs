using Instrumentation;
using Instrumentation.Instruments;

namespace Login;

/// <summary>The sample's own instruments, created once from the injected factory.</summary>
public sealed class LoginMetrics(MetricFactory metrics)
{
    /// <summary><c>successful_login_details_total</c>: logins with a known user name and its password.</summary>
    public Counter SuccessfulLogins { get; } = metrics.CreateCounter(
        "successful_login_details", "Successful logins");

    /// <summary><c>failed_login_details_total</c>: logins refused for an unknown user name or a wrong password.</summary>
    public Counter FailedLogins { get; } = metrics.CreateCounter(
        "failed_login_details", "Failed logins (unknown user name or wrong password)");

    /// <summary><c>total_users</c>: registered users, as last counted by <see cref="UserCountCollector"/>.</summary>
    public Gauge TotalUsers { get; } = metrics.CreateGauge(
        "total_users", "Registered users, counted by the users collector");
}
