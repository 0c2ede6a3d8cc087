using System.Diagnostics.Metrics;

namespace Instrumentation.Tests.TestSupport;

/// <summary>
/// Listens the way dotnet-counters does: a <see cref="MeterListener"/> that enables every instrument of
/// one meter (by name) and records the published instruments and the measurements it is sent.
/// </summary>
public sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _meterName;
    private readonly Lock _lock = new();
    private readonly List<Instrument> _instruments = [];
    private readonly List<RecordedMeasurement> _measurements = [];

    /// <summary>Starts listening to the meter named <paramref name="meterName"/>.</summary>
    public MeterRecorder(string meterName)
    {
        _meterName = meterName;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == _meterName)
            {
                lock (_lock)
                {
                    _instruments.Add(instrument);
                }

                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>The instruments of the meter published to this listener.</summary>
    public IReadOnlyList<Instrument> Instruments
    {
        get
        {
            lock (_lock)
            {
                return _instruments.ToArray();
            }
        }
    }

    /// <summary>The measurements received so far.</summary>
    public IReadOnlyList<RecordedMeasurement> Measurements
    {
        get
        {
            lock (_lock)
            {
                return _measurements.ToArray();
            }
        }
    }

    /// <summary>The published instrument named <paramref name="name"/>; throws when there is none.</summary>
    public Instrument Instrument(string name) =>
        Instruments.SingleOrDefault(i => i.Name == name)
        ?? throw new InvalidOperationException($"No instrument '{name}' was published on meter '{_meterName}'.");

    /// <summary>Forgets the measurements, then polls every observable instrument, as a collection does.</summary>
    public IReadOnlyList<RecordedMeasurement> RecordObservableInstruments()
    {
        lock (_lock)
        {
            _measurements.Clear();
        }

        _listener.RecordObservableInstruments();
        return Measurements;
    }

    /// <summary>Stops receiving measurements from the instrument named <paramref name="name"/>.</summary>
    public void Disable(string name) => _listener.DisableMeasurementEvents(Instrument(name));

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy.Add(tag.Key, tag.Value?.ToString());
        }

        lock (_lock)
        {
            _measurements.Add(new RecordedMeasurement(instrument.Name, value, copy));
        }
    }
}
