using System.Diagnostics;
using System.Text;
using Instrumentation.Security;

namespace Instrumentation.Tests.Security;

public sealed class BcryptHashTests
{
    // The OpenBSD/jBCrypt published vectors (checked on this machine with `htpasswd -vb`).
    public static TheoryData<string, string> PublishedVectors => new()
    {
        { "", "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s." },
        { "a", "$2a$06$m0CrhHm10qJ3lXRY.5zDGO3rS2KdeeWLuGmsfGlMfOxih58VYVfxe" },
        { "abc", "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i" },
    };

    // Made on this machine with `htpasswd -nbBC <cost> <user> <password>` (Apache 2.4, apache2-utils).
    public static TheoryData<string, string> HtpasswdVectors => new()
    {
        { "pass", "$2y$10$DaDgwHhOh/jxszCFMsEQqOIS2f3KDZW4ltQbq72VcPppqAkikErCy" },
        { "pässwörd✓", "$2y$10$c/rHW6u9ddTzxCn/qicIkeJVms/zorNUHvDBRDTeRgQlB/4YWudpW" },
        { "correct-horse-battery-staple", "$2y$12$jxVV1BL1rScA4.ydKVx/r.gP/LHXXqwQ9rvgEtdNyYrxs7VVdVXMO" },
    };

    [Theory]
    [MemberData(nameof(PublishedVectors))]
    [MemberData(nameof(HtpasswdVectors))]
    public void Verify_AKnownVector_AcceptsItsPasswordOnly(string password, string hash)
    {
        PasswordHash.Verify(password, hash).Should().BeTrue();
        PasswordHash.Verify(password + "x", hash).Should().BeFalse();
    }

    [Fact]
    public void Verify_WhatHtpasswdWritesNow_AcceptsItsPasswordOnly()
    {
        // build.sh's install_tools installs apache2-utils, which provides htpasswd.
        var start = new ProcessStartInfo("htpasswd", ["-nbBC", "10", "user", "pass"]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        process.ExitCode.Should().Be(0);

        line.Should().StartWith("user:$2y$10$");
        var hash = line["user:".Length..];
        PasswordHash.Verify("pass", hash).Should().BeTrue();
        PasswordHash.Verify("Pass", hash).Should().BeFalse();
    }

    [Fact]
    public void HashBcrypt_WritesA2bHashOfTheCost_ThatVerifies()
    {
        var hash = PasswordHash.HashBcrypt("s3cret", cost: 4);

        hash.Should().MatchRegex(@"^\$2b\$04\$[./A-Za-z0-9]{53}$");
        PasswordHash.Verify("s3cret", hash).Should().BeTrue();
        PasswordHash.Verify("s3cre", hash).Should().BeFalse();
    }

    [Fact]
    public void HashBcrypt_ByDefault_UsesCost10()
    {
        PasswordHash.HashBcrypt("s3cret").Should().StartWith("$2b$10$");
    }

    [Fact]
    public void HashBcrypt_APasswordLongerThan72Bytes_Throws()
    {
        var hash = () => PasswordHash.HashBcrypt(new string('p', 73), cost: 4);

        hash.Should().Throw<ArgumentException>().WithMessage("*72 bytes*");
    }

    [Fact]
    public void Verify_APasswordLongerThan72Bytes_NeverMatches_EvenWhenItsFirst72BytesDo()
    {
        var first72 = new string('p', 72);
        var hash = PasswordHash.HashBcrypt(first72, cost: 4);

        PasswordHash.Verify(first72, hash).Should().BeTrue();
        PasswordHash.Verify(first72 + "anything", hash).Should().BeFalse();
    }

    [Fact]
    public void Verify_BytesThatAreNotUtf8_NeverMatch()
    {
        ParsedPasswordHash.TryParse(PasswordHash.HashBcrypt("p\uFFFD", cost: 4), out var hash, out _).Should().BeTrue();

        hash!.Verify([(byte)'p', 0xFF]).Should().BeFalse();
        hash.Verify(Encoding.UTF8.GetBytes("p\uFFFD")).Should().BeTrue();
    }

    [Fact]
    public void CreateDummy_KeepsTheSchemeAndCost()
    {
        ParsedPasswordHash.TryParse("$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.", out var hash, out _).Should().BeTrue();

        var dummy = hash!.CreateDummy();

        dummy.Scheme.Should().Be("bcrypt");
        dummy.Cost.Should().Be(6);
        dummy.Verify(""u8).Should().BeFalse();
    }

    [Fact]
    public void CheckCost_BelowTen_NamesTheFloorAndHowToHashAgain_WithoutTheHash()
    {
        const string Cost5 = "$2y$05$xrQEnkGMo2LwnZjYp.xTgu3yWhjAwv78DHoNeqLcRWft/vjgbvVH2";
        ParsedPasswordHash.TryParse(Cost5, out var hash, out _).Should().BeTrue();

        var message = hash!.CheckCost();

        message.Should().Contain("cost 5").And.Contain("least accepted is 10").And.Contain("htpasswd -nBC 10");
        message.Should().NotContain("xrQEnkGMo2LwnZjYp");
    }

    [Theory]
    [InlineData("$2x$10$DaDgwHhOh/jxszCFMsEQqOIS2f3KDZW4ltQbq72VcPppqAkikErCy", "revision")]
    [InlineData("$2y$10$DaDgwHhOh/jxszCFMsEQqOIS2f3KDZW4ltQbq72VcPppqAkikEr", "form")]
    [InlineData("$2y$1x$DaDgwHhOh/jxszCFMsEQqOIS2f3KDZW4ltQbq72VcPppqAkikErCy", "two digits")]
    [InlineData("$2y$03$DaDgwHhOh/jxszCFMsEQqOIS2f3KDZW4ltQbq72VcPppqAkikErCy", "4 to 31")]
    [InlineData("$2y$32$DaDgwHhOh/jxszCFMsEQqOIS2f3KDZW4ltQbq72VcPppqAkikErCy", "4 to 31")]
    [InlineData("$2y$10$DaDgwHhOh/jxszCFMsEQqOIS2f3KDZW4ltQbq72VcPppqAkik!rCy", "base64")]
    public void TryParse_AMalformedHash_FailsSayingWhatIsWrong(string text, string complaint)
    {
        ParsedPasswordHash.TryParse(text, out _, out var error).Should().BeFalse();

        error.Should().Contain(complaint);
    }
}
