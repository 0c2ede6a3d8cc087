using Instrumentation.AspNetCore.Authentication;
using Instrumentation.Hosting;
using Instrumentation.Security;

namespace Instrumentation.AspNetCore.Tests.Authentication;

public sealed class MetricsUserTableTests
{
    [Fact]
    public void Build_ReadsEveryUsersHash_AndLooksNamesUpCaseSensitively()
    {
        var options = new MetricsOptions();
        options.Authentication.Users.Add(new MetricsUser { Username = "a", PasswordHash = PasswordHash.HashSha512Crypt("x", 1500) });
        options.Authentication.Users.Add(new MetricsUser { Username = "b", PasswordHash = PasswordHash.HashPbkdf2("y", 1000) });

        var table = MetricsUserTable.Build(options);

        table.IsEnabled.Should().BeTrue();
        table.Count.Should().Be(2);
        table.Hashes.Select(h => (h.Scheme, h.Cost)).Should().BeEquivalentTo([("sha512-crypt", 1500), ("pbkdf2-sha256", 1000)]);
        table.TryGet("a", out _).Should().BeTrue();
        table.TryGet("A", out _).Should().BeFalse();
    }

    [Fact]
    public void Build_WithoutUsers_IsDisabled()
    {
        MetricsUserTable.Build(new MetricsOptions()).IsEnabled.Should().BeFalse();
    }
}
