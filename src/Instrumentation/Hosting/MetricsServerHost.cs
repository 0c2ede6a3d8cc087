using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Instrumentation.Hosting;

/// <summary>
/// <see cref="MetricsServerOptions.Host"/> parsed: every interface (<c>*</c>), <c>localhost</c> (both loopbacks), or
/// one IP address (IPv4 in dotted-quad form, or IPv6 with or without brackets: <c>::1</c>, <c>[::1]</c>). Shared
/// by start-up validation and the server, so what validation accepts is what the server can bind.
/// </summary>
internal readonly record struct MetricsServerHost
{
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");
    private static readonly SearchValues<char> NotInIPv6 = SearchValues.Create("[]/");

    private const string Expected =
        "must be an IP address (IPv4 such as '127.0.0.1', or IPv6 such as '::1' or '[::1]'), 'localhost' or '*' (every interface); host names other than 'localhost' are not resolved.";

    private MetricsServerHost(MetricsServerHostKind kind, IPAddress? address)
    {
        Kind = kind;
        Address = address;
    }

    public MetricsServerHostKind Kind { get; }

    /// <summary>The address to listen on when <see cref="Kind"/> is <see cref="MetricsServerHostKind.Address"/>.</summary>
    public IPAddress? Address { get; }

    /// <summary>
    /// Parses <paramref name="host"/>; on failure <paramref name="error"/> says what is wrong and how to fix it,
    /// starting after the option's name and value (the caller names them).
    /// </summary>
    public static bool TryParse(string? host, out MetricsServerHost parsed, out string error)
    {
        parsed = default;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(host))
        {
            error = "is empty; " + Expected;
            return false;
        }

        if (host == "*")
        {
            parsed = new MetricsServerHost(MetricsServerHostKind.AnyAddress, null);
            return true;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            parsed = new MetricsServerHost(MetricsServerHostKind.Localhost, null);
            return true;
        }

        if (HasPort(host))
        {
            error = "has a port; put the port in Metrics:Server:Port and only the address here (for example '127.0.0.1' or '::1').";
            return false;
        }

        var literal = host.Length > 2 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        if (TryParseIPv6(literal, out var address) || (ReferenceEquals(literal, host) && TryParseIPv4(host, out address)))
        {
            parsed = new MetricsServerHost(MetricsServerHostKind.Address, address);
            return true;
        }

        error = Expected;
        return false;
    }

    /// <summary>Parses a host that validation accepted.</summary>
    /// <exception cref="ArgumentException"><paramref name="host"/> is not valid (the options skipped validation).</exception>
    public static MetricsServerHost Parse(string? host) =>
        TryParse(host, out var parsed, out var error) ? parsed : throw new ArgumentException($"Metrics:Server:Host '{host}' {error}", nameof(host));

    /// <summary>
    /// The URL the server is reachable at on <paramref name="port"/> and <paramref name="path"/>, IPv6 literals in
    /// brackets (<c>http://[::1]:5001/metrics</c>); <c>localhost</c> for every interface.
    /// </summary>
    public Uri Url(int port, string path) =>
        new($"http://{(Kind == MetricsServerHostKind.AnyAddress ? $"localhost:{port}" : Endpoint(port))}{path}");

    /// <summary>What the server listens on, for messages: <c>127.0.0.1:5001</c>, <c>[::1]:5001</c>, <c>localhost:5001</c>, <c>*:5001</c>.</summary>
    public string Endpoint(int port) => Kind switch
    {
        MetricsServerHostKind.Address => new IPEndPoint(Address!, port).ToString(),
        MetricsServerHostKind.Localhost => $"localhost:{port}",
        _ => $"*:{port}",
    };

    /// <summary>
    /// A port after a bracketed IPv6 address (<c>[::1]:9100</c>) or after anything else with exactly one colon
    /// (<c>127.0.0.1:9100</c>, <c>localhost:9100</c>): no IPv6 address has a single colon.
    /// </summary>
    private static bool HasPort(string host) =>
        host[0] == '[' ? host.Contains("]:", StringComparison.Ordinal) : host.Count(static c => c == ':') == 1;

    private static bool TryParseIPv6(string text, out IPAddress? address)
    {
        address = null;
        if (text.Contains(':', StringComparison.Ordinal)
            && !text.AsSpan().ContainsAny(NotInIPv6)
            && IPAddress.TryParse(text, out var parsed)
            && parsed.AddressFamily == AddressFamily.InterNetworkV6)
        {
            address = parsed;
        }

        return address is not null;
    }

    /// <summary>Dotted-quad decimal only: <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> also takes <c>127.1</c> and <c>0x7f.1</c>.</summary>
    private static bool TryParseIPv4(string text, out IPAddress? address)
    {
        address = null;
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            // No leading zeros either: some parsers read them as octal.
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') || part.AsSpan().ContainsAnyExcept(Digits))
            {
                return false;
            }
        }

        if (IPAddress.TryParse(text, out var parsed) && parsed.AddressFamily == AddressFamily.InterNetwork)
        {
            address = parsed;
        }

        return address is not null;
    }
}
