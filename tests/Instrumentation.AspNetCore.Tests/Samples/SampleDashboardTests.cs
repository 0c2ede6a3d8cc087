using System.Text.Json;
using Instrumentation.AspNetCore.Tests.TestSupport;

namespace Instrumentation.AspNetCore.Tests.Samples;

/// <summary>
/// Every sample's Grafana dashboard is importable as is: the shape Grafana's import needs, a stable uid, and
/// every panel on the Prometheus data source the importer picks. (That each query returns data is checked
/// against a real Prometheus by each sample's end-to-end tests.)
/// </summary>
public sealed class SampleDashboardTests
{
    public static TheoryData<string, string> DashboardsAndUids => new()
    {
        { "samples/Login/grafana/login-dashboard.json", "instrumentation-login" },
        { "samples/Fruit/grafana/fruit-dashboard.json", "instrumentation-fruit" },
        { "samples/Handlers/grafana/handlers-dashboard.json", "instrumentation-handlers" },
    };

    public static TheoryData<string> Dashboards => new(DashboardsAndUids.Select(row => (string)row[0]));

    [Theory]
    [MemberData(nameof(DashboardsAndUids))]
    public void Dashboard_HasAStableUidATitleAndNoDatabaseId(string path, string uid)
    {
        using var dashboard = GrafanaDashboard.Load(RepositoryPaths.Of(path.Split('/')));
        var root = dashboard.Root;

        root.GetProperty("uid").GetString().Should().Be(uid, "links and provisioning find a dashboard by its uid, so it must not change");
        uid.Length.Should().BeLessThanOrEqualTo(40, "Grafana refuses longer uids");
        root.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace();
        root.GetProperty("schemaVersion").GetInt32().Should().BePositive();
        if (root.TryGetProperty("id", out var id))
        {
            id.ValueKind.Should().Be(JsonValueKind.Null, "an id belongs to one Grafana's database: importing with one would overwrite another dashboard");
        }
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Dashboard_AsksForAPrometheusDataSource_AndEveryPanelUsesIt(string path)
    {
        using var dashboard = GrafanaDashboard.Load(RepositoryPaths.Of(path.Split('/')));

        var dataSource = dashboard.Variables.Should().ContainSingle(v => v.GetProperty("type").GetString() == "datasource").Subject;
        dataSource.GetProperty("query").GetString().Should().Be("prometheus");
        var reference = $"${{{dataSource.GetProperty("name").GetString()}}}";
        var panels = dashboard.Panels.Where(p => p.GetProperty("type").GetString() != "row").ToList();
        panels.Should().NotBeEmpty();
        foreach (var panel in panels)
        {
            var title = panel.GetProperty("title").GetString();
            var source = panel.GetProperty("datasource");
            source.GetProperty("type").GetString().Should().Be("prometheus", $"panel '{title}' queries Prometheus");
            source.GetProperty("uid").GetString().Should().Be(reference, $"panel '{title}' should follow the data source picked at import");
        }

        foreach (var variable in dashboard.Variables.Where(v => v.GetProperty("type").GetString() == "query"))
        {
            variable.GetProperty("datasource").GetProperty("uid").GetString().Should().Be(reference);
        }
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Dashboard_PanelsHaveUniqueIdsAndFitTheGrid_AndTargetsUseOnlyKnownVariables(string path)
    {
        using var dashboard = GrafanaDashboard.Load(RepositoryPaths.Of(path.Split('/')));
        var declared = dashboard.Variables.Select(v => v.GetProperty("name").GetString()!).ToHashSet();

        dashboard.Panels.Select(p => p.GetProperty("id").GetInt32()).Should().OnlyHaveUniqueItems();
        foreach (var panel in dashboard.Panels)
        {
            var title = panel.GetProperty("title").GetString();
            var grid = panel.GetProperty("gridPos");
            var (x, w, h) = (grid.GetProperty("x").GetInt32(), grid.GetProperty("w").GetInt32(), grid.GetProperty("h").GetInt32());
            grid.GetProperty("y").GetInt32().Should().BeGreaterThanOrEqualTo(0);
            (x >= 0 && w > 0 && h > 0 && x + w <= 24).Should().BeTrue($"panel '{title}' at x={x} w={w} should fit Grafana's 24 columns");
        }

        dashboard.Queries.Should().NotBeEmpty();
        foreach (var group in dashboard.Queries.GroupBy(q => q.Panel))
        {
            group.Select(q => q.RefId).Should().OnlyHaveUniqueItems($"panel '{group.Key}' tells its queries apart by refId");
        }

        foreach (var query in dashboard.Queries)
        {
            query.Expression.Should().NotBeNullOrWhiteSpace();
            foreach (var variable in GrafanaDashboard.VariablesUsedBy(query.Expression))
            {
                (GrafanaDashboard.IsIntervalMacro(variable) || declared.Contains(variable)).Should()
                    .BeTrue($"panel '{query.Panel}' {query.RefId} uses ${variable}, which the dashboard should declare");
            }
        }
    }

    [Fact]
    public void Dashboards_HaveDistinctUids()
    {
        DashboardsAndUids.Select(row => (string)row[1]).Should().OnlyHaveUniqueItems();
        Directory.EnumerateDirectories(RepositoryPaths.Of("samples"))
            .Select(sample => Path.Combine(sample, "grafana"))
            .Where(Directory.Exists)
            .SelectMany(grafana => Directory.EnumerateFiles(grafana, "*.json"))
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Should().BeEquivalentTo(DashboardsAndUids.Select(row => (string)row[0]), "every sample dashboard is checked here");
    }
}
