using System.Diagnostics.CodeAnalysis;
using Instrumentation.Collectors;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers periodic <see cref="IMetricsCollector"/>s on an application builder, with <c>AddMetrics()</c>.</summary>
public static class CollectorHostApplicationBuilderExtensions
{
    /// <summary>Calls <c>AddMetrics()</c> and runs <typeparamref name="T"/> every 5 minutes, first one interval after start.</summary>
    /// <inheritdoc cref="AddCollector{T}(IHostApplicationBuilder, Action{CollectorOptions})" path="/exception"/>
    public static IHostApplicationBuilder AddCollector<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IHostApplicationBuilder builder)
        where T : class, IMetricsCollector =>
        builder.AddCollector<T>(static _ => { });

    /// <summary>Calls <c>AddMetrics()</c> and runs <typeparamref name="T"/> every <paramref name="interval"/>.</summary>
    /// <inheritdoc cref="AddCollector{T}(IHostApplicationBuilder, Action{CollectorOptions})" path="/exception"/>
    public static IHostApplicationBuilder AddCollector<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IHostApplicationBuilder builder, TimeSpan interval)
        where T : class, IMetricsCollector =>
        builder.AddCollector<T>(options => options.Interval = interval);

    /// <summary>Calls <c>AddMetrics()</c> and runs <typeparamref name="T"/> every <paramref name="interval"/> (<c>30s</c>, <c>5m</c>, <c>1h 30m</c>; see <see cref="IntervalParser"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="interval"/> is not a valid span; the message names it and the accepted units.</exception>
    public static IHostApplicationBuilder AddCollector<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IHostApplicationBuilder builder, string interval)
        where T : class, IMetricsCollector
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMetrics();
        builder.Services.AddCollector<T>(interval);
        return builder;
    }

    /// <summary>Calls <c>AddMetrics()</c> and schedules <typeparamref name="T"/> as <paramref name="configure"/> says.</summary>
    /// <exception cref="ArgumentException">The interval is not positive, the name is empty, or another collector already has that name.</exception>
    public static IHostApplicationBuilder AddCollector<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(
        this IHostApplicationBuilder builder,
        Action<CollectorOptions> configure)
        where T : class, IMetricsCollector
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMetrics();
        builder.Services.AddCollector<T>(configure);
        return builder;
    }
}
