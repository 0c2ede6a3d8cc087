using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Instrumentation.AuthFlood;

/// <summary>The three measurements: what each kind of request costs, a flood of bad credentials against a scraper, and failure timing per user.</summary>
internal static class Measurements
{
    private const int MaxInFlight = 5000;

    /// <summary>Each kind of request, sent one after another: status, latency, and the server's CPU time per request.</summary>
    public static async Task<int> RowsAsync(Arguments args)
    {
        var url = new Uri(args.Get("url"));
        var pid = int.Parse(args.Get("pid"), CultureInfo.InvariantCulture);
        var user = args.Get("user");
        var password = args.Get("password");
        var count = args.GetInt("count", 100);
        var only = args.Get("only", "");
        var rows = new (string Key, string Name, Func<AuthenticationHeaderValue?> Header)[]
        {
            ("none", "no credentials", () => null),
            ("malformed", "malformed header", () => new AuthenticationHeaderValue("Basic", "!!!not-base64")),
            ("oversized", "oversized password (3000 bytes)", () => BadCredentials.ForKind("long", user)),
            ("unknown", "unknown user (new each time)", () => BadCredentials.ForKind("unknown", user)),
            ("wrong", "wrong password (new each time)", () => BadCredentials.ForKind("distinct", user)),
            ("wrong-repeated", "wrong password, repeated", () => BadCredentials.ForKind("same", user)),
            ("valid", "valid credentials", () => BadCredentials.Basic(user, password)),
        };

        using var client = Scrapes.NewClient(1);
        Console.WriteLine("| request | status | median | p95 | server CPU per request |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var (key, name, header) in rows)
        {
            if (only.Length > 0 && !only.Split(',').Contains(key))
            {
                continue;
            }

            for (var i = 0; i < 5; i++)
            {
                await Scrapes.GetAsync(client, url, header());
            }

            var latencies = new Latencies();
            var statuses = new ConcurrentDictionary<string, int>();
            var cpuBefore = ProcessCpu.Of(pid);
            for (var i = 0; i < count; i++)
            {
                var (status, elapsed) = await Scrapes.GetAsync(client, url, header());
                latencies.Add(elapsed);
                statuses.AddOrUpdate(StatusText(status), 1, static (_, n) => n + 1);
            }

            var cpu = (ProcessCpu.Of(pid) - cpuBefore).TotalMilliseconds / count;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {string.Join(", ", statuses.Select(s => $"{s.Key} x{s.Value}"))} | {latencies.Median:F1} ms | {latencies.P95:F1} ms | {cpu:F2} ms |"));
        }

        return 0;
    }

    /// <summary>A scraper every 100 ms, first alone, then while bad credentials arrive at a fixed rate (open loop).</summary>
    public static async Task<int> FloodAsync(Arguments args)
    {
        var url = new Uri(args.Get("url"));
        var pid = int.Parse(args.Get("pid"), CultureInfo.InvariantCulture);
        var user = args.Get("user");
        var password = args.Get("password");
        var kind = args.Get("kind");
        var rate = args.GetDouble("rate", 200);
        var seconds = TimeSpan.FromSeconds(args.GetDouble("seconds", 30));
        var idleSeconds = TimeSpan.FromSeconds(args.GetDouble("idle-seconds", 20));
        var scrapeInterval = TimeSpan.FromMilliseconds(args.GetDouble("scrape-interval-ms", 100));

        using var scraper = Scrapes.NewClient(1);
        using var attacker = Scrapes.NewClient(1024);
        var legit = BadCredentials.Basic(user, password);
        for (var i = 0; i < 5; i++)
        {
            await Scrapes.GetAsync(scraper, url, legit);
        }

        var (idle, idleCpu) = await ScrapeForAsync(scraper, url, legit, scrapeInterval, idleSeconds, pid);

        using var stop = new CancellationTokenSource();
        var cpuBefore = ProcessCpu.Of(pid);
        var wall = Stopwatch.StartNew();
        var scraping = ScrapeLoopAsync(scraper, url, legit, scrapeInterval, seconds);
        var (sent, skipped, statuses, attackLatencies) = await FloodLoopAsync(attacker, url, () => BadCredentials.ForKind(kind, user), rate, seconds);
        var underFlood = await scraping;
        var floodCpu = (ProcessCpu.Of(pid) - cpuBefore) / wall.Elapsed;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"flood '{kind}' at {rate} req/s for {seconds.TotalSeconds} s: sent {sent}, skipped {skipped} (more than {MaxInFlight} in flight)"));
        Console.WriteLine($"  bad requests: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}"))}; latency {attackLatencies}");
        Console.WriteLine($"  scrapes idle:        {idle}; server CPU {idleCpu:P0} of one core");
        Console.WriteLine($"  scrapes under flood: {underFlood}; server CPU {floodCpu:P0} of one core");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio under flood / idle: median {underFlood.Median / idle.Median:F2}x, p95 {underFlood.P95 / idle.P95:F2}x"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {kind} | {rate} | {idle.Median:F1} / {idle.P95:F1} ms | {underFlood.Median:F1} / {underFlood.P95:F1} ms | {underFlood.Median / idle.Median:F2}x / {underFlood.P95 / idle.P95:F2}x | {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}"))} | {floodCpu:P0} |"));
        return 0;
    }

    /// <summary>Failures for each user (and an unknown one), interleaved, each with a new wrong password: latency per target.</summary>
    public static async Task<int> TimingAsync(Arguments args)
    {
        var url = new Uri(args.Get("url"));
        var targets = args.Get("user").Split(',').Prepend("unknown").ToArray();
        var count = args.GetInt("count", 30);
        using var client = Scrapes.NewClient(1);
        var latencies = targets.ToDictionary(t => t, _ => new Latencies());
        for (var i = 0; i < count + 2; i++)
        {
            foreach (var target in targets)
            {
                var header = target == "unknown" ? BadCredentials.ForKind("unknown", "") : BadCredentials.ForKind("distinct", target);
                var (status, elapsed) = await Scrapes.GetAsync(client, url, header);
                if (i >= 2 && status == HttpStatusCode.Unauthorized)
                {
                    latencies[target].Add(elapsed);
                }
            }
        }

        Console.WriteLine("| failure for | median | p95 | n |");
        Console.WriteLine("| --- | --- | --- | --- |");
        foreach (var (target, measured) in latencies)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {target} | {measured.Median:F1} ms | {measured.P95:F1} ms | {measured.Count} |"));
        }

        return 0;
    }

    private static async Task<(Latencies Latencies, double Cpu)> ScrapeForAsync(HttpClient client, Uri url, AuthenticationHeaderValue legit, TimeSpan interval, TimeSpan duration, int pid)
    {
        var cpuBefore = ProcessCpu.Of(pid);
        var wall = Stopwatch.StartNew();
        var latencies = await ScrapeLoopAsync(client, url, legit, interval, duration);
        return (latencies, (ProcessCpu.Of(pid) - cpuBefore) / wall.Elapsed);
    }

    private static async Task<Latencies> ScrapeLoopAsync(HttpClient client, Uri url, AuthenticationHeaderValue legit, TimeSpan interval, TimeSpan duration)
    {
        var latencies = new Latencies();
        var clock = Stopwatch.StartNew();
        var next = TimeSpan.Zero;
        while (clock.Elapsed < duration)
        {
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            next = clock.Elapsed + interval;
            var (status, elapsed) = await Scrapes.GetAsync(client, url, legit);
            if (status != HttpStatusCode.OK)
            {
                Console.WriteLine($"  legitimate scrape answered {StatusText(status)} after {elapsed.TotalMilliseconds:F0} ms");
            }

            latencies.Add(elapsed);
        }

        return latencies;
    }

    private static async Task<(long Sent, long Skipped, ConcurrentDictionary<string, int> Statuses, Latencies Latencies)> FloodLoopAsync(
        HttpClient client, Uri url, Func<AuthenticationHeaderValue> header, double rate, TimeSpan duration)
    {
        var statuses = new ConcurrentDictionary<string, int>();
        var latencies = new Latencies();
        var pending = new List<Task>();
        var inFlight = 0;
        long sent = 0, skipped = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var due = TimeSpan.FromSeconds((sent + skipped) / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            if (Volatile.Read(ref inFlight) >= MaxInFlight)
            {
                skipped++;
                continue;
            }

            sent++;
            Interlocked.Increment(ref inFlight);
            pending.Add(Task.Run(async () =>
            {
                var (status, elapsed) = await Scrapes.GetAsync(client, url, header());
                statuses.AddOrUpdate(StatusText(status), 1, static (_, n) => n + 1);
                latencies.Add(elapsed);
                Interlocked.Decrement(ref inFlight);
            }));
        }

        await Task.WhenAll(pending);
        return (sent, skipped, statuses, latencies);
    }

    private static string StatusText(HttpStatusCode? status) => status is { } code ? ((int)code).ToString(CultureInfo.InvariantCulture) : "error";
}
