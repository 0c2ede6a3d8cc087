using Microsoft.Extensions.Hosting;

namespace Fruit.Launcher;

/// <summary>
/// A host lifetime that leaves Ctrl+C and SIGTERM alone: the launcher handles them once and stops every
/// host itself, instead of each host's console lifetime reacting on its own.
/// </summary>
internal sealed class LauncherLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
