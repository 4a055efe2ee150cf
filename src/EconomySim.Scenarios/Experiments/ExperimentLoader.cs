using System.Security.Cryptography;
using System.Text;
using EconomySim.Domain;
using EconomySim.Scenarios.Binding;
using EconomySim.Scenarios.Yaml;
using static EconomySim.Scenarios.Binding.ValueRange;

namespace EconomySim.Scenarios.Experiments;

/// <summary>
/// Reads experiment files with the scenario machinery: the same YAML tree, the same key reader and messages, and every
/// variant's overrides merged over the base scenario and bound by the scenario binder, so a mistake in an override is
/// reported at its line in the experiment file exactly as it would be in a scenario.
/// </summary>
public static class ExperimentLoader
{
    public const string ExperimentKey = "experiment";
    public const int MaxReplications = 1000;

    /// <summary>The largest scale, as `run --scale` allows.</summary>
    public const int MaxScale = 1000;

    /// <summary>The one arm of a design written without variants: the base scenario as it stands.</summary>
    public const string BaseArm = "base";

    /// <summary>Whether a file is an experiment (a top-level <c>experiment:</c> section) rather than a scenario.</summary>
    /// <exception cref="ScenarioException">The file is missing or not YAML.</exception>
    public static bool IsExperiment(string path) => ScenarioSource.Resolve(path, mergeBases: false).Root.Find(ExperimentKey) is not null;

    /// <exception cref="ScenarioException">Anything wrong with the experiment file or its base scenario, located by file and line.</exception>
    public static ExperimentDocument Load(string path, int? replications = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var source = ScenarioSource.Resolve(path, mergeBases: false);
        var context = new BindContext();
        var r = SectionReader.ForDocument(context, source.Root);

        // With a design, each point is a comparison of its own: one replication and one arm (the base) can be enough.
        var designed = r.Has(DesignLoader.DesignKey);
        var (name, description, scenarioFile, scenarioAt, count, seed, years, scale) = r.Section(ExperimentKey, s => (
            s.Text("name", pattern: ScenarioBinder.NamePattern, meaning: "must be 1-64 lower-case letters, digits and hyphens, starting with a letter or digit (it becomes part of run ids)"),
            s.Text("description", required: false),
            s.Text("scenario", meaning: "the base scenario file, relative to this file"),
            s.LocationOf("scenario"),
            s.Integer("replications", Between(designed ? 1 : 2, MaxReplications)),
            s.Long("seed", AtLeast(0), 1),
            NullIfZero(s.Integer("years", Between(1, 50), 0)),
            s.Integer("scale", Between(1, MaxScale), 1)));

        IReadOnlyList<(string Name, string Description, TreeMap? Set, SourceLocation At)> rawVariants = designed && !r.Has("variants")
            ? [(Name: BaseArm, Description: "the base scenario", Set: (TreeMap?)null, At: r.LocationOf(ExperimentKey))]
            : r.SectionList("variants", v => (
                Name: v.Text("name", pattern: ScenarioBinder.NamePattern, meaning: "must be 1-64 lower-case letters, digits and hyphens (it becomes part of run ids)"),
                Description: v.Text("description", required: false),
                Set: v.Mapping("set", required: false, "a mapping of scenario keys to new values, e.g. `contracts.acute_payment: block`"),
                At: v.LocationOf("name")), minimumItems: designed ? 1 : 2);

        var rawParameters = DesignLoader.ReadParameters(r);
        var rawDesign = DesignLoader.ReadDesign(r);
        IReadOnlyList<RawExpectation> rawExpectations = r.Has("expect") ? ExpectationReader.ReadRaw(r) : [];
        r.Finish();
        if (context.Errors.Count > 0) throw new ScenarioException(InOrder(context.Errors));

        // The base scenario is loaded on its own first, so its own mistakes are reported once, in its own file.
        var directory = System.IO.Path.GetDirectoryName(path) ?? "";
        var basePath = System.IO.Path.Combine(directory, scenarioFile);
        var (baseDocument, baseSource) = LoadBase(basePath, scenarioAt);
        var runYears = years ?? baseDocument.Parameters.Years;
        var replicationCount = replications ?? count;

        var names = new List<string>();
        var variants = new List<ExperimentVariant>();
        for (var i = 0; i < rawVariants.Count; i++)
        {
            var (variantName, variantDescription, set, at) = rawVariants[i];
            if (names.Contains(variantName))
            {
                context.Add(at, $"variants[{i}].name", $"the variant name `{variantName}` is used twice", "give each variant its own name");
                continue;
            }
            names.Add(variantName);
            var overlay = set is null ? new TreeMap(at, []) : Expand(set, context, $"variants[{i}].set");
            var merged = (TreeMap)TreeMerge.Merge(baseSource.Root.Without(ScenarioSource.ExtendsKey), overlay);
            var before = context.Errors.Count;
            var bound = ScenarioBinder.Bind(SectionReader.ForDocument(context, merged, $"variants[{i}].set"));
            if (context.Errors.Count > before) continue;
            // Each variant is also an ordinary scenario file (the base extended by the overrides), so a stored run of it
            // can be rebuilt, resumed and compared like any run.
            var variantPath = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(basePath) ?? "", $"{name}.{variantName}.yaml");
            var variantText = $"# Variant `{variantName}` of experiment {source.Main.DisplayPath}\nextends: {System.IO.Path.GetFileName(basePath)}\n" + TreeYaml.Write(overlay);
            variants.Add(new ExperimentVariant(variantName, variantDescription, baseDocument with
            {
                Path = variantPath,
                Text = variantText,
                Parameters = bound.Parameters,
                Sha256 = Hash(baseDocument.Sha256, variantText, variantName),
                Sources = [variantPath, .. baseDocument.Sources],
            })
            { Overrides = overlay });
        }
        var baseTree = baseSource.Root.Without(ScenarioSource.ExtendsKey);
        var design = DesignLoader.Check(context, rawParameters, rawDesign, r, baseTree, seed, Math.Max(1, variants.Count) * replicationCount);

