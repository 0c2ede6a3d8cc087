using System.Globalization;
using System.Text;
using Instrumentation.Security;
using Microsoft.Extensions.Options;

namespace Instrumentation.Hosting;

/// <summary>
/// Checks <see cref="MetricsOptions.Authentication"/> at start-up and on every configuration change: user
/// names present, unique, without <c>:</c> and at most <see cref="MetricsUser.MaxUsernameBytes"/>; every
/// password a supported hash at least as costly as its scheme's floor; verifications allowed at once at least 1.
/// Messages name the option and never repeat a password or hash.
/// </summary>
internal sealed class MetricsAuthenticationOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var authentication = options.Authentication;
        if (authentication is null)
        {
            return ValidateOptionsResult.Fail("Metrics:Authentication is null; leave it out to turn basic authentication off.");
        }

        var failures = new List<string>();
        if (authentication.CacheDuration < TimeSpan.Zero)
        {
            failures.Add($"Metrics:Authentication:CacheDuration is {authentication.CacheDuration}; it must be zero or more (default 00:01:00).");
        }

        if (authentication.MaxConcurrentVerifications < 1)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Metrics:Authentication:MaxConcurrentVerifications is {authentication.MaxConcurrentVerifications}; it must be at least 1 (default half the processors, here {MetricsAuthenticationOptions.DefaultMaxConcurrentVerifications})."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < authentication.Users.Count; i++)
        {
            var user = authentication.Users[i];
            var option = $"Metrics:Authentication:Users:{i}";
            if (user is null)
            {
                failures.Add($"{option} is empty; give it a Username and a PasswordHash, or remove it.");
                continue;
            }

            if (string.IsNullOrEmpty(user.Username))
            {
                failures.Add($"{option}:Username is empty; every user needs a name.");
            }
            else if (user.Username.Contains(':', StringComparison.Ordinal))
            {
                failures.Add($"{option}:Username contains ':', which basic authentication cannot carry in a user name.");
            }
            else if (Encoding.UTF8.GetByteCount(user.Username) > MetricsUser.MaxUsernameBytes)
            {
                failures.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{option}:Username is longer than {MetricsUser.MaxUsernameBytes} bytes (UTF-8), the most the endpoint accepts; choose a shorter name."));
            }
            else if (!seen.Add(user.Username))
            {
                failures.Add($"{option}:Username '{user.Username}' is listed twice; keep one entry per user.");
            }

            if (!ParsedPasswordHash.TryParse(user.PasswordHash, out var hash, out var error))
            {
                failures.Add($"{option}:PasswordHash {error}. {ParsedPasswordHash.HowToHash}");
            }
            else if (hash.CheckCost() is { } tooCheap)
            {
                failures.Add($"{option}:PasswordHash (user '{user.Username}') {tooCheap}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
