using Instrumentation.AspNetCore.Authentication;
using Instrumentation.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// A <see cref="MetricsBasicAuthenticator"/> called directly (no server), with options bound from an in-memory
/// configuration but not validated, so tests may use cheap hashes below the start-up floors.
/// </summary>
internal sealed class DirectAuthenticator
{
    private readonly IConfigurationRoot _configuration;

    public DirectAuthenticator(IDictionary<string, string?> configuration, TimeProvider time, PasswordVerifier verifier, ILogger<MetricsBasicAuthenticator>? logger = null)
    {
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(configuration).Build();
        var services = new ServiceCollection();
        services.AddOptions<MetricsOptions>().Bind(_configuration.GetSection(MetricsOptions.SectionName));
        var provider = services.BuildServiceProvider();
        Authenticator = new MetricsBasicAuthenticator(
            provider.GetRequiredService<IOptionsMonitor<MetricsOptions>>(),
            logger ?? NullLogger<MetricsBasicAuthenticator>.Instance,
            timeProvider: time,
            verifier: verifier);
    }

    public MetricsBasicAuthenticator Authenticator { get; }

    /// <summary>A request carrying <paramref name="authorization"/> as its Authorization header (none when null).</summary>
    public static HttpContext Request(string? authorization)
    {
        var context = new DefaultHttpContext();
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context;
    }

    /// <summary>Authenticates a request with basic credentials for <paramref name="username"/> and <paramref name="password"/>.</summary>
    public Task<(bool Allowed, HttpContext Context)> SendAsync(string username, string password) =>
        SendHeaderAsync(BasicAuth.Header(username, password).ToString());

    /// <summary>Authenticates a request with <paramref name="authorization"/> as its header.</summary>
    public async Task<(bool Allowed, HttpContext Context)> SendHeaderAsync(string? authorization)
    {
        var context = Request(authorization);
        var allowed = await Authenticator.AuthenticateAsync(context);
        return (allowed, context);
    }

    /// <summary>Sets configuration keys and signals a reload, as a file edit would.</summary>
    public void Reconfigure(IDictionary<string, string?> changes)
    {
        foreach (var (key, value) in changes)
        {
            _configuration[key] = value;
        }

        _configuration.Reload();
    }
}