        var expectations = ExpectationReader.Check(context, rawExpectations, names, baseDocument.Parameters.StartYear, runYears, design?.Space.Parameters.Select(p => p.Key).ToList());
        if (context.Errors.Count > 0) throw new ScenarioException(InOrder(context.Errors));

        return new ExperimentDocument(path, name, description, baseDocument, replicationCount, seed, years, variants, expectations)
        {
            Space = design?.Space,
            Design = design?.Design,
            Points = design?.Points ?? [],
            Scale = scale,
            BaseTree = baseTree,
        };
    }

    private static int? NullIfZero(int value) => value == 0 ? null : value;

    /// <summary>
    /// The base scenario, loaded on its own. A base that does not load is the experiment file's mistake as much as the
    /// base's: each of its errors is reported at the experiment's <c>scenario:</c> key, with the base's own message
    /// (its file, line and key) after it, so the reader sees both which line chose the base and what is wrong in it.
    /// </summary>
    private static (ScenarioDocument Document, ResolvedSource Source) LoadBase(string basePath, SourceLocation scenarioAt)
    {
        try
        {
            return (ScenarioLoader.Load(basePath), ScenarioSource.Resolve(basePath));
        }
        catch (ScenarioException e)
        {
            throw new ScenarioException(e.Errors.Select(error => new ScenarioError(scenarioAt.File, scenarioAt.Line, scenarioAt.Column,
                $"{ExperimentKey}.scenario", $"the base scenario does not load: {error}", "")).ToList());
        }
    }

    /// <summary>
    /// Overrides as written, dotted (<c>contracts.acute_payment: block</c>) or nested, as one mapping to merge over the base.
    /// Every value keeps its own location, so the binder's messages point at the experiment file.
    /// </summary>
    private static TreeMap Expand(TreeMap set, BindContext context, string path)
    {
        TreeMap result = new(set.At, []);
        foreach (var entry in set.Entries)
        {
            var parts = entry.Key.Split('.');
            if (parts.Any(p => p.Length == 0))
            {
                context.Add(entry.KeyAt, $"{path}.{entry.Key}", $"`{entry.Key}` is not a key path", "write keys as `section.key`, e.g. `contracts.acute_payment`");
                continue;
            }
            TreeNode node = entry.Value;
            for (var k = parts.Length - 1; k >= 1; k--)
                node = new TreeMap(entry.KeyAt, [new TreeEntry(parts[k], entry.KeyAt, node)]);
            result = (TreeMap)TreeMerge.Merge(result, new TreeMap(entry.KeyAt, [new TreeEntry(parts[0], entry.KeyAt, node)]));
        }
        return result;
    }

    private static string Hash(string baseSha, string experimentText, string variant)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{baseSha}\0{experimentText}\0{variant}"));
        return Convert.ToHexStringLower(bytes);
    }

    private static List<ScenarioError> InOrder(List<ScenarioError> errors) =>
        errors.Select((e, i) => (e, i)).OrderBy(x => x.e.File, StringComparer.Ordinal).ThenBy(x => x.e.Line).ThenBy(x => x.e.Column).ThenBy(x => x.i).Select(x => x.e).ToList();
}
