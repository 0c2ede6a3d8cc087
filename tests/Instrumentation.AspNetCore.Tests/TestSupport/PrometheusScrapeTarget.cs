using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// An app on real Kestrel at 127.0.0.1 for a real Prometheus to scrape: <c>/metrics</c> with our meters and
/// ASP.NET Core's only, <c>/hello</c> to give ASP.NET Core's meters a request to count, and the content type of
/// every <c>/metrics</c> answer kept, so a test can tell which format Prometheus asked for. Built, not started:
/// the test records its metrics on <see cref="Metrics"/>, then calls <see cref="StartAsync"/>.
/// </summary>
internal sealed class PrometheusScrapeTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<string> _servedContentTypes = [];

    private PrometheusScrapeTarget(Action<IServiceCollection>? addServices)
    {
        Port = FreePort.Next();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        // System.Runtime names a few gauges "*.count" (dotnet_assembly_count), which promtool's style lint
        // flags; its parse is clean. Our own output and ASP.NET Core's meters must pass the lint too.
        builder.AddMetrics(options =>
        {
            options.IncludeDefaultMeters = false;
            options.Meters.Add("Microsoft.AspNetCore.*");
        });
        addServices?.Invoke(builder.Services);
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Request.Path == "/metrics")
            {
                lock (_servedContentTypes)
                {
                    _servedContentTypes.Add(context.Response.ContentType ?? string.Empty);
                }
            }
        });
        _app.MapMetrics();
        _app.MapGet("/hello", () => "hi");
    }

    public int Port { get; }

    /// <summary>The <c>host:port</c> a Prometheus scrape configuration names.</summary>
    public string Target => $"127.0.0.1:{Port}";

    public MetricFactory Metrics => _app.Services.GetRequiredService<MetricFactory>();

    /// <summary>The content types of the <c>/metrics</c> answers so far, in order.</summary>
    public IReadOnlyList<string> ServedContentTypes
    {
        get
        {
            lock (_servedContentTypes)
            {
                return [.. _servedContentTypes];
            }
        }
    }

    /// <param name="addServices">Registers more services, such as an extra <see cref="Collection.IMetricsSource"/>.</param>
    public static PrometheusScrapeTarget Build(Action<IServiceCollection>? addServices = null) => new(addServices);

    public Task StartAsync() => _app.StartAsync();

    public Uri Url(string path) => new($"http://{Target}{path}");

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
