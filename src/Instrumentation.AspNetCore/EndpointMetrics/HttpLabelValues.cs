using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Instrumentation.AspNetCore.EndpointMetrics;

/// <summary>Label values for HTTP requests without allocating: known methods and cached status code strings.</summary>
internal static class HttpLabelValues
{
    /// <summary>The method label of a request whose method is not a standard one, so clients cannot invent series.</summary>
    public const string OtherMethod = "_OTHER";

    private static readonly string[] StatusCodes = CreateStatusCodes();

    public static string Method(string method) =>
        HttpMethods.IsGet(method) ? HttpMethods.Get
        : HttpMethods.IsPost(method) ? HttpMethods.Post
        : HttpMethods.IsPut(method) ? HttpMethods.Put
        : HttpMethods.IsDelete(method) ? HttpMethods.Delete
        : HttpMethods.IsPatch(method) ? HttpMethods.Patch
        : HttpMethods.IsHead(method) ? HttpMethods.Head
        : HttpMethods.IsOptions(method) ? HttpMethods.Options
        : HttpMethods.IsTrace(method) ? HttpMethods.Trace
        : HttpMethods.IsConnect(method) ? HttpMethods.Connect
        : OtherMethod;

    public static string StatusCode(int statusCode) =>
        statusCode is >= 100 and < 600 ? StatusCodes[statusCode - 100] : statusCode.ToString(CultureInfo.InvariantCulture);

    private static string[] CreateStatusCodes()
    {
        var codes = new string[500];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = (i + 100).ToString(CultureInfo.InvariantCulture);
        }

        return codes;
    }
}
