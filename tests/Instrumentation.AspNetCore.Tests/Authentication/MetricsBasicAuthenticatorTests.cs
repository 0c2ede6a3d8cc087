using System.Net;
using System.Net.Http.Headers;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Hosting;
using Instrumentation.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Instrumentation.AspNetCore.Tests.Authentication;

public sealed class MetricsBasicAuthenticatorTests
{
    // `openssl passwd -6 -salt abc secret`
    private const string OpenSslHashOfSecret = "$6$abc$IdWKNKTJEb8LxY7CGg8YBXlvtfZzFw7Mp/r6niK9YB2mdvgY..TKjv1T..8RadRt2qvUHYRLr/TsVArtr91iR1";

    private static Dictionary<string, string?> OneUser(string username, string passwordHash) => new()
    {
        ["Metrics:Authentication:Users:0:Username"] = username,
        ["Metrics:Authentication:Users:0:PasswordHash"] = passwordHash,
    };

    [Fact]
    public async Task Get_WithoutCredentials_Returns401WithTheBasicChallenge_AndCollectsNothing()
    {
        await using var app = await SecuredMetricsApp.StartAsync(OneUser("prometheus", OpenSslHashOfSecret));

        using var response = await app.GetMetricsAsync(null, null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Be("Basic realm=\"metrics\"");
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
        app.Source.Collections.Should().Be(0);
    }

    [Fact]
    public async Task Get_WithTheRightPasswordForAnOpenSslHash_ServesMetrics()
    {
        await using var app = await SecuredMetricsApp.StartAsync(OneUser("prometheus", OpenSslHashOfSecret));

        using var response = await app.GetMetricsAsync("prometheus", "secret");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("# TYPE");
        app.Source.Collections.Should().Be(1);
    }

    [Fact]
    public async Task Get_WithTheRightPasswordForAPbkdf2Hash_ServesMetrics()
    {
        await using var app = await SecuredMetricsApp.StartAsync(OneUser("grafana", PasswordHash.HashPbkdf2("pässwörd")));

        using var response = await app.GetMetricsAsync("grafana", "pässwörd");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("prometheus", "Secret")]
    [InlineData("prometheus", "")]
    [InlineData("stranger", "secret")]
    [InlineData("PROMETHEUS", "secret")]
    public async Task Get_WithAWrongPasswordOrUnknownUser_Returns401AndCollectsNothing(string username, string password)
    {
        await using var app = await SecuredMetricsApp.StartAsync(OneUser("prometheus", OpenSslHashOfSecret));

        using var response = await app.GetMetricsAsync(username, password);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Be("Basic realm=\"metrics\"");
        app.Source.Collections.Should().Be(0);
    }

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("Basic")]
    [InlineData("Basic !!!not-base64")]
    [InlineData("Basic cHJvbWV0aGV1cw==")] // "prometheus", no colon
    public async Task Get_WithAMalformedAuthorizationHeader_Returns401AndCollectsNothing(string header)
    {
        await using var app = await SecuredMetricsApp.StartAsync(OneUser("prometheus", OpenSslHashOfSecret));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await app.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        app.Source.Collections.Should().Be(0);
    }

    [Fact]
    public async Task Head_WithoutCredentials_Returns401()
    {
        await using var app = await SecuredMetricsApp.StartAsync(OneUser("prometheus", OpenSslHashOfSecret));

        using var response = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/metrics"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Get_WithoutUsersConfigured_NeedsNoCredentials()
    {
        await using var app = await SecuredMetricsApp.StartAsync(new Dictionary<string, string?>());

        using var response = await app.GetMetricsAsync(null, null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Get_WithAUserAddedInCode_ServesThatUser()
    {
        var hash = PasswordHash.HashSha512Crypt("from-code");
        await using var app = await SecuredMetricsApp.StartAsync(
            new Dictionary<string, string?>(),
            builder => builder.AddMetrics(options => options.Authentication.Users.Add(new MetricsUser { Username = "ops", PasswordHash = hash })));

        (await app.GetMetricsAsync(null, null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.GetMetricsAsync("ops", "from-code")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Get_RepeatedWithinTheCacheDuration_KeepsServing()
    {
        await using var app = await SecuredMetricsApp.StartAsync(OneUser("prometheus", OpenSslHashOfSecret));

        for (var i = 0; i < 3; i++)
        {
            (await app.GetMetricsAsync("prometheus", "secret")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await app.GetMetricsAsync("prometheus", "wrong")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        app.Source.Collections.Should().Be(3);
    }

    [Fact]
    public async Task FailedAuthentication_IsLogged_WithoutTheUserNameOrPassword()
    {
        await using var app = await SecuredMetricsApp.StartAsync(OneUser("prometheus", OpenSslHashOfSecret));

        await app.GetMetricsAsync("prometheus", "hunter2-typo");
        await app.GetMetricsAsync("alice-the-admin", "secret");

        var logs = string.Join('\n', app.Logs.Lines);
        logs.Should().Contain("Authentication failed for a metrics request");
        logs.Should().NotContain("hunter2").And.NotContain("alice").And.NotContain("prometheus:");
        logs.Should().NotContain(Convert.ToBase64String("prometheus:hunter2-typo"u8.ToArray()));
    }

    [Fact]
    public async Task Start_WithAPlainTextPassword_FailsNamingTheOptionAndHowToHash()
    {
        var start = () => SecuredMetricsApp.StartAsync(OneUser("prometheus", "hunter2"));

        var failure = await start.Should().ThrowAsync<OptionsValidationException>();
        failure.Which.Message.Should().Contain("Metrics:Authentication:Users:0:PasswordHash")
            .And.Contain("openssl passwd -6").And.NotContain("hunter2");
    }

    [Fact]
    public async Task Get_WithAHeaderInADifferentCaseOfScheme_IsAccepted()
    {
        await using var app = await SecuredMetricsApp.StartAsync(OneUser("prometheus", OpenSslHashOfSecret));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("basic", BasicAuth.Header("prometheus", "secret").Parameter);

        using var response = await app.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
