using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// A server started by one of the samples' scripts (<c>samples/scripts/*.sh start --port --dir</c>) on a free
/// 127.0.0.1 port over a temporary directory, and stopped by the same script, which kills it by process id.
/// Tests start servers this way so the scripts the READMEs document are the ones proven to work.
/// </summary>
internal sealed partial class SampleServerScript : IAsyncDisposable
{
    private readonly string _script;
    private readonly string _directory;
    private bool _stopped;

    private SampleServerScript(string script, string directory, int port, string connectionString, TimeSpan startup)
    {
        _script = script;
        _directory = directory;
        Port = port;
        ConnectionString = connectionString;
        Startup = startup;
    }

    public int Port { get; }

    /// <summary>The value the script printed for <c>ConnectionStrings__...</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>How long the script took from its start to the server being ready.</summary>
    public TimeSpan Startup { get; }

    /// <summary>Runs <c>samples/scripts/{scriptName} start</c> and reads the <c>export ConnectionStrings__{connectionStringName}=...</c> line it prints.</summary>
    public static async Task<SampleServerScript> StartAsync(string scriptName, string connectionStringName)
    {
        var bash = ExternalTool.Require("bash", "bash");
        var script = RepositoryPaths.Of("samples", "scripts", scriptName);
        var directory = Path.Combine(Path.GetTempPath(), $"instrumentation-{Path.GetFileNameWithoutExtension(scriptName)}-{Guid.NewGuid():N}");
        var port = FreePort.Next();
        var clock = Stopwatch.StartNew();
        var (exitCode, output) = await ExternalTool.RunAsync(bash, $"{script} start --port {port} --dir {directory}", null, TimeSpan.FromSeconds(120));
        clock.Stop();
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{scriptName} start failed with exit code {exitCode} (3: the server is not installed):\n{output}");
        }

        var match = ExportLine().Match(output);
        if (!match.Success || match.Groups["name"].Value != connectionStringName)
        {
            await ExternalTool.RunAsync(bash, $"{script} stop --dir {directory}", null, TimeSpan.FromSeconds(60));
            throw new InvalidOperationException($"{scriptName} start printed no 'export ConnectionStrings__{connectionStringName}=...' line:\n{output}");
        }

        return new SampleServerScript(script, directory, port, match.Groups["value"].Value, clock.Elapsed);
    }

    /// <summary>Stops the server by process id (through the script) and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        var (exitCode, output) = await ExternalTool.RunAsync(
            ExternalTool.Require("bash", "bash"), $"{_script} stop --dir {_directory}", null, TimeSpan.FromSeconds(60));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(_script)} stop failed with exit code {exitCode}:\n{output}");
        }
    }

    [GeneratedRegex(@"^export ConnectionStrings__(?<name>\w+)='(?<value>[^']*)'$", RegexOptions.Multiline)]
    private static partial Regex ExportLine();
}
