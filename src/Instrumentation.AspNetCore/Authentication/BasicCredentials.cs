using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;

namespace Instrumentation.AspNetCore.Authentication;

/// <summary>Reads an <c>Authorization: Basic &lt;base64(user:password)&gt;</c> header (RFC 7617, UTF-8).</summary>
internal static class BasicCredentials
{
    /// <summary>Longest accepted base64 credentials: generous for any real user and password, cheap to refuse beyond.</summary>
    public const int MaxEncodedLength = 4096;

    private const string Scheme = "Basic ";

    /// <summary>
    /// Decodes <paramref name="header"/> into <paramref name="buffer"/> (at least <see cref="MaxEncodedLength"/>
    /// bytes); the user name and password are slices of it.
    /// </summary>
    public static bool TryDecode(string header, Span<byte> buffer, out int usernameLength, out int passwordStart, out int length)
    {
        usernameLength = passwordStart = length = 0;
        if (header.Length <= Scheme.Length || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var encoded = header.AsSpan(Scheme.Length).Trim();
        if (encoded.Length == 0 || encoded.Length > MaxEncodedLength)
        {
            return false;
        }

        var ascii = buffer[..encoded.Length];
        if (Encoding.ASCII.GetBytes(encoded, ascii) != encoded.Length)
        {
            return false;
        }

        if (Base64.DecodeFromUtf8InPlace(ascii, out length) != OperationStatus.Done)
        {
            return false;
        }

        var decoded = buffer[..length];
        var colon = decoded.IndexOf((byte)':');
        if (colon < 0 || !Utf8.IsValid(decoded))
        {
            return false;
        }

        usernameLength = colon;
        passwordStart = colon + 1;
        return true;
    }
}
