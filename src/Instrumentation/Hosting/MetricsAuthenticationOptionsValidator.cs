using Instrumentation.Security;
using Microsoft.Extensions.Options;

namespace Instrumentation.Hosting;

/// <summary>
/// Checks <see cref="MetricsOptions.Authentication"/> at start-up and on every configuration change: user
/// names present, unique and without <c>:</c>, and every password a supported hash. Messages name the option
/// and never repeat a password or hash.
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
            else if (!seen.Add(user.Username))
            {
                failures.Add($"{option}:Username '{user.Username}' is listed twice; keep one entry per user.");
            }

            if (!ParsedPasswordHash.TryParse(user.PasswordHash, out _, out var error))
            {
                failures.Add($"{option}:PasswordHash {error}. {ParsedPasswordHash.HowToHash}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
