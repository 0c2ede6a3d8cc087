using Instrumentation.Hosting;
using Instrumentation.Security;

namespace Instrumentation.Tests.Hosting;

public sealed class MetricsAuthenticationOptionsValidatorTests
{
    private static readonly string Hash = PasswordHash.HashSha512Crypt("s3cret");

    // A passlib-format PBKDF2-SHA256 hash at 600,000 iterations: the validator reads it, never verifies it.
    private const string Pbkdf2AtTheFloor = "$pbkdf2-sha256$600000$AAECAwQFBgcICQoLDA0ODw$oQniwjLkYbajNGr0RGSng8udgXKplgpN15LZNV56KTQ";

    [Fact]
    public void Validate_WithoutUsers_Succeeds()
    {
        new MetricsAuthenticationOptionsValidator().Validate(null, new MetricsOptions()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_HashedUsers_Succeeds()
    {
        var options = WithUsers(new MetricsUser { Username = "prometheus", PasswordHash = Hash },
            new MetricsUser { Username = "grafana", PasswordHash = Pbkdf2AtTheFloor });

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

    [Theory]
    [InlineData("$pbkdf2-sha256$1$AAECAwQFBgcICQoLDA0ODw$oQniwjLkYbajNGr0RGSng8udgXKplgpN15LZNV56KTQ", "600,000")]
    [InlineData("$pbkdf2-sha256$599999$AAECAwQFBgcICQoLDA0ODw$oQniwjLkYbajNGr0RGSng8udgXKplgpN15LZNV56KTQ", "600,000")]
    [InlineData("$pbkdf2-sha512$209999$.//..//..//..//..//..//.$8Zj80BcWb570EFem0bzpeyJe1xbFjp2aDVyZVp1YQldCCHa3HonQcYy6iEJsxR9M/RjD7uq5vzm6DpQfiY72FA", "210,000")]
    [InlineData("$6$rounds=4999$abc$IdWKNKTJEb8LxY7CGg8YBXlvtfZzFw7Mp/r6niK9YB2mdvgY..TKjv1T..8RadRt2qvUHYRLr/TsVArtr91iR1", "5,000")]
    [InlineData("$6$rounds=10$abc$IdWKNKTJEb8LxY7CGg8YBXlvtfZzFw7Mp/r6niK9YB2mdvgY..TKjv1T..8RadRt2qvUHYRLr/TsVArtr91iR1", "5,000")]
    [InlineData("$2y$05$xrQEnkGMo2LwnZjYp.xTgu3yWhjAwv78DHoNeqLcRWft/vjgbvVH2", "least accepted is 10")]
    [InlineData("$2b$09$xrQEnkGMo2LwnZjYp.xTgu3yWhjAwv78DHoNeqLcRWft/vjgbvVH2", "least accepted is 10")]
    public void Validate_AHashCheaperThanItsSchemesFloor_FailsNamingTheUserAndTheFloor_WithoutRepeatingTheHash(string hash, string floor)
    {
        var options = WithUsers(new MetricsUser { Username = "prometheus", PasswordHash = hash });

        var result = new MetricsAuthenticationOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("Metrics:Authentication:Users:0:PasswordHash")
            .And.Contain("'prometheus'").And.Contain(floor).And.Contain("instrumentation-hash");
        result.FailureMessage.Should().NotContain(hash).And.NotContain(hash.Split('$')[^1]).And.NotContain("AAECAwQFBgcICQoLDA0ODw");
    }

    [Theory]
    [InlineData("$pbkdf2-sha256$600000$AAECAwQFBgcICQoLDA0ODw$oQniwjLkYbajNGr0RGSng8udgXKplgpN15LZNV56KTQ")]
    [InlineData("$pbkdf2-sha512$210000$.//..//..//..//..//..//.$8Zj80BcWb570EFem0bzpeyJe1xbFjp2aDVyZVp1YQldCCHa3HonQcYy6iEJsxR9M/RjD7uq5vzm6DpQfiY72FA")]
    [InlineData("$6$abc$IdWKNKTJEb8LxY7CGg8YBXlvtfZzFw7Mp/r6niK9YB2mdvgY..TKjv1T..8RadRt2qvUHYRLr/TsVArtr91iR1")]
    [InlineData("$6$rounds=5000$abc$IdWKNKTJEb8LxY7CGg8YBXlvtfZzFw7Mp/r6niK9YB2mdvgY..TKjv1T..8RadRt2qvUHYRLr/TsVArtr91iR1")]
    [InlineData("$2y$10$c/rHW6u9ddTzxCn/qicIkeJVms/zorNUHvDBRDTeRgQlB/4YWudpW")]
    public void Validate_AHashAtItsSchemesFloor_Succeeds(string hash)
    {
        var options = WithUsers(new MetricsUser { Username = "prometheus", PasswordHash = hash });

        new MetricsAuthenticationOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_AUserNameLongerThan256Bytes_FailsNamingTheOptionAndTheCap()
    {
        var options = WithUsers(new MetricsUser { Username = new string('u', 257), PasswordHash = Hash });

        var result = new MetricsAuthenticationOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("Metrics:Authentication:Users:0:Username").And.Contain("256 bytes");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validate_MaxConcurrentVerificationsBelowOne_FailsNamingTheOption(int limit)
    {
        var options = new MetricsOptions();
        options.Authentication.MaxConcurrentVerifications = limit;

        new MetricsAuthenticationOptionsValidator().Validate(null, options).FailureMessage
            .Should().Contain("Metrics:Authentication:MaxConcurrentVerifications").And.Contain("at least 1");
    }

    [Fact]
    public void MaxConcurrentVerifications_ByDefault_IsHalfTheProcessorsAndAtLeastOne()
    {
        new MetricsAuthenticationOptions().MaxConcurrentVerifications.Should().Be(Math.Max(1, Environment.ProcessorCount / 2));
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
