using System.Text.Json;
using System.Text.RegularExpressions;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// A checked-in Grafana dashboard JSON, read the way Grafana reads it: its panels (rows flattened), each
/// panel's PromQL targets, and its template variables with their default values.
/// </summary>
internal sealed partial class GrafanaDashboard : IDisposable
{
    /// <summary>What each interval macro becomes in a test: longer than any test runs, so a rate covers all of it.</summary>
    public const string TestRange = "5m";

    private static readonly string[] IntervalMacros = ["__rate_interval", "__interval", "__range"];

    private readonly JsonDocument _document;

    private GrafanaDashboard(string path, JsonDocument document)
    {
        Path = path;
        _document = document;
        Panels = FlattenPanels(document.RootElement);
        Queries = Panels
            .SelectMany(panel => panel.TryGetProperty("targets", out var targets)
                ? targets.EnumerateArray().Select(t => new DashboardQuery(
                    panel.GetProperty("title").GetString()!, t.GetProperty("refId").GetString()!, t.GetProperty("expr").GetString()!))
                : [])
            .ToList();
        Variables = document.RootElement.TryGetProperty("templating", out var templating)
            ? templating.GetProperty("list").EnumerateArray().ToList()
            : [];
    }

    public string Path { get; }

    public JsonElement Root => _document.RootElement;

    /// <summary>Every panel, those inside collapsed rows included.</summary>
    public IReadOnlyList<JsonElement> Panels { get; }

    /// <summary>Every target of every panel.</summary>
    public IReadOnlyList<DashboardQuery> Queries { get; }

    /// <summary>The template variables (<c>templating.list</c>).</summary>
    public IReadOnlyList<JsonElement> Variables { get; }

    public static GrafanaDashboard Load(string path) => new(path, JsonDocument.Parse(File.ReadAllText(path)));

    /// <summary>The value a variable starts with when the dashboard opens (<c>current.value</c>).</summary>
    public string DefaultValueOf(string variable)
    {
        var definition = Variables.SingleOrDefault(v => v.GetProperty("name").GetString() == variable);
        if (definition.ValueKind == JsonValueKind.Undefined)
        {
            throw new InvalidOperationException($"{Path} uses ${variable}, which is not one of its template variables.");
        }

        if (!definition.TryGetProperty("current", out var current) || current.GetProperty("value").GetString() is not { Length: > 0 } value)
        {
            throw new InvalidOperationException($"{Path}: the variable ${variable} has no current.value to start with.");
        }

        return value;
    }

    /// <summary>
    /// <paramref name="expression"/> as Prometheus will run it: interval macros become <see cref="TestRange"/>,
    /// template variables (<c>$job</c>, <c>${job}</c>, <c>[[job]]</c>) their default values.
    /// </summary>
    public string ToPromQL(string expression) =>
        VariableReference().Replace(expression, match =>
        {
            var name = match.Groups["braced"].Success ? match.Groups["braced"].Value
                : match.Groups["bracketed"].Success ? match.Groups["bracketed"].Value
                : match.Groups["plain"].Value;
            return IntervalMacros.Contains(name) ? TestRange : DefaultValueOf(name);
        });

    /// <summary>The names of the variables an expression uses (macros included).</summary>
    public static IEnumerable<string> VariablesUsedBy(string expression) =>
        VariableReference().Matches(expression).Select(m =>
            m.Groups["braced"].Success ? m.Groups["braced"].Value
            : m.Groups["bracketed"].Success ? m.Groups["bracketed"].Value
            : m.Groups["plain"].Value);

    /// <summary>Whether <paramref name="name"/> is one of Grafana's own interval macros.</summary>
    public static bool IsIntervalMacro(string name) => IntervalMacros.Contains(name);

    public void Dispose() => _document.Dispose();

    private static List<JsonElement> FlattenPanels(JsonElement root)
    {
        var panels = new List<JsonElement>();
        foreach (var panel in root.GetProperty("panels").EnumerateArray())
        {
            panels.Add(panel);
            if (panel.TryGetProperty("panels", out var nested))
            {
                panels.AddRange(nested.EnumerateArray());
            }
        }

        return panels;
    }

    [GeneratedRegex(@"\$\{(?<braced>\w+)(?::\w+)?\}|\[\[(?<bracketed>\w+)\]\]|\$(?<plain>\w+)")]
    private static partial Regex VariableReference();
}

/// <summary>One target of a dashboard panel: its panel's title, its refId and its PromQL as written.</summary>
internal sealed record DashboardQuery(string Panel, string RefId, string Expression);
