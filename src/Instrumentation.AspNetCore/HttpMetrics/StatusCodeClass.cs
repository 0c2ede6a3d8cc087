using System.Globalization;
using Instrumentation.AspNetCore.EndpointMetrics;

namespace Instrumentation.AspNetCore.HttpMetrics;

/// <summary>The class of an HTTP status code as a label value: <c>2xx</c> for 200 to 299, and so on; other codes stay exact.</summary>
internal static class StatusCodeClass
{
    private static readonly string[] Classes = ["1xx", "2xx", "3xx", "4xx", "5xx"];

    public static string Of(int statusCode) =>
        statusCode is >= 100 and < 600 ? Classes[(statusCode / 100) - 1] : HttpLabelValues.StatusCode(statusCode);

    /// <summary>The class of a status code already formatted as a tag value; a value that is no such code is returned as it is.</summary>
    public static string Of(string statusCode) =>
        int.TryParse(statusCode, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and < 600
            ? Classes[(code / 100) - 1]
            : statusCode;
}
