using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Instrumentation.AspNetCore.Authentication;

/// <summary>
/// Logs an error when a configuration file read with <c>reloadOnChange</c> fails to reload (invalid JSON, an empty
/// file), which .NET's file providers otherwise report to no one: the change is not applied, so the metrics users in
/// force stay unchanged, and the operator should hear about it.
/// </summary>
/// <remarks>
/// Attaches a <see cref="FileConfigurationSource.OnLoadException"/> handler to each reloadable file source that has
/// none. The handler only logs; it leaves <see cref="FileLoadExceptionContext.Ignore"/> false, so the provider
/// behaves exactly as without it (the failed reload raises no change notification). A source with a handler of
/// the application's own is left alone.
/// </remarks>
internal static partial class ConfigurationFileReloadLog
{
    public static void Attach(IConfiguration configuration, ILogger logger)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return;
        }

        foreach (var provider in root.Providers)
        {
            switch (provider)
            {
                case FileConfigurationProvider { Source: { ReloadOnChange: true, OnLoadException: null } source }:
                    source.OnLoadException = context => LogReloadFailed(logger, source.Path ?? "(unnamed)", Reason(context.Exception));
                    break;
                case ChainedConfigurationProvider { Configuration: { } inner }:
                    Attach(inner, logger);
                    break;
            }
        }
    }

    /// <summary>The exception's message and its inner one's (the parser's line and position), never the file's content.</summary>
    private static string Reason(Exception exception) =>
        exception.InnerException is { } inner ? $"{exception.Message} {inner.Message}" : exception.Message;

    [LoggerMessage(Level = LogLevel.Error, Message = "Reloading the configuration file '{File}' failed, so its change is not applied and metrics authentication keeps the users it has; fix the file: {Reason}")]
    private static partial void LogReloadFailed(ILogger logger, string file, string reason);
}
