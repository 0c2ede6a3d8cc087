using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Instrumentation.OpenTelemetryProtocol.Tests.TestSupport;

/// <summary>
/// A minimal OTLP/HTTP metrics receiver on 127.0.0.1 and a free port: accepts <c>POST /v1/metrics</c> with a
/// protobuf body, answers 200 with an empty <c>ExportMetricsServiceResponse</c>, and keeps each request decoded;
/// or, while <see cref="ExportStatus"/> says so, refuses them with another status.
/// </summary>
internal sealed class OtlpHttpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _exportStatus = 200;

    private OtlpHttpReceiver(int port)
    {
        Port = port;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    /// <summary>Every export request received, decoded, in arrival order.</summary>
    public ConcurrentQueue<IReadOnlyList<OtlpMetric>> Requests { get; } = new();

    /// <summary>
    /// The status answered to well-formed export requests: 200 (the default) accepts them; another status, such as
    /// 503, refuses them without decoding.
    /// </summary>
    public int ExportStatus
    {
        get => Volatile.Read(ref _exportStatus);
        set => Volatile.Write(ref _exportStatus, value);
    }

    /// <summary>The status of every answer to a well-formed export request, in order.</summary>
    public ConcurrentQueue<int> Answers { get; } = new();

    /// <summary>Requests to another path or with another content type.</summary>
    public ConcurrentQueue<string> Rejected { get; } = new();

    public static OtlpHttpReceiver Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new OtlpHttpReceiver(port);
    }

    /// <summary>Waits until a request satisfies <paramref name="accept"/>, and returns its metrics.</summary>
    public async Task<IReadOnlyList<OtlpMetric>> WaitForAsync(Func<IReadOnlyList<OtlpMetric>, bool> accept, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var match = Requests.LastOrDefault(accept);
            if (match is not null)
            {
                return match;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No OTLP export matched within {timeout}; received {Requests.Count} request(s), rejected: {string.Join("; ", Rejected)}.");
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.HttpMethod == "POST" && context.Request.Url?.AbsolutePath == "/v1/metrics"
                && context.Request.ContentType == "application/x-protobuf")
            {
                var status = ExportStatus;
                if (status == 200)
                {
                    Requests.Enqueue(OtlpMetricsDecoder.Decode(body.ToArray()));
                    context.Response.ContentType = "application/x-protobuf";
                }

                context.Response.StatusCode = status;
                Answers.Enqueue(status);
            }
            else
            {
                Rejected.Enqueue($"{context.Request.HttpMethod} {context.Request.Url?.AbsolutePath} {context.Request.ContentType}");
                context.Response.StatusCode = 404;
            }

            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
