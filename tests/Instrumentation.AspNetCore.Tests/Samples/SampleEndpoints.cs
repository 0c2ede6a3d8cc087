extern alias HandlersSample;

using global::Fruit.Frontend;
using HandlersSample::Handlers;
using Instrumentation.AspNetCore.Tests.Samples.Login;
using Instrumentation.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Instrumentation.AspNetCore.Tests.Samples;

/// <summary>The routes each sample maps, by the port it serves them on, read from the built apps (nothing is started on a port).</summary>
internal static class SampleEndpoints
{
    /// <summary>One mapped route: its pattern (<c>/auth/login</c>) and HTTP methods (empty for any).</summary>
    public sealed record Route(string Pattern, IReadOnlyList<string> Methods);

    public static async Task<Dictionary<int, List<Route>>> ByPortAsync(string sample, IReadOnlySet<int> ports) => sample switch
    {
        "Login" => ForEveryPort(ports, await RoutesOfAsync(new LoginAppFactory())),
        "Handlers" => ForEveryPort(ports, await RoutesOfAsync(new WebApplicationFactory<HandlersApp>())),
        "Fruit" => await FruitAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(sample), sample, "Not a sample with a web app."),
    };

    private static async Task<Dictionary<int, List<Route>>> FruitAsync()
    {
        await using var frontend = FrontendApp.Create([]);
        var routes = Of(((IEndpointRouteBuilder)frontend).DataSources);
        return new()
        {
            [new Uri(FrontendApp.DefaultUrl).Port] = routes,
            [new MetricsServerOptions().Port] = [new Route(new MetricsOptions().Path, ["GET"])],
        };
    }

    private static async Task<List<Route>> RoutesOfAsync<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory)
        where TEntryPoint : class
    {
        await using (factory)
        {
            return Of(factory.Services.GetServices<EndpointDataSource>());
        }
    }

    private static List<Route> Of(IEnumerable<EndpointDataSource> sources) =>
        sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => new Route(
                "/" + e.RoutePattern.RawText!.TrimStart('/'),
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods.ToList() ?? []))
            .ToList();

    private static Dictionary<int, List<Route>> ForEveryPort(IReadOnlySet<int> ports, List<Route> routes) =>
        ports.ToDictionary(port => port, _ => routes);
}
