using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Instrumentation.Collectors;

/// <summary>
/// Parses a time span written the way systemd writes them: <c>30s</c>, <c>5m</c>, <c>2min</c>,
/// <c>1h 30m</c>, <c>1h30m</c>, <c>500ms</c>, <c>1.5h</c>, <c>1d</c>. A bare number is seconds.
/// </summary>
/// <remarks>
/// Units: <c>us</c>/<c>usec</c>/<c>µs</c>, <c>ms</c>/<c>msec</c>, <c>s</c>/<c>sec</c>/<c>second</c>/<c>seconds</c>,
/// <c>m</c>/<c>min</c>/<c>minute</c>/<c>minutes</c>, <c>h</c>/<c>hr</c>/<c>hour</c>/<c>hours</c>,
/// <c>d</c>/<c>day</c>/<c>days</c>, <c>w</c>/<c>week</c>/<c>weeks</c>. Units are case-sensitive as in
/// systemd (<c>M</c> would be months there; it is not accepted here). The result must be positive.
/// </remarks>
public static class IntervalParser
{
    /// <summary>The accepted units, as error messages list them.</summary>
    public const string AcceptedUnits = "us, ms, s, m (or min), h, d, w; for example '30s', '5m', '1h 30m', '500ms'";

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">The text is not a positive span; the message names it and the accepted units.</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var interval, out var error) ? interval : throw new FormatException(error);
    }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why, naming the text and the accepted units.</summary>
    public static bool TryParse(string? text, out TimeSpan interval, [NotNullWhen(false)] out string? error)
    {
        interval = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"Interval '{text}' is empty; write a number and a unit: {AcceptedUnits}.";
            return false;
        }

        var span = text.AsSpan();
        var ticks = 0m;
        var position = 0;
        while (true)
        {
            position = SkipSpaces(span, position);
            if (position == span.Length)
            {
                break;
            }

            var numberStart = position;
            while (position < span.Length && (char.IsAsciiDigit(span[position]) || span[position] == '.'))
            {
                position++;
            }

            if (position == numberStart
                || !decimal.TryParse(span[numberStart..position], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                error = $"Interval '{text}' is not valid: expected a number at position {numberStart + 1}; write a number and a unit: {AcceptedUnits}.";
                return false;
            }

            position = SkipSpaces(span, position);
            var unitStart = position;
            while (position < span.Length && char.IsLetter(span[position]))
            {
                position++;
            }

            var unit = span[unitStart..position];
            long unitTicks;
            if (unit.IsEmpty)
            {
                unitTicks = TimeSpan.TicksPerSecond;
            }
            else if (!TryGetUnitTicks(unit, out unitTicks))
            {
                error = $"Interval '{text}' has an unknown unit '{unit}'; accepted units: {AcceptedUnits}.";
                return false;
            }

            ticks += number * unitTicks;
            if (ticks > TimeSpan.MaxValue.Ticks)
            {
                error = $"Interval '{text}' is too long.";
                return false;
            }
        }

        if (ticks < 1)
        {
            error = $"Interval '{text}' must be longer than zero; for example '30s' or '5m'.";
            return false;
        }

        interval = TimeSpan.FromTicks((long)ticks);
        error = null;
        return true;
    }

    private static int SkipSpaces(ReadOnlySpan<char> span, int position)
    {
        while (position < span.Length && char.IsWhiteSpace(span[position]))
        {
            position++;
        }

        return position;
    }

    private static bool TryGetUnitTicks(ReadOnlySpan<char> unit, out long ticks)
    {
        ticks = unit switch
        {
            "us" or "usec" or "µs" => TimeSpan.TicksPerMicrosecond,
            "ms" or "msec" => TimeSpan.TicksPerMillisecond,
            "s" or "sec" or "second" or "seconds" => TimeSpan.TicksPerSecond,
            "m" or "min" or "minute" or "minutes" => TimeSpan.TicksPerMinute,
            "h" or "hr" or "hour" or "hours" => TimeSpan.TicksPerHour,
            "d" or "day" or "days" => TimeSpan.TicksPerDay,
            "w" or "week" or "weeks" => TimeSpan.TicksPerDay * 7,
            _ => 0,
        };
        return ticks > 0;
    }
}
