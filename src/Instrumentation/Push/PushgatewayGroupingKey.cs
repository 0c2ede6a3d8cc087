using System.Buffers.Text;
using System.Text;

namespace Instrumentation.Push;

/// <summary>
/// Builds the Pushgateway path of a grouping key: <c>/metrics/job/&lt;job&gt;{/&lt;label&gt;/&lt;value&gt;}</c>.
/// </summary>
/// <remarks>
/// <para>
/// As the Pushgateway documents, a job name or label value that contains <c>/</c> (which would split the
/// path) is sent base64-encoded, URL-safe alphabet without padding, after the name suffixed
/// <c>@base64</c>; an empty value becomes <c>@base64/=</c> (an empty segment would be lost when the path
/// is cleaned). So is a value that is a dot segment, <c>.</c> or <c>..</c>: <see cref="Uri"/> (and any
/// proxy on the way) removes those from a path, which would push to another group
/// (<c>zone=..</c> would replace the job's own group). Every other value is percent-encoded, keeping only
/// RFC 3986 unreserved characters, so no segment of the path is ever <c>.</c> or <c>..</c>.
/// </para>
/// <para>Labels are written in ordinal order of their names, so the same key always gives the same path.</para>
/// </remarks>
internal static class PushgatewayGroupingKey
{
    public static string Path(string job, IEnumerable<KeyValuePair<string, string>> labels)
    {
        var path = new StringBuilder("/metrics");
        Append(path, "job", job);
        foreach (var label in labels.OrderBy(static l => l.Key, StringComparer.Ordinal))
        {
            Append(path, label.Key, label.Value);
        }

        return path.ToString();
    }

    private static void Append(StringBuilder path, string name, string value)
    {
        path.Append('/').Append(name);
        if (value.Length == 0)
        {
            path.Append("@base64/=");
        }
        else if (value.Contains('/', StringComparison.Ordinal) || IsDotSegment(value))
        {
            path.Append("@base64/").Append(Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value)));
        }
        else
        {
            path.Append('/').Append(Uri.EscapeDataString(value));
        }
    }

    /// <summary>Whether <paramref name="value"/>, as a path segment, would be removed by path normalization (RFC 3986, 5.2.4).</summary>
    private static bool IsDotSegment(string value) => value is "." or "..";
}
