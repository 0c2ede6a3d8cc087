using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Instrumentation.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Handlers;

/// <summary>
/// HTTP basic authentication against the single user of <see cref="HandlerUserOptions"/>. The password is
/// checked against its hash even for a wrong user name, so timing does not reveal the name.
/// </summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<HandlerUserOptions> user)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name, as in the <c>WWW-Authenticate</c> challenge.</summary>
    public const string SchemeName = "Basic";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, SchemeName, StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("Malformed basic credentials"));
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return Task.FromResult(AuthenticateResult.Fail("Malformed basic credentials"));
        }

        var expected = user.CurrentValue;
        var passwordMatches = PasswordHash.Verify(decoded[(colon + 1)..], expected.PasswordHash);
        if (!passwordMatches || expected.Username.Length == 0 || !string.Equals(decoded[..colon], expected.Username, StringComparison.Ordinal))
        {
            return Task.FromResult(AuthenticateResult.Fail("Incorrect username or password"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, expected.Username)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{SchemeName} realm=\"handlers\", charset=\"UTF-8\"";
        return base.HandleChallengeAsync(properties);
    }
}
