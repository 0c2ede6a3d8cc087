using System.Runtime.InteropServices;
using Fruit.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Fruit.Launcher;

/// <summary>The whole fruit shop in one process: frontend, backend and traffic. Ctrl+C stops everything. (A namespaced Main: see the frontend's <c>Program</c>.)</summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        var settings = FruitShopConfiguration.Read(FruitShopConfiguration.Build(args), args);
        await using (var shop = await FruitShop.StartAsync(settings, stop.Token))
        {
            Console.WriteLine($"""

                Fruit shop running (Ctrl+C stops everything):
                  frontend          {settings.FrontendUrl}hello  {settings.FrontendUrl}fruit
                  frontend metrics  {settings.FrontendUrl}metrics
                  backend metrics   {settings.BackendMetricsUrl}
                  traffic           {settings.TrafficRate} requests/s to the frontend
                  fruits            {shop.Backend.Services.GetRequiredService<IFruitStore>().Location}
                  orders            {shop.Backend.Services.GetRequiredService<IFruitQueueClient>().Location}

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
