using Microsoft.Extensions.Hosting;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// A host the test has started; disposing it stops the host (the test still owns the host and disposes it).
/// Takes the place of a try/finally around each test's requests.
/// </summary>
internal sealed class StartedHost : IAsyncDisposable
{
    private readonly IHost _host;

    private StartedHost(IHost host) => _host = host;

    public static async Task<StartedHost> StartAsync(IHost host)
    {
        await host.StartAsync();
        return new StartedHost(host);
    }

    public async ValueTask DisposeAsync() => await _host.StopAsync();
}
