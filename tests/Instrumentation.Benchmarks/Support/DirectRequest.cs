using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Instrumentation.Benchmarks.Support;

/// <summary>The features of one request for <see cref="DirectServer"/>: method, path, optional JSON body; the response body goes nowhere unless a stream is given.</summary>
internal static class DirectRequest
{
    public static IFeatureCollection Create(string method, string path, byte[]? jsonBody = null, Stream? responseBody = null)
    {
        var request = new HttpRequestFeature
        {
            Method = method,
            Scheme = "http",
            Protocol = "HTTP/1.1",
            Path = path,
            Body = jsonBody is null ? Stream.Null : new MemoryStream(jsonBody, writable: false),
        };
        request.Headers.Host = "localhost";
        if (jsonBody is not null)
        {
            request.Headers.ContentType = "application/json";
            request.Headers.ContentLength = jsonBody.Length;
        }

        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(responseBody ?? Stream.Null));
        features.Set<IHttpRequestBodyDetectionFeature>(jsonBody is null ? BodyDetection.None : BodyDetection.Some);
        return features;
    }

    /// <summary>The status code the request was answered with.</summary>
    public static int Status(IFeatureCollection features) => features.Get<IHttpResponseFeature>()!.StatusCode;

    /// <summary>Minimal APIs read a body only when the server says the request can have one.</summary>
    private sealed class BodyDetection(bool canHaveBody) : IHttpRequestBodyDetectionFeature
    {
        public static readonly BodyDetection Some = new(true);

        public static readonly BodyDetection None = new(false);

        public bool CanHaveBody { get; } = canHaveBody;
    }
}
