using System.Text;
using Instrumentation.Security;

namespace Instrumentation.Tests.Security;

public sealed class Sha512CryptHashTests
{
    // The SHA-512 test vectors published with Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512".
    public static TheoryData<string, string, string> SpecVectors => new()
    {
        { "$6$saltstring", "Hello world!", "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1" },
        { "$6$rounds=10000$saltstringsaltstring", "Hello world!", "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v." },
        { "$6$rounds=5000$toolongsaltstring", "This is just a test", "$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0" },
        { "$6$rounds=1400$anotherlongsaltstring", "a very much longer text to encrypt.  This one even stretches over morethan one line.", "$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1" },
        { "$6$rounds=77777$short", "we have a short salt string but not a short password", "$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0" },
        { "$6$rounds=123456$asaltof16chars..", "a short string", "$6$rounds=123456$asaltof16chars..$BtCwjqMJGx5hrJhZywWvt0RLE8uZ4oPwcelCjmw2kSYu.Ec6ycULevoBK25fs2xXgMNrCzIMVcgEJAstJeonj1" },
        { "$6$rounds=10$roundstoolow", "the minimum number is still observed", "$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX." },
    };

    // Made on this machine with `openssl passwd -6 -salt <salt> <password>` (OpenSSL 3.0).
    public static TheoryData<string, string> OpenSslVectors => new()
    {
        { "secret", "$6$abc$IdWKNKTJEb8LxY7CGg8YBXlvtfZzFw7Mp/r6niK9YB2mdvgY..TKjv1T..8RadRt2qvUHYRLr/TsVArtr91iR1" },
        { "secret", "$6$rounds=1000$x9Yz$LXVZHw1iUnBr529GAFP9jmwuO.w1BLoMS1GjIdmOKM6xRlM7W9LK1ELwF3iOMM35UlIhrUvvKIlI2y3d9O5gO." },
        { "correct-horse-battery-staple", "$6$0123456789abcdef$ZAr.fWTWFRnZkGHTDmq.flpF0Xtxbik6Plt4kAoxmrnN6Lx1DxC.HiMAO7QskhykfAckH0jbQ7FDzJcKMuBxo." },
        { new string('p', 100), "$6$Zz./09$uGboIRjBwpw3hIagxxruhcd8oFwBp4bWLE9gdbFGnEkCnBWk05.rhGZqkD05HUZa4Bhb62VAUJJqattT9cVNv." },
        { "pässwörd✓", "$6$unicodesalt$.sdRER65ZEwR7cNe9SOAYMStFXJ0vWzr/8hsblBU/bnn9QomZSwtTt.rFwxom/cziTUIRsrxyxVipaEg./E4Y/" },
    };

    [Theory]
    [MemberData(nameof(SpecVectors))]
    public void Create_WithTheSpecsSaltAndRounds_GivesThePublishedHash(string setting, string password, string expected)
    {
        var parts = setting.Split('$');
        var explicitRounds = parts[2].StartsWith("rounds=", StringComparison.Ordinal);
        var rounds = explicitRounds ? int.Parse(parts[2]["rounds=".Length..], System.Globalization.CultureInfo.InvariantCulture) : Sha512CryptHash.DefaultRounds;
        var salt = Encoding.ASCII.GetBytes(explicitRounds ? parts[3] : parts[2]);

        var hash = Sha512CryptHash.Create(Encoding.UTF8.GetBytes(password), salt, rounds, explicitRounds);

        hash.ToString().Should().Be(expected);
    }

    [Theory]
    [MemberData(nameof(SpecVectors))]
    public void Verify_ThePublishedHash_AcceptsItsPasswordOnly(string setting, string password, string expected)
    {
        _ = setting;
        PasswordHash.Verify(password, expected).Should().BeTrue();
        PasswordHash.Verify(password + "!", expected).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(OpenSslVectors))]
    public void Verify_AnOpenSslHash_AcceptsItsPasswordOnly(string password, string hash)
    {
        PasswordHash.Verify(password, hash).Should().BeTrue();
        PasswordHash.Verify(password[..^1], hash).Should().BeFalse();
    }

    [Fact]
    public void CreateDummy_KeepsTheSchemeAndRounds_AndMatchesNoRealPassword()
    {
        ParsedPasswordHash.TryParse("$6$rounds=1000$x9Yz$LXVZHw1iUnBr529GAFP9jmwuO.w1BLoMS1GjIdmOKM6xRlM7W9LK1ELwF3iOMM35UlIhrUvvKIlI2y3d9O5gO.", out var hash, out _)
            .Should().BeTrue();

        var dummy = hash!.CreateDummy();

        dummy.Scheme.Should().Be("sha512-crypt");
        dummy.Cost.Should().Be(1000);
        dummy.ToString().Should().StartWith("$6$rounds=1000$");
        dummy.Verify("secret"u8).Should().BeFalse();
    }

    [Theory]
    [InlineData("$6$abc", "salt without a checksum")]
    [InlineData("$6$abc$tooShort", "checksum")]
    [InlineData("$6$rounds=many$abc$IdWKNKTJEb8LxY7CGg8YBXlvtfZzFw7Mp/r6niK9YB2mdvgY..TKjv1T..8RadRt2qvUHYRLr/TsVArtr91iR1", "rounds=")]
    [InlineData("$6$01234567890123456789$IdWKNKTJEb8LxY7CGg8YBXlvtfZzFw7Mp/r6niK9YB2mdvgY..TKjv1T..8RadRt2qvUHYRLr/TsVArtr91iR1", "salt")]
    [InlineData("$6$abc$IdWKNKTJEb8LxY7CGg8YBXlvtfZzFw7Mp/r6niK9YB2mdvgY..TKjv1T..8RadRt2qvUHYRLr/TsVArtr91iR!", "checksum")]
    public void TryParse_AMalformedHash_FailsSayingWhatIsWrong(string text, string complaint)
    {
        ParsedPasswordHash.TryParse(text, out var hash, out var error).Should().BeFalse();

        hash.Should().BeNull();
        error.Should().Contain(complaint);
    }
}
