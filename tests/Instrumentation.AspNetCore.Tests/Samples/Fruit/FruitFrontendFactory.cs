using global::Fruit.Frontend;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Instrumentation.AspNetCore.Tests.Samples.Fruit;

/// <summary>Boots the fruit frontend sample in memory on a database of its own.</summary>
internal sealed class FruitFrontendFactory(string databasePath) : WebApplicationFactory<FrontendMetrics>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting("Fruit:DatabasePath", databasePath);
}
