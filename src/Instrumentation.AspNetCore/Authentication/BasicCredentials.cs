using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;
using Instrumentation.Hosting;
using Instrumentation.Security;

namespace Instrumentation.AspNetCore.Authentication;

/// <summary>
/// Reads an <c>Authorization: Basic &lt;base64(user:password)&gt;</c> header (RFC 7617, UTF-8), refusing anything
/// longer than a real user name and password need before a byte of it is hashed: the header beyond
/// <see cref="MaxHeaderLength"/> characters, a user name beyond <see cref="MetricsUser.MaxUsernameBytes"/> or a
/// password beyond <see cref="PasswordHash.MaxPasswordBytes"/> bytes.
/// </summary>
internal static class BasicCredentials
{
    /// <summary>The longest accepted <c>Authorization</c> header value, in characters.</summary>
    public const int MaxHeaderLength = 1024;

    /// <summary>The longest base64 credentials a user name and password within their caps can make.</summary>
    public const int MaxEncodedLength = (MetricsUser.MaxUsernameBytes + 1 + PasswordHash.MaxPasswordBytes + 2) / 3 * 4;

    private const string Scheme = "Basic ";

    /// <summary>What <see cref="TryDecode"/> found.</summary>
    public enum Result
    {
        /// <summary>A user name and password, each within its cap.</summary>
        Decoded,

        /// <summary>Not basic credentials, not base64, no colon, or not UTF-8.</summary>
        Malformed,

        /// <summary>Longer than the caps allow.</summary>
        TooLong,
    }

    /// <summary>
    /// Decodes <paramref name="header"/> into <paramref name="buffer"/> (at least <see cref="MaxEncodedLength"/>
    /// bytes); the user name and password are slices of it.
    /// </summary>
    public static Result TryDecode(string header, Span<byte> buffer, out int usernameLength, out int passwordStart, out int length)
    {
        usernameLength = passwordStart = length = 0;
        if (header.Length > MaxHeaderLength)
        {
            return Result.TooLong;
        }

        if (header.Length <= Scheme.Length || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return Result.Malformed;
        }

        var encoded = header.AsSpan(Scheme.Length).Trim();
        if (encoded.Length == 0)
        {
            return Result.Malformed;
        }

        if (encoded.Length > MaxEncodedLength)
        {
            return Result.TooLong;
        }

        var ascii = buffer[..encoded.Length];
        if (!Ascii.IsValid(encoded) || Encoding.ASCII.GetBytes(encoded, ascii) != encoded.Length)
        {
            return Result.Malformed;
        }

        if (Base64.DecodeFromUtf8InPlace(ascii, out length) != OperationStatus.Done)
        {
            return Result.Malformed;
        }

        var decoded = buffer[..length];
        var colon = decoded.IndexOf((byte)':');
        if (colon < 0 || !Utf8.IsValid(decoded))
        {
            return Result.Malformed;
        }

        if (colon > MetricsUser.MaxUsernameBytes || length - colon - 1 > PasswordHash.MaxPasswordBytes)
        {
            return Result.TooLong;
        }

        usernameLength = colon;
        passwordStart = colon + 1;
        return Result.Decoded;
    }
}
