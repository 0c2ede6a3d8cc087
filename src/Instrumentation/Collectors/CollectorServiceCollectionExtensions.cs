using System.Diagnostics.CodeAnalysis;
using Instrumentation.Collectors;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers periodic <see cref="IMetricsCollector"/>s, run by one hosted service.</summary>
/// <remarks>
/// The collectors need the <see cref="Instrumentation.MetricFactory"/> that <c>builder.AddMetrics()</c>
/// registers; <c>builder.AddCollector&lt;T&gt;()</c> calls it for you, and without it the host fails to
/// start with a message saying so.
/// </remarks>
public static class CollectorServiceCollectionExtensions
{
    /// <summary>Runs <typeparamref name="T"/> every 5 minutes (<see cref="CollectorOptions.DefaultInterval"/>), first one interval after start.</summary>
    /// <inheritdoc cref="AddCollector{T}(IServiceCollection, Action{CollectorOptions})" path="/exception"/>
    public static IServiceCollection AddCollector<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IServiceCollection services)
        where T : class, IMetricsCollector =>
        services.AddCollector<T>(static _ => { });

    /// <summary>Runs <typeparamref name="T"/> every <paramref name="interval"/>, first one interval after start.</summary>
    /// <inheritdoc cref="AddCollector{T}(IServiceCollection, Action{CollectorOptions})" path="/exception"/>
    public static IServiceCollection AddCollector<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IServiceCollection services, TimeSpan interval)
        where T : class, IMetricsCollector =>
        services.AddCollector<T>(options => options.Interval = interval);

    /// <summary>
    /// Runs <typeparamref name="T"/> every <paramref name="interval"/>, a span such as <c>30s</c>, <c>5m</c>
    /// or <c>1h 30m</c> (see <see cref="IntervalParser"/>), first one interval after start.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="interval"/> is not a valid span; the message names it and the accepted units.</exception>
    /// <inheritdoc cref="AddCollector{T}(IServiceCollection, Action{CollectorOptions})" path="/exception"/>
    public static IServiceCollection AddCollector<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IServiceCollection services, string interval)
        where T : class, IMetricsCollector
    {
        if (!IntervalParser.TryParse(interval, out var parsed, out var error))
        {
            throw new ArgumentException($"Collector {typeof(T).Name}: {error}", nameof(interval));
        }

        return services.AddCollector<T>(options => options.Interval = parsed);
    }

    /// <summary>
    /// Registers <typeparamref name="T"/> as a singleton (unless already registered) and schedules it as
    /// <paramref name="configure"/> says. The same type may be registered again under another name.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The interval is not positive, the name is empty, or another collector already has that name.
    /// </exception>
    public static IServiceCollection AddCollector<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(
        this IServiceCollection services,
        Action<CollectorOptions> configure)
        where T : class, IMetricsCollector
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new CollectorOptions();
        configure(options);
        var name = options.Name ?? typeof(T).Name;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"Collector {typeof(T).Name}: CollectorOptions.Name is empty; leave it null for the class name or give a name.", nameof(configure));
        }

        if (options.Interval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Collector {name}: CollectorOptions.Interval is {options.Interval}; it must be longer than zero, for example 30 seconds.", nameof(configure));
        }

        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(CollectorRegistration)
                && descriptor.ImplementationInstance is CollectorRegistration existing
                && existing.Name == name)
            {
                throw new ArgumentException(
                    $"A collector named '{name}' is already registered ({existing.CollectorType.Name}); give this one another CollectorOptions.Name.", nameof(configure));
            }
        }

        services.TryAddSingleton<T>();
        services.AddSingleton(new CollectorRegistration(name, typeof(T), options.Interval, options.RunAtStart, static provider => provider.GetRequiredService<T>()));
        services.TryAddSingleton<CollectorRunners>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CollectorScheduler>());
        return services;
    }
}
