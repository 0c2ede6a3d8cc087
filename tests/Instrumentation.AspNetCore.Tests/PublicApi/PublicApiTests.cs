using System.Reflection;
using Instrumentation.AspNetCore.Endpoints;
using Instrumentation.AspNetCore.Tests.TestSupport;

namespace Instrumentation.AspNetCore.Tests.PublicApi;

/// <summary>
/// The public API of each package, checked in beside this test: a change to the surface must be a
/// deliberate change to the file. Run with UPDATE_PUBLIC_API=true to rewrite the files after one.
/// </summary>
public sealed class PublicApiTests
{
    [Theory]
    [InlineData("Instrumentation")]
    [InlineData("Instrumentation.AspNetCore")]
    [InlineData("Instrumentation.OpenTelemetryProtocol")]
    public void PublicApi_MatchesTheCheckedInListing(string assemblyName)
    {
        var assembly = assemblyName switch
        {
            "Instrumentation" => typeof(MetricFactory).Assembly,
            "Instrumentation.OpenTelemetryProtocol" => typeof(Instrumentation.OpenTelemetryProtocol.OtlpExportOptions).Assembly,
            _ => typeof(MetricsEndpointMetadata).Assembly,
        };
        var actual = PublicApiListing.Of(assembly);
        var file = RepositoryPaths.Of("tests", "Instrumentation.AspNetCore.Tests", "PublicApi", $"{assemblyName}.PublicAPI.txt");

        if (Environment.GetEnvironmentVariable("UPDATE_PUBLIC_API") == "true")
        {
            File.WriteAllText(file, actual);
        }

        File.Exists(file).Should().BeTrue($"{file} should list the public API (run the tests with UPDATE_PUBLIC_API=true to create it)");
        actual.Should().Be(
            File.ReadAllText(file),
            $"the public API of {assemblyName} changed; if that is intended, run the tests with UPDATE_PUBLIC_API=true and review the diff of {Path.GetFileName(file)}");
    }
}
