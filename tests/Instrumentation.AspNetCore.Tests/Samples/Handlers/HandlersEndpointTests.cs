extern alias HandlersSample;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HandlersSample::Handlers;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Instrumentation.AspNetCore.Tests.Samples.Handlers;

/// <summary>samples/Handlers in process, with the demo user of its appsettings.json (admin / change-me).</summary>
public sealed class HandlersEndpointTests
{
    private const string User = "admin";
    private const string Password = "change-me";

    [Theory]
    [InlineData("GET", "/instances")]
    [InlineData("PUT", "/instances")]
    [InlineData("POST", "/cache/purge")]
    public async Task WithoutOrWithWrongCredentials_Returns401_AndIsNotCountedOrTimed(string method, string path)
    {
        await using var app = new WebApplicationFactory<HandlersApp>();
        using var client = app.CreateClient();

        using var anonymous = await client.SendAsync(Request(method, path, credentials: null));
        using var wrong = await client.SendAsync(Request(method, path, (User, "wrong-password")));
        using var unknown = await client.SendAsync(Request(method, path, ("root", Password)));

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ToString().Should().StartWith("Basic");
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unknown.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var rejected = new Regex($@"http_server_request_duration_seconds_count\{{[^}}]*http_response_status_code=""401""[^}}]*http_route=""{Regex.Escape(path)}""[^}}]*\}} 3");
        var body = await MetricsPolling.ScrapeUntilAsync(client, rejected.IsMatch);

        body.Should().NotContain("handler_calls_total{").And.NotContain("handler_duration_seconds_count{");
        body.Should().MatchRegex(rejected.ToString());
    }

    [Theory]
    [InlineData("GET", "/instances", null)]
    [InlineData("PUT", "/instances", """{"activeInstance":"secondary","authType":"ldap"}""")]
    [InlineData("POST", "/cache/purge", null)]
    public async Task WithCredentials_IsCountedAndTimedPerHandler(string method, string path, string? json)
    {
        await using var app = new WebApplicationFactory<HandlersApp>();
        using var client = app.CreateClient();

        for (var i = 0; i < 2; i++)
        {
            using var response = await client.SendAsync(Request(method, path, (User, Password), json));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.GetValue(HandlerMetricNames.Calls, method, path, "200", "success", "none").Should().Be(2);
        var summary = metrics.GetSummary(HandlerMetricNames.Duration, method, path, "200");
        summary.Count.Should().Be(2);
        summary.Sum.Should().BePositive();
        var body = await client.GetStringAsync("/metrics");
        body.Should().Contain($"handler_duration_seconds_count{{method=\"{method}\",route=\"{path}\",status_code=\"200\"}} 2")
            .And.Contain($"handler_duration_seconds{{method=\"{method}\",route=\"{path}\",status_code=\"200\",quantile=\"0.99\"}}")
            .And.Contain("# TYPE handler_duration_seconds summary");
    }

    [Fact]
    public async Task Instances_PutChangesWhatGetReturns_AndPurgeEmptiesTheCache()
    {
        await using var app = new WebApplicationFactory<HandlersApp>();
        using var client = app.CreateClient();

        var before = await ReadAsync(client, Request("GET", "/instances", (User, Password)));
        using var put = await client.SendAsync(Request("PUT", "/instances", (User, Password), """{"activeInstance":"secondary","authType":"ldap"}"""));
        var after = await ReadAsync(client, Request("GET", "/instances", (User, Password)));
        var purged = await ReadAsync(client, Request("POST", "/cache/purge", (User, Password)));
        var purgedAgain = await ReadAsync(client, Request("POST", "/cache/purge", (User, Password)));

        before.GetProperty("activeInstance").GetString().Should().Be("primary");
        before.GetProperty("authType").GetString().Should().Be("basic");
        put.StatusCode.Should().Be(HttpStatusCode.OK);
        after.GetProperty("activeInstance").GetString().Should().Be("secondary");
        after.GetProperty("authType").GetString().Should().Be("ldap");
        purged.GetProperty("purged").GetInt32().Should().Be(1, "the GET after the PUT cached the instances again");
        purgedAgain.GetProperty("purged").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task TheReadmesCommands_GiveTheAnswersItShows()
    {
        // The README once showed {"purged":1} right after the PUT, which had already emptied the cache.
        await using var app = new WebApplicationFactory<HandlersApp>();
        using var client = app.CreateClient();
        var readme = await File.ReadAllTextAsync(RepositoryPaths.Of("samples", "Handlers", "README.md"));

        await ReadAsync(client, Request("GET", "/instances", (User, Password)));
        using var put = await client.SendAsync(Request("PUT", "/instances", (User, Password), """{"activeInstance":"secondary","authType":"ldap"}"""));
        var first = await ReadAsync(client, Request("POST", "/cache/purge", (User, Password)));
        await ReadAsync(client, Request("GET", "/instances", (User, Password)));
        var second = await ReadAsync(client, Request("POST", "/cache/purge", (User, Password)));

        first.GetProperty("purged").GetInt32().Should().Be(0);
        second.GetProperty("purged").GetInt32().Should().Be(1);
        readme.Should().Contain("/cache/purge      # {\"purged\":0}").And.Contain("/cache/purge      # {\"purged\":1}");
    }

    [Fact]
    public async Task Instances_PutWithAnEmptyField_Returns400_CountedAsA400()
    {
        await using var app = new WebApplicationFactory<HandlersApp>();
        using var client = app.CreateClient();

        using var response = await client.SendAsync(Request("PUT", "/instances", (User, Password), """{"activeInstance":"","authType":"ldap"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        app.Services.GetRequiredService<MetricFactory>()
            .GetValue(HandlerMetricNames.Calls, "PUT", "/instances", "400", "success", "none").Should().Be(1);
    }

    private static HttpRequestMessage Request(string method, string path, (string User, string Password)? credentials, string? json = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (credentials is { } c)
        {
            request.Headers.Authorization = BasicAuth.Header(c.User, c.Password);
        }

        if (method == "PUT")
        {
            request.Content = new StringContent(json ?? "{}", System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static async Task<JsonElement> ReadAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
    }
}
