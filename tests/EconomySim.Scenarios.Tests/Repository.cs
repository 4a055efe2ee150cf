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

/// <summary>A scratch folder for bad scenario files, removed after the test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Path = Directory.CreateTempSubdirectory("economysim-scenarios-").FullName;

    public string Path { get; }

    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
