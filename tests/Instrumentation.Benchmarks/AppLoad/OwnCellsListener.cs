using System.Diagnostics.Metrics;
using System.Globalization;
using Instrumentation.Instruments;

namespace Instrumentation.Benchmarks.AppLoad;

/// <summary>
/// A prototype for <see cref="AppConfiguration.OursOwnCellsPrototype"/>: ASP.NET Core's request duration and active
/// requests recorded through a <c>MeterListener</c> straight into our own cells (a label lookup and an
/// <c>Observe</c>), instead of the OpenTelemetry SDK's aggregator store. What that design would cost per request.
/// </summary>
internal static class OwnCellsListener
{
    private static readonly string[] DurationLabels = ["http_request_method", "http_response_status_code", "http_route", "network_protocol_version", "url_scheme"];

    public static MeterListener Start(MetricFactory factory)
    {
        var duration = factory.CreateHistogram("aspnetcore_prototype_request_duration_seconds", "Prototype.", DurationLabels, unit: "seconds");
        var active = factory.CreateGauge("aspnetcore_prototype_active_requests", "Prototype.", ["http_request_method", "url_scheme"]);
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument, instrument.Name switch
                    {
                        "http.server.request.duration" => duration,
                        "http.server.active_requests" => active,
                        _ => null,
                    });
                }
            },
        };
        listener.SetMeasurementEventCallback<double>(static (instrument, value, tags, state) =>
        {
            if (state is not Histogram histogram)
            {
                return;
            }

            string method = "", status = "", route = "", protocol = "", scheme = "";
            foreach (var tag in tags)
            {
                switch (tag.Key)
                {
                    case "http.request.method": method = tag.Value as string ?? ""; break;
                    case "http.response.status_code": status = tag.Value is int code ? StatusText(code) : ""; break;
                    case "http.route": route = tag.Value as string ?? ""; break;
                    case "network.protocol.version": protocol = tag.Value as string ?? ""; break;
                    case "url.scheme": scheme = tag.Value as string ?? ""; break;
                }
            }

            histogram.WithLabels(method, status, route, protocol, scheme).Observe(value);
        });
        listener.SetMeasurementEventCallback<long>(static (instrument, value, tags, state) =>
        {
            if (state is not Gauge gauge)
            {
                return;
            }

            string method = "", scheme = "";
            foreach (var tag in tags)
            {
                switch (tag.Key)
                {
                    case "http.request.method": method = tag.Value as string ?? ""; break;
                    case "url.scheme": scheme = tag.Value as string ?? ""; break;
                }
            }

            gauge.WithLabels(method, scheme).Inc(value);
        });
        listener.SetMeasurementEventCallback<int>(static (_, _, _, _) => { });
        listener.Start();
        return listener;
    }

    private static readonly string[] StatusTexts = CreateStatusTexts();

    private static string StatusText(int code) => (uint)code < (uint)StatusTexts.Length ? StatusTexts[code] : code.ToString(CultureInfo.InvariantCulture);

    private static string[] CreateStatusTexts()
    {
        var texts = new string[600];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return texts;
    }
}
