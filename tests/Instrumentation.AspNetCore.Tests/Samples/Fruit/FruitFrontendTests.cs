using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using global::Fruit.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Instrumentation.AspNetCore.Tests.Samples.Fruit;

/// <summary>The fruit frontend sample, booted in memory with WebApplicationFactory on a fresh database.</summary>
public sealed class FruitFrontendTests : IDisposable
{
    private readonly FruitTestDatabase _database = new();
    private readonly FruitFrontendFactory _factory;

    public FruitFrontendTests() => _factory = new FruitFrontendFactory(_database.Path);

    public void Dispose()
    {
        _factory.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task Hello_CountsIntoHelloTotal_AndIsTimedWithTheEndpointLabel()
    {
        using var client = _factory.CreateClient();

        (await client.GetStringAsync("/hello")).Should().Be("Hello, fruit lover!");
        await client.GetStringAsync("/hello");

        var metrics = await client.GetStringAsync("/metrics");
        metrics.Should().Contain("# TYPE hello_total counter");
        MetricsText.Value(metrics, "hello_total").Should().Be(2);
        MetricsText.Value(metrics, "http_latency_count{method=\"GET\",route=\"/hello\",status_code=\"200\",endpoint=\"/hello\"}").Should().Be(2);
        metrics.Should().Contain("# HELP http_latency HTTP latency").And.Contain("# TYPE http_latency histogram");
    }

    [Fact]
    public async Task GetFruit_ReturnsTheRecentTotal_AndSetsTheFruitGauges()
    {
        var store = _factory.Services.GetRequiredService<IFruitStore>();
        await store.InsertAsync("apple", 3, CancellationToken.None);
        await store.InsertAsync("apple", 4, CancellationToken.None);
        await store.InsertAsync("mango", 5, CancellationToken.None);
        using var client = _factory.CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>("/fruit");

        body.GetProperty("total").GetInt64().Should().Be(12);
        var metrics = await client.GetStringAsync("/metrics");
        MetricsText.Value(metrics, "all_fruits").Should().Be(12);
        MetricsText.Value(metrics, "recent_fruits{fruit=\"apple\"}").Should().Be(7);
        MetricsText.Value(metrics, "recent_fruits{fruit=\"mango\"}").Should().Be(5);
        MetricsText.Value(metrics, "recent_fruits{fruit=\"banana\"}").Should().Be(0);
        MetricsText.Value(metrics, "http_latency_count{method=\"GET\",route=\"/fruit\",status_code=\"200\",endpoint=\"/fruit\"}").Should().Be(1);
    }

    [Fact]
    public async Task GetFruit_WithName_ReturnsThatFruitOnly()
    {
        var store = _factory.Services.GetRequiredService<IFruitStore>();
        await store.InsertAsync("cherry", 6, CancellationToken.None);
        await store.InsertAsync("banana", 2, CancellationToken.None);
        using var client = _factory.CreateClient();

        var cherry = await client.GetFromJsonAsync<JsonElement>("/fruit?name=cherry");
        var orange = await client.GetFromJsonAsync<JsonElement>("/fruit?name=orange");

        cherry.GetProperty("name").GetString().Should().Be("cherry");
        cherry.GetProperty("quantity").GetInt64().Should().Be(6);
        orange.GetProperty("quantity").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task GetFruit_WithAnUnknownName_Is404_AndTimedAs404()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/fruit?name=durian");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var metrics = await client.GetStringAsync("/metrics");
        MetricsText.Value(metrics, "http_latency_count{method=\"GET\",route=\"/fruit\",status_code=\"404\",endpoint=\"/fruit\"}").Should().Be(1);
    }

    [Fact]
    public async Task GetFruit_ServesFromTheShortCache_ThenReadsAgain()
    {
        var store = _factory.Services.GetRequiredService<IFruitStore>();
        await store.InsertAsync("apple", 1, CancellationToken.None);
        using var client = _factory.CreateClient();
        (await client.GetFromJsonAsync<JsonElement>("/fruit")).GetProperty("total").GetInt64().Should().Be(1);

        await store.InsertAsync("apple", 10, CancellationToken.None);
        var cached = (await client.GetFromJsonAsync<JsonElement>("/fruit")).GetProperty("total").GetInt64();
        await Task.Delay(global::Fruit.Frontend.FruitTotalsCache.Lifetime + TimeSpan.FromMilliseconds(100));
        var fresh = (await client.GetFromJsonAsync<JsonElement>("/fruit")).GetProperty("total").GetInt64();

        cached.Should().Be(1, "the second read came within the cache lifetime");
        fresh.Should().Be(11);
    }

    [Fact]
    public async Task PostFruit_PutsTheOrderOnTheQueue_AndIsTimed()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/fruit", new { name = "banana", quantity = 4 });

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var queue = _factory.Services.GetRequiredService<IFruitQueueClient>();
        (await queue.TryDequeueAsync(CancellationToken.None)).Should().Be(new FruitMessage("banana", 4));
        (await queue.TryDequeueAsync(CancellationToken.None)).Should().BeNull();
        var metrics = await client.GetStringAsync("/metrics");
        MetricsText.Value(metrics, "http_latency_count{method=\"POST\",route=\"/fruit\",status_code=\"202\",endpoint=\"/fruit\"}").Should().Be(1);
    }

    [Theory]
    [InlineData("durian", 1)]
    [InlineData("apple", 0)]
    [InlineData("apple", 101)]
    public async Task PostFruit_WithAnInvalidOrder_Is400_AndQueuesNothing(string name, int quantity)
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/fruit", new { name, quantity });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _factory.Services.GetRequiredService<IFruitQueueClient>().CountAsync(CancellationToken.None)).Should().Be(0);
    }
}
