using System.Diagnostics.Metrics;

namespace Instrumentation.Benchmarks.AppLoad;

/// <summary>Listens to ASP.NET Core's meters and drops every measurement (<see cref="AppConfiguration.BareWithNoOpListener"/>).</summary>
internal static class NoOpListener
{
    public static MeterListener Start()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
        listener.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
        listener.SetMeasurementEventCallback<int>(static (_, _, _, _) => { });
        listener.Start();
        return listener;
    }
}
