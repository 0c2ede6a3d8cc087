using System.Globalization;

namespace Instrumentation.AuthFlood;

/// <summary>CPU time (user + system) a process has used so far, read from <c>/proc/&lt;pid&gt;/stat</c> (Linux; 10 ms resolution).</summary>
internal static class ProcessCpu
{
    // USER_HZ is 100 on every Linux this runs on (getconf CLK_TCK).
    private const double TicksPerSecond = 100;

    public static TimeSpan Of(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name (which may hold spaces) start after the last ')'; utime and stime are the 12th and 13th of them.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
