using System.Net;

namespace Instrumentation.Tests.TestSupport;

/// <summary>
/// An HTTP handler that answers each request with the next scripted status (the last one repeats),
/// recording every request with its body. A status of 0 means "never answer": the request waits until
/// it is cancelled. Thread safe.
/// </summary>
public sealed class ScriptedHttpHandler(params HttpStatusCode[] statuses) : HttpMessageHandler
{
    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _requests = [];

    /// <summary>The requests received so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Replaces the script from the next request on.</summary>
    public HttpStatusCode[] Statuses { get; set; } = statuses;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        HttpStatusCode status;
        lock (_lock)
        {
            var script = Statuses;
            status = script[Math.Min(_requests.Count, script.Length - 1)];
            _requests.Add(new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), request.Content?.Headers.ContentType?.ToString(), body));
        }

        if (status == 0)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return new HttpResponseMessage(status) { Content = new StringContent(status == HttpStatusCode.OK ? string.Empty : "scripted failure") };
    }
}

/// <summary>One request seen by <see cref="ScriptedHttpHandler"/>.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? ContentType, string Body);
