using Fruit.Backend;
using Instrumentation.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

using var host = BackendApp.Create(args);
await host.StartAsync();
var server = host.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Server;
Console.WriteLine($"Fruit backend: workers running, metrics at http://{server.Host}:{server.Port}/metrics. Ctrl+C stops.");
await host.WaitForShutdownAsync();
