using Instrumentation.Security;

namespace Instrumentation.Tests.Security;

public sealed class PasswordHashTests
{
    [Fact]
    public void HashSha512Crypt_WithDefaultRounds_WritesNoRoundsAndVerifies()
    {
        var hash = PasswordHash.HashSha512Crypt("s3cret");

        hash.Should().MatchRegex(@"^\$6\$[./A-Za-z0-9]{16}\$[./A-Za-z0-9]{86}$");
        PasswordHash.Verify("s3cret", hash).Should().BeTrue();
        PasswordHash.Verify("s3cret ", hash).Should().BeFalse();
    }

    [Fact]
    public void HashSha512Crypt_WithOtherRounds_WritesThem()
    {
        var hash = PasswordHash.HashSha512Crypt("s3cret", rounds: 1234);

        hash.Should().StartWith("$6$rounds=1234$");
        PasswordHash.Verify("s3cret", hash).Should().BeTrue();
    }

    [Fact]
    public void HashSha512Crypt_TwiceTheSamePassword_UsesDifferentSalts()
    {
        PasswordHash.HashSha512Crypt("same", 1000).Should().NotBe(PasswordHash.HashSha512Crypt("same", 1000));
    }

    [Theory]
    [InlineData("hunter2", "plain-text")]
    [InlineData("$2x$12$abcdefghijklmnopqrstuuIDyUYwrm.mX8zGOfQ4K5dUq6mNwY2nS", "not supported")]
    [InlineData("$5$abc$IdWKNKTJEb8LxY7CGg8YBXlvtfZzFw7Mp/r6niK9YB2", "not supported")]
    [InlineData("", "empty")]
    public void Verify_AgainstSomethingThatIsNotASupportedHash_ThrowsWithoutRepeatingIt(string notAHash, string complaint)
    {
        var verify = () => PasswordHash.Verify("hunter2", notAHash);

        var message = verify.Should().Throw<FormatException>().Which.Message;
        message.Should().Contain(complaint).And.Contain("openssl passwd -6");
        if (notAHash.Length > 0)
        {
            message.Should().NotContain(notAHash);
        }
    }

    [Theory]
    [InlineData("$6$abc$IdWKNKTJEb8LxY7CGg8YBXlvtfZzFw7Mp/r6niK9YB2mdvgY..TKjv1T..8RadRt2qvUHYRLr/TsVArtr91iR1", true)]
    [InlineData("$pbkdf2-sha256$29000$AAECAwQFBgcICQoLDA0ODw$oQniwjLkYbajNGr0RGSng8udgXKplgpN15LZNV56KTQ", true)]
    [InlineData("$2y$10$c/rHW6u9ddTzxCn/qicIkeJVms/zorNUHvDBRDTeRgQlB/4YWudpW", true)]
    [InlineData("secret", false)]
    [InlineData(null, false)]
    public void IsSupported_TellsHashesFromEverythingElse(string? text, bool supported)
    {
        PasswordHash.IsSupported(text).Should().Be(supported);
    }
}
