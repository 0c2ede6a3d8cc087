using System.Diagnostics;
using System.Globalization;
using Instrumentation.Security;

namespace Instrumentation.AuthFlood;

/// <summary>How long one verification takes, by scheme and password length (median of a few, in this process).</summary>
internal static class HashCosts
{
    public static int Run(Arguments args)
    {
        var repeats = args.GetInt("repeats", 7);
        var schemes = new (string Name, Func<string, string> Hash)[]
        {
            ("sha512-crypt, 5000 rounds", static p => PasswordHash.HashSha512Crypt(p)),
            ("PBKDF2-SHA256, 600,000 iterations", static p => PasswordHash.HashPbkdf2(p)),
        };
        Console.WriteLine("| hash | 8-byte password | 64 bytes | 256 bytes (the cap) | 3000 bytes (refused since) |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var (name, hash) in schemes)
        {
            var stored = hash("the-password");
            var cells = new List<string>();
            foreach (var length in new[] { 8, 64, 256, 3000 })
            {
                var guess = new string('g', length);
                PasswordHash.Verify(guess, stored); // warm-up
                var times = new double[repeats];
                for (var i = 0; i < repeats; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    PasswordHash.Verify(guess, stored);
                    times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }

                Array.Sort(times);
                cells.Add(string.Create(CultureInfo.InvariantCulture, $"{times[repeats / 2]:F1} ms"));
            }

            Console.WriteLine($"| {name} | {string.Join(" | ", cells)} |");
        }

        return 0;
    }
}
