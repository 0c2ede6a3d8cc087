using Instrumentation.Hosting;
using Instrumentation.Security;

namespace Instrumentation.Tests.Hosting;

public sealed class MetricsAuthenticationOptionsValidatorTests
{
    private static readonly string Hash = PasswordHash.HashSha512Crypt("s3cret", 1000);

    [Fact]
    public void Validate_WithoutUsers_Succeeds()
    {
        new MetricsAuthenticationOptionsValidator().Validate(null, new MetricsOptions()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_HashedUsers_Succeeds()
    {
        var options = WithUsers(new MetricsUser { Username = "prometheus", PasswordHash = Hash },
            new MetricsUser { Username = "grafana", PasswordHash = PasswordHash.HashPbkdf2("other", 1000) });

        new MetricsAuthenticationOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_APlainTextPassword_FailsNamingTheOptionAndHowToHash_WithoutRepeatingIt()
    {
        var options = WithUsers(new MetricsUser { Username = "prometheus", PasswordHash = "hunter2" });

        var result = new MetricsAuthenticationOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("Metrics:Authentication:Users:0:PasswordHash")
            .And.Contain("plain-text").And.Contain("openssl passwd -6").And.Contain("instrumentation-hash")
            .And.NotContain("hunter2");
    }

    [Fact]
    public void Validate_UnusableUserNames_FailEachNamingTheOption()
    {
        var options = WithUsers(
            new MetricsUser { Username = "", PasswordHash = Hash },
            new MetricsUser { Username = "a:b", PasswordHash = Hash },
            new MetricsUser { Username = "twice", PasswordHash = Hash },
            new MetricsUser { Username = "twice", PasswordHash = Hash });

        var result = new MetricsAuthenticationOptionsValidator().Validate(null, options);

        result.Failures.Should().HaveCount(3);
        result.FailureMessage.Should().Contain("Users:0:Username is empty")
            .And.Contain("Users:1:Username contains ':'")
            .And.Contain("Users:3:Username 'twice' is listed twice");
    }

    [Fact]
    public void Validate_ANegativeCacheDuration_Fails()
    {
        var options = new MetricsOptions();
        options.Authentication.CacheDuration = TimeSpan.FromSeconds(-1);

        new MetricsAuthenticationOptionsValidator().Validate(null, options).FailureMessage
            .Should().Contain("Metrics:Authentication:CacheDuration");
    }

    private static MetricsOptions WithUsers(params MetricsUser[] users)
    {
        var options = new MetricsOptions();
        foreach (var user in users)
        {
            options.Authentication.Users.Add(user);
        }

        return options;
    }
}
