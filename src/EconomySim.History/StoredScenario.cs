using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EconomySim.Scenarios;

namespace EconomySim.History;

/// <summary>
/// A scenario as the registry keeps it: the text of its file and of every file it extends, so a run can be rebuilt,
/// resumed or checked long after the files on disk have changed.
/// </summary>
public static class StoredScenario
{
    private sealed record Packed(string Main, Dictionary<string, string> Files);

    public static string Pack(ScenarioDocument scenario)
    {
        var mainDirectory = Path.GetDirectoryName(Path.GetFullPath(scenario.Path)) ?? ".";
        var files = new Dictionary<string, string>();
        foreach (var source in scenario.Sources)
        {
            var full = Path.GetFullPath(source);
            var relative = Path.GetRelativePath(mainDirectory, full).Replace('\\', '/');
            files[relative] = full == Path.GetFullPath(scenario.Path) ? scenario.Text : File.ReadAllText(full, Encoding.UTF8);
        }
        return JsonSerializer.Serialize(new Packed(Path.GetFileName(scenario.Path), files));
    }

    /// <summary>The scenario a registered run was computed from, and its economy at the run's years and scale.</summary>
    public static (ScenarioDocument Scenario, Domain.EconomyDefinition Economy) Rebuild(RunRecord run)
    {
        var scenario = Unpack(run.ScenarioSources, run.ScenarioFile);
        return (scenario, EconomyGenerator.Build(scenario, run.Years, run.Scale));
    }

    /// <summary>Loads a packed scenario through the ordinary loader, from a private copy of its files.</summary>
    public static ScenarioDocument Unpack(string packed, string displayPath)
    {
        var p = JsonSerializer.Deserialize<Packed>(packed) ?? throw new InvalidDataException("Empty stored scenario.");
        var depth = p.Files.Keys.Select(k => k.Split('/').Count(s => s == "..")).DefaultIfEmpty(0).Max();
        // A folder of its own per call: two commands reading the same run at once must not share (and delete) one copy.
        var root = Directory.CreateTempSubdirectory("economysim-scenario-").FullName;
        // Files a scenario extends may sit above it ("../base.yaml"), so the copy nests the main file deep enough.
        var mainDirectory = Path.Combine([root, .. Enumerable.Repeat("d", depth)]);
        try
        {
            foreach (var (relative, text) in p.Files)
            {
                var path = Path.GetFullPath(Path.Combine(mainDirectory, relative));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text, Encoding.UTF8);
            }
            var loaded = ScenarioLoader.Load(Path.Combine(mainDirectory, p.Main));
            return loaded with { Path = displayPath };
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

/// <summary>Identifies the model code a run was computed by: the same source builds the same version.</summary>
public static class CodeVersion
{
    public static string Current { get; } = Compute();

    private static string Compute()
    {
        var modules = new[] { typeof(Domain.Organisations.Organisation), typeof(ScenarioLoader), typeof(Engine.SimulationEngine) }
            .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("|", modules))))[..16];
    }
}
