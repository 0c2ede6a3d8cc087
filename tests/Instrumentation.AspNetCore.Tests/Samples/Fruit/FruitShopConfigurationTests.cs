using Fruit.Data;
using Fruit.Launcher;
using Microsoft.Extensions.Configuration;

namespace Instrumentation.AspNetCore.Tests.Samples.Fruit;

public sealed class FruitShopConfigurationTests
{
    private static FruitShopSettings Read(params string[] args) =>
        FruitShopConfiguration.Read(new ConfigurationBuilder().AddCommandLine(args).Build(), args);

    [Fact]
    public void Read_WithoutSettings_UsesTheDocumentedPorts()
    {
        var settings = Read();

        settings.FrontendPort.Should().Be(5000);
        settings.BackendMetricsPort.Should().Be(5001);
        settings.TrafficRate.Should().Be(5);
        settings.DatabasePath.Should().BeNull("the shop then uses the per-user default");
    }

    [Fact]
    public void Read_PortsRateAndDataPath_ComeFromConfiguration()
    {
        // Was: the launcher's ports were hard-coded, so a second shop (or anything on 5000) could not run beside it.
        var settings = Read("--Launcher:FrontendPort=18312", "--Launcher:BackendMetricsPort=18313", "--Launcher:TrafficRate=0", "--Fruit:DatabasePath=/tmp/elsewhere.db");

        settings.FrontendPort.Should().Be(18312);
        settings.BackendMetricsPort.Should().Be(18313);
        settings.TrafficRate.Should().Be(0);
        settings.DatabasePath.Should().Be("/tmp/elsewhere.db");
        settings.FrontendUrl.Should().Be(new Uri("http://127.0.0.1:18312"));
    }

    [Theory]
    [InlineData("--Launcher:FrontendPort=0", "Launcher:FrontendPort")]
    [InlineData("--Launcher:BackendMetricsPort=http", "Launcher:BackendMetricsPort")]
    [InlineData("--Launcher:TrafficRate=-1", "Launcher:TrafficRate")]
    public void Read_AValueOutOfRange_FailsNamingTheKey(string argument, string key)
    {
        var read = () => Read(argument);

        read.Should().Throw<InvalidOperationException>().WithMessage($"*{key}*");
    }

    [Fact]
    public void DefaultDatabasePath_IsPerUserAndPerApp_NotOneFileInTheSharedTempFolder()
    {
        // Was: <temp>/fruit-shop.db, one file for every user and every instance on the machine.
        var path = FruitDataPaths.DefaultDatabasePath();

        path.Should().NotBe(Path.Combine(Path.GetTempPath(), "fruit-shop.db"));
        path.Should().Contain(FruitDataPaths.AppFolder).And.EndWith(FruitDataPaths.FileName);
        new FruitOptions().DatabasePath.Should().Be(path);
    }
}
