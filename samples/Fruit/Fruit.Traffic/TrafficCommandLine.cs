using System.CommandLine;
using System.CommandLine.Parsing;

namespace Fruit.Traffic;

/// <summary>
/// The traffic tool's options. System.CommandLine 3.0 converts only types it knows (not <see cref="Uri"/>), so
/// <c>--url</c> parses its own value: an absolute http or https address.
/// </summary>
public static class TrafficCommandLine
{
    /// <summary>The default frontend address: the launcher's default frontend port.</summary>
    public static readonly Uri DefaultUrl = new("http://127.0.0.1:5000");

    /// <summary><c>--url</c>: the frontend's address, <see cref="DefaultUrl"/> when absent.</summary>
    public static Option<Uri> CreateUrlOption() => new("--url")
    {
        Description = "The frontend's address, e.g. http://127.0.0.1:5000",
        DefaultValueFactory = static _ => DefaultUrl,
        CustomParser = ParseUrl,
    };

    private static Uri? ParseUrl(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return url;
        }

        result.AddError($"--url: '{text}' is not an absolute http or https address, e.g. http://127.0.0.1:5000.");
        return null;
    }
}
