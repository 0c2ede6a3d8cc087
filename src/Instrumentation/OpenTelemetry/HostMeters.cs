using System.Diagnostics.Metrics;

namespace Instrumentation.OpenTelemetry;

/// <summary>Tells a meter of one host from the same-named meter of another host in the same process.</summary>
internal static class HostMeters
{
    /// <summary>
    /// True when <paramref name="meter"/> was created through an <see cref="IMeterFactory"/> other than
    /// <paramref name="host"/>: the factory is the meter's <see cref="Meter.Scope"/>. A meter created without a
    /// factory belongs to the whole process; with no <paramref name="host"/> given, every meter is kept.
    /// </summary>
    public static bool BelongsToAnotherHost(Meter meter, IMeterFactory? host) =>
        host is not null && meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, host);
}
