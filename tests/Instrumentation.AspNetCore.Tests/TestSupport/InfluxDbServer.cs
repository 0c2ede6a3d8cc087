using System.Globalization;
using System.Text.Json;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// A real InfluxDB 1.x (Debian's <c>influxdb</c>, binary <c>influxd</c>) with a generated configuration:
/// meta, data and WAL in a temporary directory, HTTP and the RPC service on free 127.0.0.1 ports,
/// reporting, monitoring and every other listener off.
/// </summary>
internal static class InfluxDbServer
{
    public static Task<LocalServerProcess> StartAsync() => StartAsync(Directory.CreateTempSubdirectory("instrumentation-influxdb-").FullName, FreePort.Next());

    /// <summary>Starts influxd on <paramref name="port"/> over <paramref name="directory"/> (again, after a stop).</summary>
    public static async Task<LocalServerProcess> StartAsync(string directory, int port)
    {
        var binary = ExternalTool.Require("influxd", "influxdb");
        var config = Path.Combine(directory, "influxdb.conf");
        await File.WriteAllTextAsync(config, $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{FreePort.Next()}"

            [meta]
              dir = "{Path.Combine(directory, "meta")}"
              logging-enabled = false

            [data]
              dir = "{Path.Combine(directory, "data")}"
              wal-dir = "{Path.Combine(directory, "wal")}"
              query-log-enabled = false

            [monitor]
              store-enabled = false

            [continuous_queries]
              enabled = false

            [http]
              enabled = true
              bind-address = "127.0.0.1:{port}"
              log-enabled = false
              pprof-enabled = false

            [logging]
              level = "warn"
              suppress-logo = true
            """);
        return await LocalServerProcess.StartAsync(binary, ["-config", config], directory, port, "/ping");
    }

    public static async Task CreateDatabaseAsync(this LocalServerProcess server, string database)
    {
        using var response = await server.Http.PostAsync($"/query?q={Uri.EscapeDataString($"CREATE DATABASE \"{database}\"")}", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Runs an InfluxQL query and returns the rows of its first series as column-to-value maps (times in ns).</summary>
    public static async Task<IReadOnlyList<Dictionary<string, JsonElement>>> QueryAsync(this LocalServerProcess server, string database, string influxQl)
    {
        var json = await server.Http.GetStringAsync($"/query?db={Uri.EscapeDataString(database)}&epoch=ns&q={Uri.EscapeDataString(influxQl)}");
        using var document = JsonDocument.Parse(json);
        var result = document.RootElement.GetProperty("results")[0];
        if (result.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"InfluxDB refused '{influxQl}': {error.GetString()}");
        }

        var rows = new List<Dictionary<string, JsonElement>>();
        if (!result.TryGetProperty("series", out var series))
        {
            return rows;
        }

        var first = series[0];
        var columns = first.GetProperty("columns").EnumerateArray().Select(static c => c.GetString()!).ToArray();
        foreach (var values in first.GetProperty("values").EnumerateArray())
        {
            var row = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            var i = 0;
            foreach (var value in values.EnumerateArray())
            {
                row[columns[i++]] = value.Clone();
            }

            rows.Add(row);
        }

        return rows;
    }

    public static double Number(this JsonElement value) => value.ValueKind == JsonValueKind.Number
        ? value.GetDouble()
        : double.Parse(value.GetString()!, CultureInfo.InvariantCulture);
}
