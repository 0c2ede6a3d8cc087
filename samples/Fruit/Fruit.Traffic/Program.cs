using System.CommandLine;

using Instrumentation.Collectors;
using Spectre.Console;

namespace Fruit.Traffic;

/// <summary>Sends random traffic to the frontend for a while, with a progress display. (A namespaced Main: see the frontend's <c>Program</c>.)</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var url = TrafficCommandLine.CreateUrlOption();
        var rate = new Option<double>("--rate") { Description = "Requests per second", DefaultValueFactory = _ => 5 };
        var duration = new Option<string>("--duration") { Description = "How long: 60s, 2m, 1m30s", DefaultValueFactory = _ => "60s" };
        var command = new RootCommand("Sends random traffic to the fruit shop frontend, then stops by itself.") { url, rate, duration };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = parse.GetValue(url)!;
            var perSecond = parse.GetValue(rate);
            if (!IntervalParser.TryParse(parse.GetValue(duration), out var span, out var error))
            {
                Console.Error.WriteLine($"--duration: {error}");
                return 2;
            }

            if (perSecond <= 0)
            {
                Console.Error.WriteLine("--rate must be positive.");
                return 2;
            }

            using var client = new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromSeconds(10) };
            var stats = new TrafficStats();
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var bar = context.AddTask($"{perSecond}/s to {target}", maxValue: span.TotalSeconds);
                    var run = new TrafficGenerator(client).RunAsync(perSecond, span, stats, cancellationToken);
                    var started = DateTime.UtcNow;
                    while (!run.IsCompleted)
                    {
                        await Task.WhenAny(run, Task.Delay(250, CancellationToken.None));
                        bar.Value = Math.Min(span.TotalSeconds, (DateTime.UtcNow - started).TotalSeconds);
                        bar.Description = $"{perSecond}/s to {target}: {stats.Sent} sent, {stats.Failed} failed";
                    }

                    await run;
                    bar.Value = bar.MaxValue;
                });
            AnsiConsole.MarkupLine($"Done: [green]{stats.Succeeded}[/] succeeded, [red]{stats.Failed}[/] failed of {stats.Sent} sent.");
            return stats.Sent > 0 && stats.Failed == stats.Sent ? 1 : 0;
        });
        return await command.Parse(args).InvokeAsync();
    }
}
