using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Instrumentation.AspNetCore.EndpointMetrics;

/// <summary>
/// Puts the endpoint metrics middleware at the very start of the app's pipeline, before routing, wherever the app
/// routes (see <see cref="EndpointMetricsMiddleware"/>), unless the app calls <c>UseEndpointMetrics()</c> itself.
/// Registered by <c>AddMetrics()</c> on a <c>WebApplicationBuilder</c>.
/// </summary>
internal sealed class EndpointMetricsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        EndpointMetricsPlacement.UseAutomatic(app);
        next(app);
    };
}
