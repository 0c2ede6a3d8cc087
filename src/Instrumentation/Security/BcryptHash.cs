using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using BCryptNet = BCrypt.Net.BCrypt;

namespace Instrumentation.Security;

/// <summary>
/// bcrypt (<c>$2b$&lt;cost&gt;$&lt;22-character salt&gt;&lt;31-character checksum&gt;</c>, also <c>$2a$</c> and
/// <c>$2y$</c>), what <c>htpasswd -B</c> writes and Prometheus' own web configuration (<c>basic_auth_users</c>)
/// reads. The work is 2^cost rounds of the Blowfish key schedule; BCrypt.Net-Next computes it.
/// </summary>
/// <remarks>
/// bcrypt uses only the first <see cref="MaxPasswordBytes"/> bytes of a password: a longer password is refused
/// (it never matches) rather than truncated, so "the password plus anything" cannot log in, and hashing one is
/// refused too. <c>$2x$</c> (the variant with the old sign-extension bug) is not accepted.
/// </remarks>
internal sealed class BcryptHash : ParsedPasswordHash
{
    /// <summary>The cost (log2 of the rounds) used when none is given: 10, what Prometheus' documentation uses.</summary>
    public const int DefaultCost = 10;

    /// <summary>
    /// The least cost the metrics endpoint accepts: 10, what Prometheus' documentation (<c>htpasswd -nBC 10</c>)
    /// and Go's <c>bcrypt.DefaultCost</c> use. <c>htpasswd -B</c> alone writes 5, which is refused.
    /// </summary>
    public const int FloorCost = 10;

    /// <summary>The greatest cost bcrypt defines.</summary>
    public const int MaxCost = 31;

    /// <summary>The least cost bcrypt defines.</summary>
    public const int MinCost = 4;

    /// <summary>The most password bytes bcrypt reads; longer passwords are refused, never truncated.</summary>
    public const int MaxPasswordBytes = 72;

    private const string Alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    // "$2b$10$" then 22 characters of salt and 31 of checksum.
    private const int Length = 7 + 22 + 31;

    private readonly string _text;

    private BcryptHash(string text, int cost)
    {
        _text = text;
        Cost = cost;
    }

    public override string Scheme => "bcrypt";

    /// <summary>The cost: log2 of the rounds, 4 to 31.</summary>
    public override int Cost { get; }

    public override int MinimumCost => FloorCost;

    /// <summary>Whether <paramref name="text"/> starts like a bcrypt hash (<c>$2</c> and a revision letter).</summary>
    public static bool HasPrefix(string text) =>
        text.Length >= 4 && text[0] == '$' && text[1] == '2' && text[3] == '$';

    /// <summary>Hashes <paramref name="password"/> (UTF-8, at most <see cref="MaxPasswordBytes"/> bytes) as <c>$2b$</c> with a fresh salt.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cost"/> is not 4 to 31.</exception>
    /// <exception cref="ArgumentException"><paramref name="password"/> is longer than 72 bytes or not UTF-8.</exception>
    public static BcryptHash Create(ReadOnlySpan<byte> password, int cost)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cost, MinCost);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cost, MaxCost);
        if (password.Length > MaxPasswordBytes)
        {
            throw new ArgumentException(
                $"bcrypt reads only the first {MaxPasswordBytes} bytes of a password; choose a shorter one (or another scheme).", nameof(password));
        }

        if (!Utf8.IsValid(password))
        {
            throw new ArgumentException("The password is not UTF-8.", nameof(password));
        }

        return Create(Encoding.UTF8.GetString(password), cost);
    }

    public static bool TryParseHash(string text, [NotNullWhen(true)] out ParsedPasswordHash? hash, [NotNullWhen(false)] out string? error)
    {
        hash = null;
        if (text[2] is not ('a' or 'b' or 'y'))
        {
            error = "uses a bcrypt revision that is not supported (only '$2a$', '$2b$' and '$2y$')";
            return false;
        }

        if (text.Length != Length || text[6] != '$')
        {
            error = "is not a bcrypt hash of the form '$2b$<cost>$<53 characters of salt and checksum>'";
            return false;
        }

        if (!char.IsAsciiDigit(text[4]) || !char.IsAsciiDigit(text[5]))
        {
            error = "has a bcrypt cost that is not two digits";
            return false;
        }

        var cost = ((text[4] - '0') * 10) + (text[5] - '0');
        if (cost is < MinCost or > MaxCost)
        {
            error = $"has a bcrypt cost outside {MinCost} to {MaxCost}";
            return false;
        }

        foreach (var c in text.AsSpan(7))
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                error = "has a bcrypt salt or checksum that is not bcrypt's base64";
                return false;
            }
        }

        hash = new BcryptHash(text, cost);
        error = null;
        return true;
    }

    /// <summary>
    /// Whether <paramref name="password"/> matches. A password over <see cref="MaxPasswordBytes"/> bytes, or not
    /// UTF-8, never matches (and costs no hashing; the authenticator's failure floor hides that).
    /// </summary>
    public override bool Verify(ReadOnlySpan<byte> password)
    {
        if (password.Length > MaxPasswordBytes || !Utf8.IsValid(password))
        {
            return false;
        }

        // BCrypt.Net-Next compares the computed hash with this one in constant time.
        return BCryptNet.Verify(Encoding.UTF8.GetString(password), _text);
    }

    /// <summary>The dummy's password is random bytes, given to bcrypt as their base64 text (bcrypt takes a string).</summary>
    protected override ParsedPasswordHash HashWithSameCost(ReadOnlySpan<byte> password) =>
        Create(Convert.ToBase64String(password), Cost);

    protected override string DescribeTooCheap() => string.Create(
        CultureInfo.InvariantCulture,
        $"is a bcrypt hash of cost {Cost}; the least accepted is {MinimumCost}, what Prometheus' documentation uses. Hash the password again with 'htpasswd -nBC {FloorCost} <user>' or 'instrumentation-hash --bcrypt'");

    /// <summary>The hash string.</summary>
    public override string ToString() => _text;

    private static BcryptHash Create(string password, int cost) =>
        new(BCryptNet.HashPassword(password, BCryptNet.GenerateSalt(cost, 'b')), cost);
}
