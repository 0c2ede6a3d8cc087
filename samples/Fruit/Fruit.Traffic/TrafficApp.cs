using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fruit.Traffic;

/// <summary>Builds the traffic generator as a host of its own, for the launcher.</summary>
public static class TrafficApp
{
    /// <summary>Creates a generic host running <see cref="TrafficService"/>; <paramref name="configure"/> runs last.</summary>
    public static IHost Create(TrafficSettings settings, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder([]);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<TrafficStats>();
        builder.Services.AddHostedService<TrafficService>();
        configure?.Invoke(builder);
        return builder.Build();
    }
}
