namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// Sets environment variables and the current directory for one test, putting the previous values back on dispose.
/// Use only in <see cref="ProcessEnvironmentTests"/>, which runs alone.
/// </summary>
internal sealed class ProcessEnvironment : IDisposable
{
    private readonly Dictionary<string, string?> _previous = new(StringComparer.Ordinal);
    private string? _previousDirectory;

    public ProcessEnvironment Set(string name, string value)
    {
        _previous.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
        return this;
    }

    public ProcessEnvironment InDirectory(string directory)
    {
        _previousDirectory ??= Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(directory);
        return this;
    }

    public void Dispose()
    {
        foreach (var (name, value) in _previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        if (_previousDirectory is not null)
        {
            Directory.SetCurrentDirectory(_previousDirectory);
        }
    }
}
