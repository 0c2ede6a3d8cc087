using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.AspNetCore.Tests.HttpMetrics;

/// <summary>
/// <c>http_request_size_bytes</c> on real Kestrel counts the body bytes the application read, whatever the
/// request's <c>Content-Length</c> claims.
/// </summary>
public sealed class RequestSizeTests
{
    [Fact]
    public async Task RequestSize_BodyNeverRead_RecordsZero_NotTheDeclaredContentLength()
    {
        await using var app = await StartAsync();

        // Declares a petabyte, sends three bytes; the handler never reads the body.
        var status = await SendRawAsync(app, "POST /ignore HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000000000000\r\nConnection: close\r\n\r\nabc");

        status.Should().StartWith("HTTP/1.1 200");
        (await LinesAsync(app, "http_request_size_bytes_sum{")).Should().Equal(
            "http_request_size_bytes_sum{method=\"POST\",route=\"/ignore\",status=\"200\"} 0");
    }

    [Fact]
    public async Task RequestSize_BodyReadThroughTheBodyReaderPipe_RecordsTheBytesRead()
    {
        await using var app = await StartAsync();
        using var client = Client(app);
        using var content = new StringContent(new string('a', 1234));

        (await client.PostAsync("/pipe", content)).EnsureSuccessStatusCode();

        (await LinesAsync(app, "http_request_size_bytes_sum{")).Should().Equal(
            "http_request_size_bytes_sum{method=\"POST\",route=\"/pipe\",status=\"200\"} 1234");
    }

    [Fact]
    public async Task RequestSize_JsonBoundBody_RecordsTheBytesRead()
    {
        await using var app = await StartAsync();
        using var client = Client(app);
        using var content = new StringContent("{\"name\":\"apple\",\"count\":3}", Encoding.UTF8, "application/json");

        (await client.PostAsync("/order", content)).EnsureSuccessStatusCode();

        (await LinesAsync(app, "http_request_size_bytes_sum{")).Should().Equal(
            "http_request_size_bytes_sum{method=\"POST\",route=\"/order\",status=\"200\"} 26");
    }

