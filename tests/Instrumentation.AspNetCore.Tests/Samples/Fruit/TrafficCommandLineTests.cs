using System.CommandLine;
using Fruit.Traffic;

namespace Instrumentation.AspNetCore.Tests.Samples.Fruit;

public sealed class TrafficCommandLineTests
{
    private static (ParseResult Parse, Option<Uri> Url) Parse(params string[] args)
    {
        var url = TrafficCommandLine.CreateUrlOption();
        return (new RootCommand { url }.Parse(args), url);
    }

    [Fact]
    public void Url_GivenAnotherPort_IsParsedAsThatAddress()
    {
        // Was: "Cannot parse argument 'http://127.0.0.1:18312' for option '--url' as expected type 'System.Uri'".
        var (parse, url) = Parse("--url", "http://127.0.0.1:18312");

        parse.Errors.Should().BeEmpty();
        parse.GetValue(url).Should().Be(new Uri("http://127.0.0.1:18312"));
    }

    [Fact]
    public void Url_WhenAbsent_IsTheLaunchersDefaultFrontend()
    {
        var (parse, url) = Parse();

        parse.Errors.Should().BeEmpty();
        parse.GetValue(url).Should().Be(new Uri("http://127.0.0.1:5000"));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative")]
    [InlineData("ftp://127.0.0.1/")]
    public void Url_ThatIsNotAnHttpAddress_IsAParseErrorNamingTheOption(string value)
    {
        var (parse, _) = Parse("--url", value);

        parse.Errors.Should().ContainSingle().Which.Message.Should().Contain("--url").And.Contain("http");
    }
}
