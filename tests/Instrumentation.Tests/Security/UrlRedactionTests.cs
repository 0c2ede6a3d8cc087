using Instrumentation.Security;

namespace Instrumentation.Tests.Security;

public sealed class UrlRedactionTests
{
    [Theory]
    [InlineData("http://127.0.0.1:9091", "http://127.0.0.1:9091")]
    [InlineData("https://push.example/base/path", "https://push.example/base/path")]
    [InlineData("http://user:p4ss@push.example:9091/x", "http://***@push.example:9091/x")]
    [InlineData("http://user@push.example", "http://***@push.example")]
    [InlineData("http://us@er:p@ss@push.example/", "http://***@push.example/")]
    [InlineData("http://push.example/write?db=x&p=p4ss", "http://push.example/write?***")]
    [InlineData("http://push.example/#token=p4ss", "http://push.example/#***")]
    [InlineData("http://user:p4ss@push.example/?p=p4ss#f", "http://***@push.example/?***")]
    [InlineData("user:p4ss@push.example:9091", "***@push.example:9091")]
    [InlineData("http:/user:p4ss@push.example", "http:/***@push.example")]
    [InlineData("http:\\\\user:p4ss@push.example", "http:\\\\***@push.example")]
    [InlineData("not a url ?p4ss", "not a url ?***")]
    [InlineData("", "")]
    public void Redact_HidesUserInfoQueryAndFragment_KeepsTheRest(string url, string expected)
    {
        UrlRedaction.Redact(url).Should().Be(expected);
    }

    [Fact]
    public void Redact_Null_IsEmpty()
    {
        UrlRedaction.Redact((string?)null).Should().BeEmpty();
    }

    [Theory]
    [InlineData("https://user:p4ss@collector.example:4318/v1?k=p4ss", "https://***@collector.example:4318/v1?***")]
    [InlineData("ftp://user:p4ss@collector.example/?k=p4ss", "ftp://***@collector.example/?***")]
    public void Redact_AUri_RedactsItAsWritten(string url, string expected)
    {
        UrlRedaction.Redact(new Uri(url)).Should().Be(expected);
    }
}
