using System.Diagnostics;
using System.Reflection;
using Instrumentation.Security;

namespace Instrumentation.Tests.PasswordHashTool;

/// <summary>Runs the built instrumentation-hash tool as a user would, with the password on standard input.</summary>
public sealed class InstrumentationHashToolTests
{
    private static readonly string ToolPath = typeof(InstrumentationHashToolTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PasswordHashTool").Value!;

    [Fact]
    public async Task Run_WithAPasswordOnStandardInput_PrintsASha512CryptHashThatVerifies()
    {
        var (exitCode, output, _) = await RunAsync("", "correct horse\n");

        exitCode.Should().Be(0);
        output.Should().MatchRegex(@"^\$6\$[./A-Za-z0-9]{16}\$[./A-Za-z0-9]{86}\n$");
        PasswordHash.Verify("correct horse", output.TrimEnd('\n')).Should().BeTrue();
    }

    [Fact]
    public async Task Run_WithPbkdf2AndRounds_PrintsAPbkdf2HashThatVerifies()
    {
        var (exitCode, output, _) = await RunAsync("--pbkdf2 --rounds 650000", "s3cret");

        exitCode.Should().Be(0);
        output.Should().StartWith("$pbkdf2-sha256$650000$");
        PasswordHash.Verify("s3cret", output.TrimEnd('\n')).Should().BeTrue();
    }

    [Fact]
    public async Task Run_WithBcrypt_PrintsABcryptHashOfCost10ThatVerifies()
    {
        var (exitCode, output, _) = await RunAsync("--bcrypt", "s3cret\n");

        exitCode.Should().Be(0);
        output.Should().MatchRegex(@"^\$2b\$10\$[./A-Za-z0-9]{53}\n$");
        PasswordHash.Verify("s3cret", output.TrimEnd('\n')).Should().BeTrue();
    }

    [Fact]
    public async Task Run_WithBcryptAndRounds_UsesThemAsTheCost()
    {
        var (exitCode, output, _) = await RunAsync("--bcrypt --rounds 11", "s3cret");

        exitCode.Should().Be(0);
        output.Should().StartWith("$2b$11$");
    }

    [Fact]
    public async Task Run_WithBcryptAndAPasswordLongerThan72Bytes_FailsAndPrintsNoHash()
    {
        var (exitCode, output, error) = await RunAsync("--bcrypt", new string('p', 73) + "\n");

        exitCode.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Contain("72 bytes");
    }

    [Fact]
    public async Task Run_WithBothPbkdf2AndBcrypt_FailsShowingTheChoice()
    {
        var (exitCode, output, error) = await RunAsync("--pbkdf2 --bcrypt", "s3cret");

        exitCode.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain("one of --pbkdf2 and --bcrypt");
    }

    [Fact]
    public async Task Run_WithNothingOnStandardInput_FailsAndPrintsNoHash()
    {
        var (exitCode, output, error) = await RunAsync("", "");

        exitCode.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Contain("no password");
    }

    [Fact]
    public async Task Run_WithAnUnknownOption_FailsShowingUsage()
    {
        var (exitCode, _, error) = await RunAsync("--scrypt", "s3cret");

        exitCode.Should().Be(2);
        error.Should().Contain("'--scrypt'").And.Contain("Usage: instrumentation-hash");
    }

    [Theory]
    [InlineData("--pbkdf2 --rounds 1", "600000")]
    [InlineData("--pbkdf2 --rounds 599999", "600000")]
    [InlineData("--rounds 1000", "5000")]
    [InlineData("--rounds 4999", "5000")]
    [InlineData("--bcrypt --rounds 9", "between 10 and 31")]
    [InlineData("--bcrypt --rounds 32", "between 10 and 31")]
    public async Task Run_WithACostBelowTheEndpointsFloor_FailsNamingTheFloorAndPrintsNoHash(string arguments, string floor)
    {
        var (exitCode, output, error) = await RunAsync(arguments, "s3cret");

        exitCode.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain(floor);
    }

    [Fact]
    public async Task Run_WithAPasswordLongerThan256Bytes_FailsAndPrintsNoHash()
    {
        var (exitCode, output, error) = await RunAsync("", new string('p', 257) + "\n");

        exitCode.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Contain("256 bytes");
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string arguments, string stdin)
    {
        File.Exists(ToolPath).Should().BeTrue($"the tool is built before the tests ({ToolPath})");
        var start = new ProcessStartInfo("dotnet", $"\"{ToolPath}\" {arguments}")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
