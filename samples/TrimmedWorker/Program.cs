using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TrimmedWorker;

var builder = Host.CreateApplicationBuilder(args);
// Logs go to standard error: standard output is the metrics exposition alone.
builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
builder.AddMetrics();
builder.Services.AddInstrumentedIOrderStore(ServiceLifetime.Singleton);                          // generated: OrderStore is marked
builder.Services.AddInstrumentedIPaymentGateway<FakePaymentGateway>(ServiceLifetime.Singleton);   // generated: IPaymentGateway is marked
builder.Services.AddSingleton<OrderMetrics>();
builder.Services.AddHostedService<OrderWorker>();

using var host = builder.Build();
await host.RunAsync();