    [Fact]
    public async Task RequestSize_BodyPartlyRead_RecordsOnlyWhatWasRead()
    {
        await using var app = await StartAsync();
        using var client = Client(app);
        using var content = new ByteArrayContent(new byte[5000]);

        (await client.PostAsync("/first-ten", content)).EnsureSuccessStatusCode();

        var sum = (await LinesAsync(app, "http_request_size_bytes_sum{")).Should().ContainSingle().Subject;
        var bytes = double.Parse(sum[(sum.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        bytes.Should().BeGreaterThanOrEqualTo(10).And.BeLessThan(5000, "the handler read ten bytes; a read may fetch more, never the whole declared length");
    }

    [Fact]
    public async Task OnKestrel_TheServersOwnBodyReaderAndWriter_AreUsedAndGivenBack()
    {
        var seen = new List<string>();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        builder.AddMetrics();
        await using var app = builder.Build();
        app.Use(async (context, next) =>
        {
            var reader = context.Features.Get<Microsoft.AspNetCore.Http.Features.IRequestBodyPipeFeature>();
            var response = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>();
            await next(context);
            seen.Add(ReferenceEquals(reader, context.Features.Get<Microsoft.AspNetCore.Http.Features.IRequestBodyPipeFeature>())
                && ReferenceEquals(response, context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()) ? "given back" : "replaced");
        });
        app.UseHttpMetrics();
        app.MapMetrics();
        app.MapPost("/order", (Order order) => Results.Json(order));
        await app.StartAsync();
        using var client = Client(app);
        using var content = new StringContent("{\"name\":\"apple\",\"count\":3}", Encoding.UTF8, "application/json");

        var response = await client.PostAsync("/order", content);

        (await response.Content.ReadAsStringAsync()).Should().Be("{\"name\":\"apple\",\"count\":3}");
        seen.Should().Equal("given back");
        (await LinesAsync(app, "http_response_size_bytes_sum{")).Should().Equal(
            "http_response_size_bytes_sum{method=\"POST\",route=\"/order\",status=\"200\"} 26");
    }

    [Fact]
    public async Task OnKestrel_ARequestWithoutABody_KeepsTheServersRequestBodyFeatures_AndRecordsZero()
    {
        await using var app = await StartAsync();
        using var client = Client(app);

        // The handler answers whose body reader and stream it was given.
        (await client.GetStringAsync("/plain")).Should().Be("server's own");

        (await LinesAsync(app, "http_request_size_bytes_sum{")).Should().Equal(
            "http_request_size_bytes_sum{method=\"GET\",route=\"/plain\",status=\"200\"} 0");
        (await LinesAsync(app, "http_response_size_bytes_sum{")).Should().Equal(
            "http_response_size_bytes_sum{method=\"GET\",route=\"/plain\",status=\"200\"} 12");
    }

    [Theory]
    [InlineData("/get-body")]
    [InlineData("/get-body-pipe")]
    public async Task RequestSize_GetWithABody_StillRecordsTheBytesRead(string path)
    {
        await using var app = await StartAsync();

        // A GET may carry a body; with a Content-Length the server says it can have one, so it is counted, read
        // through Request.Body or through Request.BodyReader.
        var status = await SendRawAsync(app, $"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");

        status.Should().StartWith("HTTP/1.1 200");
        (await LinesAsync(app, "http_request_size_bytes_sum{")).Should().Equal(
            $"http_request_size_bytes_sum{{method=\"GET\",route=\"{path}\",status=\"200\"}} 5");
    }

    private sealed record Order(string Name, int Count);

    private static async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        builder.AddMetrics();
        var app = builder.Build();
        app.UseHttpMetrics();
        app.MapMetrics();
        app.MapPost("/ignore", () => "ignored");
        app.MapPost("/pipe", async (HttpRequest request) =>
        {
            long total = 0;
            while (true)
            {
                var result = await request.BodyReader.ReadAsync();
                total += result.Buffer.Length;
                request.BodyReader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }

            return total.ToString(CultureInfo.InvariantCulture);
        });
        app.MapPost("/order", (Order order) => order.Name);
        app.MapGet("/plain", (HttpContext context) =>
            // Kestrel's own reader and stream, not counting stand-ins: the server says there is no body to count.
            context.Features.Get<Microsoft.AspNetCore.Http.Features.IRequestBodyPipeFeature>()!.GetType().Namespace!.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal)
                && !context.Request.Body.GetType().Namespace!.StartsWith("Instrumentation", StringComparison.Ordinal) ? "server's own" : "replaced");
        app.MapGet("/get-body", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            return await reader.ReadToEndAsync();
        });
        app.MapGet("/get-body-pipe", async (HttpRequest request) =>
        {
            var result = await request.BodyReader.ReadAtLeastAsync(5);
            var length = result.Buffer.Length;
            request.BodyReader.AdvanceTo(result.Buffer.End);
            return length.ToString(CultureInfo.InvariantCulture);
        });
        app.MapPost("/first-ten", async (HttpRequest request) =>
        {
            var buffer = new byte[10];
            await request.Body.ReadExactlyAsync(buffer);
            return "read ten";
        });
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication app) =>
        new() { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// The lines of a scrape that start with <paramref name="prefix"/>, once there are some: the client can have the
    /// response before the middleware has recorded the request.
    /// </summary>
    private static async Task<string[]> LinesAsync(WebApplication app, string prefix)
    {
        using var client = Client(app);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var lines = (await client.GetStringAsync("/metrics")).Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
            if (lines.Length > 0 || DateTime.UtcNow > deadline)
            {
                return lines;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Sends <paramref name="request"/> as is over TCP and returns the response's status line.</summary>
    private static async Task<string> SendRawAsync(WebApplication app, string request)
    {
        var url = new Uri(app.Urls.First());
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var status = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return status ?? string.Empty;
    }
}
