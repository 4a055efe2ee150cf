namespace EconomySim.Scenarios.Tests;

/// <summary>Finds the checked-in configs from wherever the test binaries run.</summary>
internal static class Repository
{
    public static string Root => EconomySim.Testing.RepositoryRoot.Directory;
    public static string Configs => Path.Combine(Root, "configs");
    public static string Config(string name) => Path.Combine(Configs, name);
    public static string Schema => Config("scenario.schema.json");

    public static IEnumerable<string> ScenarioFiles() => Directory.EnumerateFiles(Configs, "*.yaml").Order(StringComparer.Ordinal);

    public static TheoryData<string> ScenarioFileNames()
    {
        var data = new TheoryData<string>();
        foreach (var f in ScenarioFiles()) data.Add(Path.GetFileName(f));
        return data;
    }
}
