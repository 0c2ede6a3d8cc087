namespace Instrumentation.AspNetCore.Tests.Samples.Fruit;

/// <summary>A SQLite file of its own in the temporary directory for one test, deleted on dispose.</summary>
internal sealed class FruitTestDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fruit-test-").FullName;

    public string Path => System.IO.Path.Combine(_directory, "fruit.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }
}
