namespace Fruit.Frontend;

/// <summary>
/// Runs the frontend on its own. A namespaced Main rather than top-level statements, so that the several
/// samples a test project references do not each bring a global <c>Program</c> type.
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        var app = FrontendApp.Create(args);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in app.Urls)
            {
                Console.WriteLine($"Fruit frontend on {address} (/hello, /fruit), metrics at {address}/metrics. Ctrl+C stops.");
            }
        });
        await app.RunAsync();
    }
}
