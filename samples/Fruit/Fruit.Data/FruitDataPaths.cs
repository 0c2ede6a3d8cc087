namespace Fruit.Data;

/// <summary>Where the fruit shop keeps its SQLite file when <c>Fruit:DatabasePath</c> is not set.</summary>
public static class FruitDataPaths
{
    /// <summary>The folder and file names under the user's data folder: the same for frontend and backend.</summary>
    public const string AppFolder = "instrumentation-fruit-shop";

    /// <summary>The SQLite file's name.</summary>
    public const string FileName = "fruit-shop.db";

    /// <summary>
    /// The default SQLite file: per user and per app, <c>&lt;local app data&gt;/instrumentation-fruit-shop/fruit-shop.db</c>
    /// (<c>~/.local/share/...</c> on Linux, <c>%LOCALAPPDATA%\...</c> on Windows); without a home folder,
    /// <c>&lt;temp&gt;/instrumentation-fruit-shop-&lt;user&gt;/fruit-shop.db</c>. Frontend and backend of one user
    /// share it; other users, and other apps, do not.
    /// </summary>
    public static string DefaultDatabasePath()
    {
        var localData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(localData)
            ? Path.Combine(Path.GetTempPath(), $"{AppFolder}-{Environment.UserName}", FileName)
            : Path.Combine(localData, AppFolder, FileName);
    }
}
