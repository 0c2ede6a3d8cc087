using Instrumentation.Collection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Instrumentation.DefaultMetrics;

/// <summary>Registers the built-in metric sources that <c>AddMetrics()</c> adds to every scrape.</summary>
internal static class DefaultMetricsServiceCollectionExtensions
{
    public static IServiceCollection AddDefaultMetrics(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMetricsSource, ProcessMetricsSource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMetricsSource, RuntimeInfoMetricsSource>());
        return services;
    }
}
