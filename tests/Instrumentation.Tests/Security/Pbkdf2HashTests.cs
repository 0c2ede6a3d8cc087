using Instrumentation.Security;

namespace Instrumentation.Tests.Security;

public sealed class Pbkdf2HashTests
{
    // Made on this machine with Python's hashlib.pbkdf2_hmac, encoded the way passlib writes its hashes.
    private const string Sha256OfPassword = "$pbkdf2-sha256$29000$AAECAwQFBgcICQoLDA0ODw$oQniwjLkYbajNGr0RGSng8udgXKplgpN15LZNV56KTQ";
    private const string Sha512OfUnicode = "$pbkdf2-sha512$1000$.//..//..//..//..//..//.$8Zj80BcWb570EFem0bzpeyJe1xbFjp2aDVyZVp1YQldCCHa3HonQcYy6iEJsxR9M/RjD7uq5vzm6DpQfiY72FA";

    [Fact]
    public void Verify_APasslibStyleSha256Hash_AcceptsItsPasswordOnly()
    {
        PasswordHash.Verify("password", Sha256OfPassword).Should().BeTrue();
        PasswordHash.Verify("Password", Sha256OfPassword).Should().BeFalse();
    }

    [Fact]
    public void Verify_ASha512HashWithDotsInItsSalt_AcceptsItsUtf8Password()
    {
        PasswordHash.Verify("pässwörd", Sha512OfUnicode).Should().BeTrue();
        PasswordHash.Verify("passwort", Sha512OfUnicode).Should().BeFalse();
    }

    [Fact]
    public void HashPbkdf2_WritesPasslibsFormat_ThatVerifies()
    {
        var hash = PasswordHash.HashPbkdf2("s3cret", iterations: 1000);

        hash.Should().MatchRegex(@"^\$pbkdf2-sha256\$1000\$[./A-Za-z0-9]{22}\$[./A-Za-z0-9]{43}$");
        PasswordHash.Verify("s3cret", hash).Should().BeTrue();
        PasswordHash.Verify("s3cre", hash).Should().BeFalse();
    }

    [Fact]
    public void CreateDummy_KeepsTheAlgorithmAndIterations()
    {
        ParsedPasswordHash.TryParse(Sha256OfPassword, out var hash, out _).Should().BeTrue();

        var dummy = hash!.CreateDummy();

        dummy.Scheme.Should().Be("pbkdf2-sha256");
        dummy.Cost.Should().Be(29000);
        dummy.Verify("password"u8).Should().BeFalse();
    }

    [Theory]
    [InlineData("$pbkdf2-sha1$29000$AAECAwQFBgcICQoLDA0ODw$oQniwjLkYbajNGr0RGSng8udgXKplgpN15LZNV56KTQ", "not supported")]
    [InlineData("$pbkdf2-sha256$0$AAECAwQFBgcICQoLDA0ODw$oQniwjLkYbajNGr0RGSng8udgXKplgpN15LZNV56KTQ", "iterations")]
    [InlineData("$pbkdf2-sha256$29000$AAECAwQFBgcICQoLDA0ODw$oQniwjLkYbajNGr0RGSng8udg", "checksum")]
    [InlineData("$pbkdf2-sha256$29000$!!!$oQniwjLkYbajNGr0RGSng8udgXKplgpN15LZNV56KTQ", "salt")]
    [InlineData("$pbkdf2-sha256$29000$AAECAwQFBgcICQoLDA0ODw", "form")]
    public void TryParse_AMalformedHash_FailsSayingWhatIsWrong(string text, string complaint)
    {
        ParsedPasswordHash.TryParse(text, out _, out var error).Should().BeFalse();

        error.Should().Contain(complaint);
    }
}
