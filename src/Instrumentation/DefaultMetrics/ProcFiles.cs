using System.Buffers.Text;
using System.IO.Enumeration;

namespace Instrumentation.DefaultMetrics;

/// <summary>
/// Reads and parses the Linux <c>/proc</c> files the process metrics come from, into caller buffers:
/// no allocation beyond the file handle.
/// </summary>
internal static class ProcFiles
{
    /// <summary>The values of <c>/proc/[pid]/stat</c> the process metrics need.</summary>
    public readonly record struct Stat(long UserTicks, long SystemTicks, long Threads, long StartTicks, long VirtualBytes, long ResidentPages);

    /// <summary>Reads the whole file into <paramref name="buffer"/>; returns the bytes read, or -1 when it cannot be read.</summary>
    public static int Read(string path, Span<byte> buffer)
    {
        try
        {
            using var handle = File.OpenHandle(path);
            var total = 0;
            int read;
            while (total < buffer.Length && (read = RandomAccess.Read(handle, buffer[total..], total)) > 0)
            {
                total += read;
            }

            return total;
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>Parses <c>/proc/[pid]/stat</c>: the fields after the command name in parentheses (which may hold spaces).</summary>
    public static bool TryParseStat(ReadOnlySpan<byte> text, out Stat stat)
    {
        stat = default;
        var close = text.LastIndexOf((byte)')');
        if (close < 0)
        {
            return false;
        }

        // Field 3 (state) is the first after ')'; field n is token n - 3.
        var rest = text[(close + 1)..];
        long utime = 0, stime = 0, threads = 0, start = 0, vsize = 0, rss = 0;
        var token = 0;
        var found = 0;
        while (!rest.IsEmpty && token <= 21)
        {
            rest = rest.TrimStart((byte)' ');
            var end = rest.IndexOfAny((byte)' ', (byte)'\n');
            var field = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[end..];
            switch (token)
            {
                case 11: found += Utf8Parser.TryParse(field, out utime, out _) ? 1 : 0; break;
                case 12: found += Utf8Parser.TryParse(field, out stime, out _) ? 1 : 0; break;
                case 17: found += Utf8Parser.TryParse(field, out threads, out _) ? 1 : 0; break;
                case 19: found += Utf8Parser.TryParse(field, out start, out _) ? 1 : 0; break;
                case 20: found += Utf8Parser.TryParse(field, out vsize, out _) ? 1 : 0; break;
                case 21: found += Utf8Parser.TryParse(field, out rss, out _) ? 1 : 0; break;
                default: break;
            }

            token++;
        }

        stat = new Stat(utime, stime, threads, start, vsize, rss);
        return found == 6;
    }

    /// <summary>Parses the soft limit of "Max open files" from <c>/proc/[pid]/limits</c>; <c>unlimited</c> is +Inf.</summary>
    public static bool TryParseMaxOpenFiles(ReadOnlySpan<byte> text, out double limit)
    {
        limit = 0;
        var at = text.IndexOf("Max open files"u8);
        if (at < 0)
        {
            return false;
        }

        var rest = text[(at + "Max open files".Length)..].TrimStart((byte)' ');
        var end = rest.IndexOfAny((byte)' ', (byte)'\n');
        var field = end < 0 ? rest : rest[..end];
        if (field.SequenceEqual("unlimited"u8))
        {
            limit = double.PositiveInfinity;
            return true;
        }

        if (Utf8Parser.TryParse(field, out long value, out var consumed) && consumed == field.Length)
        {
            limit = value;
            return true;
        }

        return false;
    }

    /// <summary>Parses the boot time (<c>btime</c>, Unix seconds) from <c>/proc/stat</c>.</summary>
    public static bool TryParseBootTime(ReadOnlySpan<byte> text, out long bootUnixSeconds)
    {
        bootUnixSeconds = 0;
        var at = text.IndexOf("\nbtime "u8);
        if (at < 0)
        {
            return false;
        }

        var rest = text[(at + "\nbtime ".Length)..];
        var end = rest.IndexOf((byte)'\n');
        return Utf8Parser.TryParse(end < 0 ? rest : rest[..end], out bootUnixSeconds, out _);
    }

    /// <summary>Counts the entries of a directory (the open descriptors in <c>/proc/[pid]/fdinfo</c>) without a string per entry; -1 when it cannot be read.</summary>
    public static long CountEntries(string directory)
    {
        try
        {
            var entries = new FileSystemEnumerable<byte>(directory, static (ref FileSystemEntry _) => 0);
            long count = 0;
            foreach (var _ in entries)
            {
                count++;
            }

            return count;
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }
}
