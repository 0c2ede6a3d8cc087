namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>Paths of checked-in files (sample configuration, dashboards), found from the test binaries upwards.</summary>
internal static class RepositoryPaths
{
    /// <summary>The directory that holds <c>Instrumentation.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A file or directory of the repository, by its path relative to the root.</summary>
    public static string Of(params string[] relative) => Path.Combine([Root, .. relative]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Instrumentation.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Instrumentation.sln above {AppContext.BaseDirectory}.");
    }
}
