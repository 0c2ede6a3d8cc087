using System.Globalization;
using System.Net;
using Instrumentation.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.AuthFlood;

/// <summary>
/// A plain app with <c>AddMetrics()</c> and <c>MapMetrics()</c> on 127.0.0.1, its users hashed at start-up from
/// <c>--user name:password:scheme</c>; default logging (Information, console), as an app would run.
/// </summary>
internal static class FloodServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Arguments.Parse(args);
        var port = options.GetInt("port", 5099);
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var users = options.All("user");
        for (var i = 0; i < users.Count; i++)
        {
            var parts = users[i].Split(':');
            builder.Configuration[$"Metrics:Authentication:Users:{i}:Username"] = parts[0];
            builder.Configuration[$"Metrics:Authentication:Users:{i}:PasswordHash"] = Hash(parts[1], parts[2]);
        }

        if (options.Get("cache-duration", "") is { Length: > 0 } cache)
        {
            builder.Configuration["Metrics:Authentication:CacheDuration"] = cache;
        }

        if (options.Get("max-concurrent", "") is { Length: > 0 } limit)
        {
            builder.Configuration["Metrics:Authentication:MaxConcurrentVerifications"] = limit;
        }

        builder.AddMetrics();
        var app = builder.Build();
        app.MapMetrics();
        await app.StartAsync();
        Console.WriteLine(FormattableString.Invariant($"auth-flood server listening on 127.0.0.1:{port}, pid {Environment.ProcessId}, {users.Count} users"));
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static string Hash(string password, string scheme) => scheme switch
    {
        "sha512" => PasswordHash.HashSha512Crypt(password),
        "pbkdf2" => PasswordHash.HashPbkdf2(password),
        _ when scheme.StartsWith("sha512-", StringComparison.Ordinal) =>
            PasswordHash.HashSha512Crypt(password, int.Parse(scheme["sha512-".Length..], CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"Unknown scheme '{scheme}' (sha512, sha512-<rounds>, pbkdf2)."),
    };
}
