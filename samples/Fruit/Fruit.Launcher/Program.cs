using System.Runtime.InteropServices;

namespace Fruit.Launcher;

/// <summary>The whole fruit shop in one process: frontend, backend and traffic. Ctrl+C stops everything. (A namespaced Main: see the frontend's <c>Program</c>.)</summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        var settings = new FruitShopSettings();
        await using (var shop = await FruitShop.StartAsync(settings, stop.Token))
        {
            Console.WriteLine($"""

                Fruit shop running (Ctrl+C stops everything):
                  frontend          {settings.FrontendUrl}hello  {settings.FrontendUrl}fruit
                  frontend metrics  {settings.FrontendUrl}metrics
                  backend metrics   {settings.BackendMetricsUrl}
                  traffic           {settings.TrafficRate} requests/s to the frontend
                  database          the SQLite file named by Fruit:DatabasePath (default: fruit-shop.db in the temp directory)

                """);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("Stopping traffic, frontend and backend...");
            }

            await shop.StopAsync(CancellationToken.None);
        }

        Console.WriteLine("Stopped.");

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
