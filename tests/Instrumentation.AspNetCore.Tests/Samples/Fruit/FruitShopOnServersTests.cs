using global::Fruit.Data;
using global::Fruit.Data.PostgreSql;
using global::Fruit.Data.RabbitMq;
using global::Fruit.Launcher;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Instrumentation.AspNetCore.Tests.Samples.Fruit;

/// <summary>
/// The launcher's whole shop with <c>Fruit:DatabaseProvider=PostgreSql</c> and <c>Fruit:QueueProvider=RabbitMq</c>,
/// on a real PostgreSQL and a real RabbitMQ, with traffic: orders go through the broker into the database.
/// </summary>
public sealed class FruitShopOnServersTests(PostgreSqlServer postgres, RabbitMqServer rabbit, ITestOutputHelper output)
    : IClassFixture<PostgreSqlServer>, IClassFixture<RabbitMqServer>
{
    [Fact]
    public async Task Traffic_FlowsThroughRabbitMq_IntoPostgreSql_AndTheFrontendReadsItBack()
    {
        output.WriteLine($"postgres.sh start took {postgres.Startup.TotalSeconds:F2} s, rabbitmq.sh start took {rabbit.Startup.TotalSeconds:F2} s");
        var settings = new FruitShopSettings
        {
            FrontendPort = FreePort.Next(),
            BackendMetricsPort = FreePort.Next(),
            TrafficRate = 20,
            TrafficDuration = TimeSpan.FromSeconds(3),
            SharedArguments =
            [
                "--Fruit:DatabaseProvider=PostgreSql",
                $"--ConnectionStrings:PostgreSql={await postgres.NewSchemaAsync()}",
                "--Fruit:QueueProvider=RabbitMq",
                $"--ConnectionStrings:RabbitMq={rabbit.Uri}",
                $"--Fruit:RabbitMqQueue={RabbitMqServer.NewQueueName()}",
                "--Fruit:Backend:FollowUpProbability=0",
            ],
        };
        await using var shop = await FruitShop.StartAsync(settings, CancellationToken.None);
        var store = shop.Backend.Services.GetRequiredService<IFruitStore>();
        var queue = shop.Backend.Services.GetRequiredService<IFruitQueueClient>();
        store.Should().BeOfType<PostgreSqlFruitStore>();
        queue.Should().BeOfType<RabbitMqFruitQueueClient>();
        shop.Frontend.Services.GetRequiredService<IFruitQueueClient>().Should().BeOfType<RabbitMqFruitQueueClient>();

        await Task.Delay(settings.TrafficDuration!.Value + TimeSpan.FromSeconds(1));
        await shop.StopTrafficAsync(CancellationToken.None);
        await Eventually.TrueAsync(async () => await queue.CountAsync(CancellationToken.None) == 0, TimeSpan.FromSeconds(20));

        await Task.Delay(500);    // the last dequeued message's insert
        var inDatabase = (await store.ReadTotalsAsync(CancellationToken.None)).RecentTotal;
        await Task.Delay(global::Fruit.Frontend.FruitTotalsCache.Lifetime);
        using var client = new HttpClient { BaseAddress = settings.FrontendUrl };
        var body = await client.GetStringAsync(new Uri("/fruit", UriKind.Relative));
        using var backendMetrics = new HttpClient();
        var metrics = await backendMetrics.GetStringAsync(settings.BackendMetricsUrl);

        (await queue.CountAsync(CancellationToken.None)).Should().Be(0, "the workers drained the broker's queue");
        inDatabase.Should().BePositive("the traffic's orders reached PostgreSQL");
        body.Should().Be($"{{\"total\":{inDatabase}}}");
        metrics.Should().MatchRegex(@"(?m)^worker_messages_processed_total\{fruit=""\w+""\} [1-9]");
    }
}
