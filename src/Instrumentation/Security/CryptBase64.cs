using System.Buffers;

namespace Instrumentation.Security;

/// <summary>
/// The base-64 variants of password hash strings: crypt's alphabet (<c>./0-9A-Za-z</c>, little-endian
/// groups, used by sha512-crypt) and passlib's "adapted base64" (standard base64 with <c>.</c> for
/// <c>+</c> and no padding, used by its PBKDF2 hashes).
/// </summary>
internal static class CryptBase64
{
    public const string Alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static readonly SearchValues<char> Characters = SearchValues.Create(Alphabet);

    /// <summary>Appends <paramref name="count"/> characters of the 24-bit group b2 b1 b0, low bits first (crypt's <c>b64_from_24bit</c>).</summary>
    public static void AppendGroup(Span<char> destination, ref int position, byte b2, byte b1, byte b0, int count)
    {
        var w = (b2 << 16) | (b1 << 8) | b0;
        for (var i = 0; i < count; i++)
        {
            destination[position++] = Alphabet[w & 0x3f];
            w >>= 6;
        }
    }

    public static string ToAdaptedBase64(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '.');

    public static bool TryFromAdaptedBase64(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || text.Length % 4 == 1)
        {
            return false;
        }

        var standard = text.Replace('.', '+') + new string('=', (4 - (text.Length % 4)) % 4);
        var buffer = new byte[standard.Length / 4 * 3];
        if (!Convert.TryFromBase64String(standard, buffer, out var written))
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }
}
