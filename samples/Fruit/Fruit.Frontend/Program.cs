using Fruit.Frontend;

var app = FrontendApp.Create(args);
app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var address in app.Urls)
    {
        Console.WriteLine($"Fruit frontend on {address} (/hello, /fruit), metrics at {address}/metrics. Ctrl+C stops.");
    }
});
await app.RunAsync();
