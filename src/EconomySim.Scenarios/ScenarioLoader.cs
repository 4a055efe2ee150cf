using EconomySim.Scenarios.Binding;
using EconomySim.Scenarios.Yaml;

namespace EconomySim.Scenarios;

public static class ScenarioLoader
{
    /// <summary>
    /// Reads, merges (<c>extends</c>), binds and validates a scenario file. Every problem with the input, from a missing
    /// file to shares that do not add up, is a <see cref="ScenarioException"/> naming file, line, column and key; nothing
    /// else escapes for malformed input.
    /// </summary>
    public static ScenarioDocument Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Trim().Length == 0)
            throw new ScenarioException(new ScenarioError("(no file)", 0, 0, null, "no scenario file was given", "name a .yaml scenario file"));

        var source = ScenarioSource.Resolve(path);
        var context = new BindContext();
        var bound = ScenarioBinder.Bind(SectionReader.ForDocument(context, source.Root));
        if (context.Errors.Count > 0)
            throw new ScenarioException(InFileOrder(context.Errors, source));

        return new ScenarioDocument(
            Path: path,
            Text: source.Main.Text,
            Sha256: source.Sha256(),
            Name: bound.Name,
            Description: bound.Description,
            StructureSeed: bound.StructureSeed,
            Organisations: bound.Organisations,
            Parameters: bound.Parameters,
            Sources: source.Files.Select(f => f.DisplayPath).ToList());
    }

    /// <summary>The file being loaded first, then its bases; within a file, by position, so the first error is the first a reader meets.</summary>
    private static List<ScenarioError> InFileOrder(List<ScenarioError> errors, ResolvedSource source)
    {
        var rank = source.Files.Select((f, i) => (f.DisplayPath, i)).ToDictionary(x => x.DisplayPath, x => x.i);
        return errors
            .Select((e, i) => (e, i))
            .OrderBy(x => rank.GetValueOrDefault(x.e.File, int.MaxValue))
            .ThenBy(x => x.e.Line)
            .ThenBy(x => x.e.Column)
            .ThenBy(x => x.i)
            .Select(x => x.e)
            .ToList();
    }
}
