using System.Globalization;

namespace Instrumentation.AuthFlood;

/// <summary>Command-line options as <c>--name value</c> pairs (a name may repeat).</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public static Arguments Parse(string[] args)
    {
        var parsed = new Arguments();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected an option at '{args[i]}'.");
            }

            var name = args[i][2..];
            if (!parsed._values.TryGetValue(name, out var list))
            {
                parsed._values[name] = list = [];
            }

            list.Add(args[i + 1]);
        }

        return parsed;
    }

    public string Get(string name) =>
        _values.TryGetValue(name, out var list) ? list[^1] : throw new ArgumentException($"--{name} is required.");

    public string Get(string name, string fallback) => _values.TryGetValue(name, out var list) ? list[^1] : fallback;

    public int GetInt(string name, int fallback) =>
        _values.TryGetValue(name, out var list) ? int.Parse(list[^1], CultureInfo.InvariantCulture) : fallback;

    public double GetDouble(string name, double fallback) =>
        _values.TryGetValue(name, out var list) ? double.Parse(list[^1], CultureInfo.InvariantCulture) : fallback;

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];
}
