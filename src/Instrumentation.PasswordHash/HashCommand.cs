using System.Globalization;
using System.Text;
using Instrumentation.Security;

namespace Instrumentation.PasswordHash;

/// <summary>
/// <c>instrumentation-hash [--pbkdf2 | --bcrypt] [--rounds N]</c>: reads a password and prints its hash, for
/// <c>Metrics:Authentication:Users:&lt;n&gt;:PasswordHash</c>.
/// </summary>
internal static class HashCommand
{
    public const int Success = 0;
    public const int UnusablePassword = 1;
    public const int UsageError = 2;

    private const int MinimumSha512CryptRounds = Security.PasswordHash.MinimumSha512CryptRounds;
    private const int MinimumPbkdf2Iterations = Security.PasswordHash.MinimumPbkdf2Sha256Iterations;
    private const int MaxPasswordBytes = Security.PasswordHash.MaxPasswordBytes;
    private const int MinimumBcryptCost = Security.PasswordHash.MinimumBcryptCost;
    private const int MaxBcryptPasswordBytes = Security.PasswordHash.MaxBcryptPasswordBytes;

    private const string Usage = """
        Usage: instrumentation-hash [--pbkdf2 | --bcrypt] [--rounds N]

        Reads a password from standard input (one line; the line ending is not part of it; at most
        256 bytes of UTF-8, the longest the metrics endpoint verifies) and prints its hash for
        Metrics:Authentication:Users:<n>:PasswordHash.

          (default)    sha512-crypt, $6$..., 5000 rounds (what 'openssl passwd -6' writes)
          --pbkdf2     PBKDF2-HMAC-SHA256 in passlib's format, $pbkdf2-sha256$..., 600000 iterations
          --bcrypt     bcrypt, $2b$10$... (what 'htpasswd -nBC 10' and Prometheus' web configuration
                       use); the password may be at most 72 bytes, all bcrypt reads
          --rounds N   sha512-crypt rounds (5000 to 999999999), PBKDF2 iterations (600000 or more) or
                       bcrypt cost (10 to 31): the metrics endpoint refuses cheaper hashes
          --help       this text

        Example: printf '%s' "$METRICS_PASSWORD" | instrumentation-hash
        """;

    public static int Run(string[] args, Func<string?> readPassword, TextWriter output, TextWriter error)
    {
        var pbkdf2 = false;
        var bcrypt = false;
        int? rounds = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--pbkdf2":
                    pbkdf2 = true;
                    break;
                case "--bcrypt":
                    bcrypt = true;
                    break;
                case "--rounds" when i + 1 < args.Length
                    && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0:
                    rounds = parsed;
                    i++;
                    break;
                case "--help" or "-h":
                    output.WriteLine(Usage);
                    return Success;
                default:
                    error.WriteLine($"instrumentation-hash: unexpected argument '{args[i]}'.");
                    error.WriteLine(Usage);
                    return UsageError;
            }
        }

        if (pbkdf2 && bcrypt)
        {
            error.WriteLine("instrumentation-hash: choose one of --pbkdf2 and --bcrypt.");
            return UsageError;
        }

        if (bcrypt && rounds is < MinimumBcryptCost or > 31)
        {
            error.WriteLine(FormattableString.Invariant(
                $"instrumentation-hash: --rounds for bcrypt is the cost and must be between {MinimumBcryptCost} and 31: the metrics endpoint refuses less than {MinimumBcryptCost}."));
            return UsageError;
        }

        if (!pbkdf2 && !bcrypt && rounds is < MinimumSha512CryptRounds or > 999_999_999)
        {
            error.WriteLine(FormattableString.Invariant(
                $"instrumentation-hash: --rounds for sha512-crypt must be between {MinimumSha512CryptRounds} and 999999999: the metrics endpoint refuses fewer than {MinimumSha512CryptRounds}."));
            return UsageError;
        }

        if (pbkdf2 && rounds < MinimumPbkdf2Iterations)
        {
            error.WriteLine(FormattableString.Invariant(
                $"instrumentation-hash: --rounds for PBKDF2 must be at least {MinimumPbkdf2Iterations} (OWASP's recommendation for PBKDF2-HMAC-SHA256): the metrics endpoint refuses fewer."));
            return UsageError;
        }

        var password = readPassword();
        if (string.IsNullOrEmpty(password))
        {
            error.WriteLine("instrumentation-hash: no password on standard input.");
            return UnusablePassword;
        }

        if (Encoding.UTF8.GetByteCount(password) > MaxPasswordBytes)
        {
            error.WriteLine(FormattableString.Invariant(
                $"instrumentation-hash: the password is longer than {MaxPasswordBytes} bytes (UTF-8), the longest the metrics endpoint verifies; choose a shorter one."));
            return UnusablePassword;
        }

        if (bcrypt && Encoding.UTF8.GetByteCount(password) > MaxBcryptPasswordBytes)
        {
            error.WriteLine(FormattableString.Invariant(
                $"instrumentation-hash: the password is longer than {MaxBcryptPasswordBytes} bytes (UTF-8), all bcrypt reads; choose a shorter one or another scheme."));
            return UnusablePassword;
        }

        output.WriteLine(
            pbkdf2 ? Security.PasswordHash.HashPbkdf2(password, rounds ?? Security.PasswordHash.DefaultPbkdf2Iterations)
            : bcrypt ? Security.PasswordHash.HashBcrypt(password, rounds ?? Security.PasswordHash.DefaultBcryptCost)
            : Security.PasswordHash.HashSha512Crypt(password, rounds ?? Security.PasswordHash.DefaultSha512CryptRounds));
        return Success;
    }
}
