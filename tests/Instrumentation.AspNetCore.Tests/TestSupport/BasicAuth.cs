using System.Net.Http.Headers;
using System.Text;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>Requests with an <c>Authorization: Basic</c> header.</summary>
internal static class BasicAuth
{
    public static AuthenticationHeaderValue Header(string username, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));

    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? username, string? password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (username is not null)
        {
            request.Headers.Authorization = Header(username, password!);
        }

        return await client.SendAsync(request);
    }
}
