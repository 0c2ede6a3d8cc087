using System.Net.Http.Json;

namespace Instrumentation.AspNetCore.Tests.Samples.Login;

/// <summary>The Login sample's two POST endpoints, for tests.</summary>
internal static class LoginClient
{
    public static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string username, string password) =>
        client.PostAsJsonAsync("/auth/register", new { username, password });

    public static Task<HttpResponseMessage> LoginAsync(HttpClient client, string username, string password) =>
        client.PostAsJsonAsync("/auth/login", new { username, password });
}
