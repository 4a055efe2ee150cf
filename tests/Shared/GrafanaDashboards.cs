using System.Text.Json;

namespace EconomySim.Testing;

/// <summary>The PromQL of the Grafana dashboards in dashboards/: panel targets and template variable queries.</summary>
internal static class GrafanaDashboards
{
    public sealed record Query(string Dashboard, string Where, string Expression);

    public static IReadOnlyList<string> Files() => Directory.GetFiles(RepositoryRoot.File("dashboards"), "*.json").Order().ToList();

    public static IEnumerable<Query> Expressions()
    {
        foreach (var file in Files())
        {
            var root = JsonDocument.Parse(File.ReadAllText(file)).RootElement;
            var name = Path.GetFileName(file);
            foreach (var panel in root.GetProperty("panels").EnumerateArray())
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                    yield return new Query(name, $"panel '{panel.GetProperty("title").GetString()}' {target.GetProperty("refId").GetString()}", target.GetProperty("expr").GetString()!);
            foreach (var variable in root.GetProperty("templating").GetProperty("list").EnumerateArray())
                if (variable.GetProperty("type").GetString() == "query")
                    yield return new Query(name, $"variable ${variable.GetProperty("name").GetString()}", variable.GetProperty("definition").GetString()!);
        }
    }
}
