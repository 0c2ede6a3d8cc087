using Instrumentation.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Instrumentation.AspNetCore.Tests.Authentication;

public sealed class ConfigurationFileReloadLogTests
{
    [Fact]
    public void Attach_ReloadableFileWithoutHandler_GetsOne_AndOneWithItsOwnHandlerIsLeftAlone()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"instrumentation-reload-log-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, "a.json"), "{}");
            File.WriteAllText(Path.Combine(directory, "b.json"), "{}");
            File.WriteAllText(Path.Combine(directory, "c.json"), "{}");
            Action<FileLoadExceptionContext> own = static _ => { };
            var builder = new ConfigurationBuilder().SetBasePath(directory);
            builder.AddJsonFile("a.json", optional: false, reloadOnChange: true);
            builder.AddJsonFile(source =>
            {
                source.Path = "b.json";
                source.ReloadOnChange = true;
                source.OnLoadException = own;
                source.ResolveFileProvider();
            });
            builder.AddJsonFile("c.json", optional: false, reloadOnChange: false);
            var root = builder.Build();
            using var disposable = root as IDisposable;
            var sources = root.Providers.OfType<FileConfigurationProvider>().Select(static p => p.Source).ToArray();

            ConfigurationFileReloadLog.Attach(root, NullLogger.Instance);

            sources[0].OnLoadException.Should().NotBeNull();
            sources[1].OnLoadException.Should().BeSameAs(own);
            sources[2].OnLoadException.Should().BeNull("a file that is never reloaded needs no log");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
