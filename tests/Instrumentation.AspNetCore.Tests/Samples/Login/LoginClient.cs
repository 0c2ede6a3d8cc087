using System.Net.Http.Json;

namespace Instrumentation.AspNetCore.Tests.Samples.Login;

/// <summary>The Login sample's two POST endpoints, for tests.</summary>
internal static class LoginClient
{
    public static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string username, string password) =>
        client.PostAsJsonAsync("/auth/register", new { username, password });

    public static Task<HttpResponseMessage> LoginAsync(HttpClient client, string username, string password) =>
        client.PostAsJsonAsync("/auth/login", new { username, password });

    /// <summary>A login that continues the sampled trace <paramref name="traceId"/> (a W3C <c>traceparent</c> header).</summary>
    public static Task<HttpResponseMessage> LoginAsync(HttpClient client, string username, string password, System.Diagnostics.ActivityTraceId traceId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = JsonContent.Create(new { username, password }) };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01");
        return client.SendAsync(request);
    }
}
