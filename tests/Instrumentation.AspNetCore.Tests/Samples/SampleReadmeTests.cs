using System.Text.Json;
using System.Text.RegularExpressions;
using global::Fruit.Frontend;
using global::Fruit.Launcher;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Hosting;

namespace Instrumentation.AspNetCore.Tests.Samples;

/// <summary>
/// Each sample's README says how to run it, what to open and what to look at, and stays true: the projects it
/// runs exist, the addresses it opens are where the sample listens, the endpoints it lists are mapped, and the
/// files it names are there.
/// </summary>
public sealed partial class SampleReadmeTests
{
    /// <summary>Ports a README may name besides the sample's own: Prometheus's and Grafana's defaults.</summary>
    private static readonly int[] ToolPorts = [9090, 3000];

    public static TheoryData<string> Samples => new(["Login", "Fruit", "Handlers"]);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Readme_SaysHowToRunIt_WhatToOpen_AndWhatToLookAt(string sample)
    {
        var readme = ReadReadme(sample);

        readme.Should().MatchRegex(@"(?m)^## Run it\s*$", "the README should say how to run the sample");
        readme.Should().MatchRegex(@"(?m)^## What to look at", "the README should say what to look at");
        DotnetRunProjects().Matches(readme).Should().NotBeEmpty("the README should give the command that runs the sample");
        Urls().Matches(readme).Select(m => int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Should().Contain(port => SamplePorts(sample).Contains(port), "the README should say which address to open");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Readme_RunsOnlyProjectsThatExist(string sample)
    {
        foreach (Match run in DotnetRunProjects().Matches(ReadReadme(sample)))
        {
            var project = RepositoryPaths.Of(run.Groups["project"].Value.Split('/'));
            var exists = project.EndsWith(".csproj", StringComparison.Ordinal)
                ? File.Exists(project)
                : Directory.Exists(project) && Directory.EnumerateFiles(project, "*.csproj").Any();
            exists.Should().BeTrue($"'{run.Value}' in samples/{sample}/README.md should name a project (from the repository root)");
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Readme_OpensOnlyThePortsTheSampleListensOn(string sample)
    {
        var ports = SamplePorts(sample);

        foreach (Match url in Urls().Matches(ReadReadme(sample)))
        {
            var port = int.Parse(url.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
            (ports.Contains(port) || ToolPorts.Contains(port)).Should().BeTrue(
                $"{url.Value} in samples/{sample}/README.md should be where the sample listens ({string.Join(", ", ports)}) or Prometheus/Grafana ({string.Join(", ", ToolPorts)})");
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void PrometheusYml_ScrapesThePortsTheSampleListensOn(string sample)
    {
        var config = File.ReadAllText(RepositoryPaths.Of("samples", sample, "prometheus.yml"));
        var targets = ScrapeTargets().Matches(config).Select(m => int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        targets.Should().NotBeEmpty().And.BeSubsetOf(SamplePorts(sample), $"samples/{sample}/prometheus.yml should scrape the sample where it listens");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Readme_NamesOnlyFilesThatExist(string sample)
    {
        var directory = RepositoryPaths.Of("samples", sample);
        var readme = ReadReadme(sample);
        var names = FilePaths().Matches(readme).Select(m => m.Groups["path"].Value)
            .Concat(MarkdownLinks().Matches(readme).Select(m => m.Groups["target"].Value))
            .Where(name => !name.Contains("://", StringComparison.Ordinal) && !name.EndsWith(".db", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        names.Should().NotBeEmpty();
        foreach (var name in names)
        {
            Resolves(directory, name).Should().BeTrue(
                $"samples/{sample}/README.md names '{name}', which should exist (relative to the sample, to the repository root, or a file name inside the sample)");
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Readme_NamesEveryPrometheusAndGrafanaFileOfTheSample(string sample)
    {
        var directory = RepositoryPaths.Of("samples", sample);
        var readme = ReadReadme(sample);
        var files = new[] { "prometheus.yml", "alerts.yml", "alerts.test.yml" }
            .Where(f => File.Exists(Path.Combine(directory, f)))
            .Concat(Directory.Exists(Path.Combine(directory, "grafana"))
                ? Directory.EnumerateFiles(Path.Combine(directory, "grafana"), "*.json").Select(f => $"grafana/{Path.GetFileName(f)}")
                : [])
            .ToList();

        files.Should().Contain(["prometheus.yml", "alerts.yml", "alerts.test.yml"], $"samples/{sample} should come with Prometheus and alerts");
        files.Should().Contain(f => f.StartsWith("grafana/", StringComparison.Ordinal), $"samples/{sample} should come with a dashboard");
        foreach (var file in files)
        {
            readme.Should().Contain(file, $"samples/{sample}/README.md should say what {file} is for");
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Readme_NamesOnlyEndpointsTheSampleMaps(string sample)
    {
        var readme = ReadReadme(sample);
        var byPort = await SampleEndpoints.ByPortAsync(sample, SamplePorts(sample));
        var everyRoute = byPort.Values.SelectMany(routes => routes).ToList();

        var named = MethodAndPath().Matches(readme).ToList();
        named.Should().NotBeEmpty($"samples/{sample}/README.md should list the sample's endpoints");
        foreach (Match endpoint in named)
        {
            var (method, path) = (endpoint.Groups["method"].Value, endpoint.Groups["path"].Value);
            everyRoute.Should().Contain(
                r => r.Pattern == path && (r.Methods.Count == 0 || r.Methods.Contains(method)),
                $"samples/{sample}/README.md lists `{endpoint.Value}`, which the sample should map");
        }

        foreach (Match url in UrlPaths().Matches(readme))
        {
            var port = int.Parse(url.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (byPort.TryGetValue(port, out var routes))
            {
                routes.Should().Contain(r => r.Pattern == url.Groups["path"].Value, $"samples/{sample}/README.md opens {url.Value}, which the sample should serve on port {port}");
            }
        }
    }

    /// <summary>Where the sample listens by default, read from its configuration and code, never from the README.</summary>
    private static HashSet<int> SamplePorts(string sample) => sample switch
    {
        "Fruit" => [new Uri(FrontendApp.DefaultUrl).Port, new MetricsServerOptions().Port, new FruitShopSettings().FrontendPort, new FruitShopSettings().BackendMetricsPort],
        _ => [.. PortsOfUrlsSetting(RepositoryPaths.Of("samples", sample, "appsettings.json"))],
    };

    private static List<int> PortsOfUrlsSetting(string appSettings)
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(appSettings));
        var urls = settings.RootElement.GetProperty("Urls").GetString()!;
        return urls.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(u => new Uri(u).Port).ToList();
    }

    private static bool Resolves(string sampleDirectory, string name)
    {
        var relative = name.TrimEnd('/').Split('/');
        if (relative.Length == 0 || relative.All(string.IsNullOrEmpty))
        {
            return false;
        }

        foreach (var candidate in new[] { Path.Combine([sampleDirectory, .. relative]), RepositoryPaths.Of(relative) })
        {
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return true;
            }
        }

        // A bare file name (FruitEndpoints.cs) names one source file of the sample's projects.
        return relative.Length == 1
            && Directory.EnumerateFiles(sampleDirectory, relative[0], SearchOption.AllDirectories)
                .Count(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) == 1;
    }

    private static string ReadReadme(string sample) => File.ReadAllText(RepositoryPaths.Of("samples", sample, "README.md"));

    [GeneratedRegex(@"dotnet run --project (?<project>[\w./-]+)")]
    private static partial Regex DotnetRunProjects();

    [GeneratedRegex(@"(?:https?://)?(?:127\.0\.0\.1|localhost):(?<port>\d+)")]
    private static partial Regex Urls();

    [GeneratedRegex(@"https?://(?:127\.0\.0\.1|localhost):(?<port>\d+)(?<path>/[\w/.-]*)")]
    private static partial Regex UrlPaths();

    [GeneratedRegex(@"`(?<method>GET|POST|PUT|DELETE|PATCH) (?<path>/[\w/.-]*)")]
    private static partial Regex MethodAndPath();

    [GeneratedRegex(@"['""]?(?:127\.0\.0\.1|localhost):(?<port>\d+)['""]?")]
    private static partial Regex ScrapeTargets();

    // A path with a file extension we ship (alone or after directories), or a directory in backticks (`k8s/`);
    // not part of a URL or of a longer word.
    [GeneratedRegex(@"(?<![\w/.:-])(?<path>(?:[\w.-]+/)*\w[\w.-]*\.(?:ya?ml|json|cs|csproj|md|sh))(?![\w/])|`(?<path>[\w.-]+/)`")]
    private static partial Regex FilePaths();

    [GeneratedRegex(@"\]\((?<target>[^)#\s]+)(?:#[^)]*)?\)")]
    private static partial Regex MarkdownLinks();
}
