using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Instrumentation.AuthFlood;

/// <summary>The Authorization headers the tool sends.</summary>
internal static class BadCredentials
{
    public static AuthenticationHeaderValue Basic(string username, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));

    /// <summary>A fresh random string of <paramref name="length"/> letters and digits.</summary>
    public static string Random(int length) => RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", length);

    /// <summary>The header for one request of a flood of <paramref name="kind"/>, aimed at <paramref name="username"/>.</summary>
    public static AuthenticationHeaderValue ForKind(string kind, string username) => kind switch
    {
        "distinct" => Basic(username, Random(12)),
        "same" => Basic(username, "wrong-password"),
        "unknown" => Basic("user-" + Random(8), Random(12)),
        "long" => Basic(username, Random(3000)),
        _ => throw new ArgumentException($"Unknown flood kind '{kind}' (distinct, same, unknown, long)."),
    };
}
