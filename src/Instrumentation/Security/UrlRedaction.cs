namespace Instrumentation.Security;

/// <summary>
/// Hides the parts of a configured URL that can carry credentials, before the URL goes into a validation message or
/// a log line: the user info (<c>user:password@</c>) and everything from the query string on (<c>?token=...</c>,
/// <c>#...</c>). Works on text that is not a valid URL too, since that is what validation messages print.
/// Every message or log line of this library that shows a configured URL goes through it.
/// </summary>
internal static class UrlRedaction
{
    /// <summary>What stands in for a hidden part.</summary>
    public const string Mask = "***";

    /// <summary>
    /// <paramref name="url"/> with its user info replaced by <see cref="Mask"/> (<c>http://***@host/</c>) and its
    /// query and fragment too (<c>http://host/path?***</c>); the scheme, host, port and path stay, so the message
    /// still says which URL is meant. Null gives an empty string.
    /// </summary>
    public static string Redact(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return string.Empty;
        }

        var queryStart = url.AsSpan().IndexOfAny('?', '#');
        var head = queryStart < 0 ? url : url[..queryStart];
        var tail = queryStart < 0 ? string.Empty : url[queryStart] + Mask;

        // User info ends at the last '@' before the query; it starts after the scheme and its slashes, or at the
        // start when there is no scheme ("user:password@host:9091"). A '@' in the path hides the host too: better
        // too much than a password.
        var at = head.LastIndexOf('@');
        if (at >= 0)
        {
            var start = AfterScheme(head);
            if (at >= start)
            {
                head = string.Concat(head.AsSpan(0, start), Mask, head.AsSpan(at));
            }
        }

        return head + tail;
    }

    /// <summary>
    /// <paramref name="url"/> as it was written (<see cref="Uri.OriginalString"/>), redacted: <see cref="Uri.ToString"/>
    /// can escape a '?' it does not take for a query (<c>ftp://host/?key=...</c> becomes <c>/%3Fkey=...</c>) and so
    /// hide it from redaction.
    /// </summary>
    public static string Redact(Uri? url) => Redact(url?.OriginalString);

    /// <summary>Where the authority starts: after <c>scheme:</c> and any slashes or backslashes, or 0 without a scheme.</summary>
    private static int AfterScheme(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(text[0]))
        {
            return 0;
        }

        for (var i = 1; i < colon; i++)
        {
            var c = text[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not '+' and not '-' and not '.')
            {
                return 0;
            }
        }

        var start = colon + 1;
        while (start < text.Length && text[start] is '/' or '\\')
        {
            start++;
        }

        // "user:password@host" has no scheme: its "scheme" would be followed by no slash and contain the '@' after it.
        return start == colon + 1 ? 0 : start;
    }
}
