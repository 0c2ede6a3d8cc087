using System.Diagnostics.CodeAnalysis;

namespace Instrumentation.Collectors;

/// <summary>The flags <see cref="CollectorCommandLine"/> understands.</summary>
internal sealed record CollectorCommandLineArguments(bool DryRun, bool Verbose, bool Help)
{
    public const string Usage = """
        Runs the collector once and exits (0: it succeeded, 1: it failed, 2: bad arguments).
          --once       accepted and ignored, so the program can switch on it and pass its args on
          --dry-run    push and serve nothing: print the metrics the collector set as a table
          --verbose    debug logs (-v)
          --help       this text (-h)
        """;

    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out CollectorCommandLineArguments? parsed, [NotNullWhen(false)] out string? error)
    {
        bool dryRun = false, verbose = false, help = false;
        foreach (var arg in args)
        {
            switch (arg)
            {
                case "--once":
                    break;
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--verbose" or "-v":
                    verbose = true;
                    break;
                case "--help" or "-h" or "-?":
                    help = true;
                    break;
                default:
                    parsed = null;
                    error = $"Unknown argument '{arg}'. Accepted: --once, --dry-run, --verbose (-v), --help (-h).";
                    return false;
            }
        }

        parsed = new CollectorCommandLineArguments(dryRun, verbose, help);
        error = null;
        return true;
    }
}
