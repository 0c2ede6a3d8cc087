using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.AspNetCore.Tests.HttpMetrics;

/// <summary>
/// UseHttpMetrics puts its counting body stand-ins in place for the rest of the pipeline and takes them out again
/// however the request ends (completed synchronously, after awaiting, or with an exception thrown either way), and
/// sizes every such request.
/// </summary>
public sealed class BodySizeCountersTests
{
    [Theory]
    [InlineData("/sync", HttpStatusCode.OK)]
    [InlineData("/async", HttpStatusCode.OK)]
    [InlineData("/sync-throw", HttpStatusCode.InternalServerError)]
    [InlineData("/async-throw", HttpStatusCode.InternalServerError)]
    public async Task BodyFeatures_AreTheServersAgainAfterTheRequest_AndTheRequestIsSized(string path, HttpStatusCode status)
    {
        var seen = new List<string>();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.AddMetrics();
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            var request = (context.Request.Body, context.Features.Get<IRequestBodyPipeFeature>(), context.Features.Get<IHttpResponseBodyFeature>());
            try
            {
                await next(context);
            }
            catch (InvalidOperationException)
            {
                context.Response.StatusCode = 500;
            }

            // The test server has no reader of its own: ASP.NET Core's default one, made on demand during the request,
            // may stay (it adapts whatever Request.Body is when asked), but never a counting one.
            var after = (context.Request.Body, context.Features.Get<IRequestBodyPipeFeature>(), context.Features.Get<IHttpResponseBodyFeature>());
            var readerRestored = request.Item2 is null
                ? after.Item2 is null or RequestBodyPipeFeature
                : ReferenceEquals(after.Item2, request.Item2);
            seen.Add(after.Item1 == request.Item1 && readerRestored && after.Item3 == request.Item3 ? "restored" : $"not restored: {after}");
        });
        app.UseHttpMetrics();
        app.MapMetrics();
        app.MapPost("/sync", (HttpContext context) =>
        {
            var inner = context.Features.Get<IHttpResponseBodyFeature>();
            return inner is Instrumentation.AspNetCore.HttpMetrics.CountingResponseBody ? Results.Text("counted") : Results.Text("not counted");
        });
        app.MapPost("/async", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            return Results.Text(await reader.ReadToEndAsync());
        });
        app.MapPost("/sync-throw", string () => throw new InvalidOperationException("now"));
        app.MapPost("/async-throw", async Task<string> (HttpRequest request) =>
        {
            await request.BodyReader.ReadAsync();
            throw new InvalidOperationException("later");
        });
        await app.StartAsync();
        try
        {
            using var client = app.GetTestClient();
            using var content = new StringContent("twelve bytes", Encoding.UTF8);

            var response = await client.PostAsync(path, content);

            response.StatusCode.Should().Be(status);
            if (path == "/sync")
            {
                (await response.Content.ReadAsStringAsync()).Should().Be("counted");
            }

            seen.Should().Equal("restored");
            var scrape = await client.GetStringAsync("/metrics");
            scrape.Should().Contain($"http_request_size_bytes_count{{method=\"POST\",route=\"{path}\",status=\"{(int)status}\"}} 1");
            scrape.Should().Contain($"http_response_size_bytes_count{{method=\"POST\",route=\"{path}\",status=\"{(int)status}\"}} 1");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public void Install_OnAServerThatDoesNotSayWhetherARequestHasABody_CountsTheRequestBody()
    {
        var context = new DefaultHttpContext();
        var original = new MemoryStream("hello"u8.ToArray());
        context.Request.Body = original;

        var bodies = Instrumentation.AspNetCore.HttpMetrics.BodySizeCounters.Install(context);
        context.Request.Body.Should().NotBeSameAs(original, "without IHttpRequestBodyDetectionFeature the body may be there");
        using (var reader = new StreamReader(context.Request.Body, leaveOpen: true))
        {
            reader.ReadToEnd().Should().Be("hello");
        }

        bodies.RequestBytes.Should().Be(5);
        bodies.Restore(context);
        context.Request.Body.Should().BeSameAs(original);
    }

    [Fact]
    public void Install_WhenTheServerSaysARequestHasNoBody_LeavesItsBodyAlone_CountsZero_AndStillCountsTheResponse()
    {
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpRequestBodyDetectionFeature>(new NoBody());
        var originalBody = context.Request.Body;
        var originalReader = context.Features.Get<IRequestBodyPipeFeature>();
        var originalResponse = context.Features.Get<IHttpResponseBodyFeature>();

        var bodies = Instrumentation.AspNetCore.HttpMetrics.BodySizeCounters.Install(context);
        context.Request.Body.Should().BeSameAs(originalBody);
        context.Features.Get<IRequestBodyPipeFeature>().Should().BeSameAs(originalReader);
        context.Response.Body.Write("four"u8);

        bodies.IsInstalled.Should().BeTrue();
        bodies.RequestBytes.Should().Be(0);
        bodies.ResponseBytes.Should().Be(4);
        bodies.Restore(context);
        context.Request.Body.Should().BeSameAs(originalBody);
        context.Features.Get<IHttpResponseBodyFeature>().Should().BeSameAs(originalResponse);
    }

    private sealed class NoBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => false;
    }
}
