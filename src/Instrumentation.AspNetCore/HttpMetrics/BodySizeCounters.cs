using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Instrumentation.AspNetCore.HttpMetrics;

/// <summary>
/// The counting stand-ins of one request's body features, put in place by <see cref="Install"/> and taken out by
/// <see cref="Restore"/>: the request's reader and stream, the response's body feature (writer, stream, files).
/// </summary>
internal readonly struct BodySizeCounters
{
    private readonly CountingRequestBody? _requestReader;
    private readonly IRequestBodyPipeFeature? _originalReader;
    private readonly CountingStream? _requestStream;
    private readonly CountingResponseBody? _response;

    private BodySizeCounters(CountingRequestBody? requestReader, IRequestBodyPipeFeature? originalReader, CountingStream? requestStream, CountingResponseBody? response)
    {
        _requestReader = requestReader;
        _originalReader = originalReader;
        _requestStream = requestStream;
        _response = response;
        IsInstalled = true;
    }

    /// <summary>Whether <see cref="Install"/> made these (the default value counts nothing).</summary>
    public bool IsInstalled { get; }

    /// <summary>The request body bytes the application read, by the reader and by the stream.</summary>
    public long RequestBytes => (_requestStream?.Count ?? 0) + (_requestReader?.Count ?? 0);

    /// <summary>The response body bytes the application wrote.</summary>
    public long ResponseBytes => _response?.Count ?? 0;

    public static BodySizeCounters Install(HttpContext context)
    {
        // The reader first, while Request.Body is still the server's: asked after, the server would adapt the
        // replaced stream into a new pipe. Each way of reading counts what it delivers; both read the one body.
        // A server without a reader of its own (the test server, for one) gets ASP.NET Core's default, which adapts
        // whatever Request.Body is when first asked: the counting stream then counts those reads, and a request
        // whose body nobody reads pays for no reader.
        // A request the server says has no body (most GETs; see docs/http-metrics.md for each protocol) has nothing
        // to count: its reader and stream are left as they are, which saves two objects and two feature swaps a
        // request. A server that does not say gets the counters.
        var features = context.Features;
        IRequestBodyPipeFeature? originalReader = null;
        CountingRequestBody? requestReader = null;
        CountingStream? requestStream = null;
        if (features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false)
        {
            originalReader = features.Get<IRequestBodyPipeFeature>();
            if (originalReader is not null)
            {
                requestReader = new CountingRequestBody(originalReader.Reader);
                features.Set<IRequestBodyPipeFeature>(requestReader);
            }

            requestStream = new CountingStream(context.Request.Body);
            context.Request.Body = requestStream;
        }

        CountingResponseBody? response = null;
        if (features.Get<IHttpResponseBodyFeature>() is { } server)
        {
            response = new CountingResponseBody(server);
            features.Set<IHttpResponseBodyFeature>(response);
        }

        return new BodySizeCounters(requestReader, originalReader, requestStream, response);
    }

    public void Restore(HttpContext context)
    {
        if (_requestStream is not null)
        {
            context.Request.Body = _requestStream.Inner;
        }

        if (_requestReader is not null)
        {
            context.Features.Set(_originalReader);
        }

        if (_response is not null)
        {
            context.Features.Set(_response.Inner);
        }
    }
}
