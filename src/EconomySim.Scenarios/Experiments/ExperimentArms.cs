using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EconomySim.Scenarios.Binding;
using EconomySim.Scenarios.Yaml;

namespace EconomySim.Scenarios.Experiments;

/// <summary>
/// The scenario one arm of an experiment runs: a variant's overrides and a design point's parameter values merged over
/// the base scenario and bound by the scenario binder, so a value the key does not allow is reported like any override.
/// </summary>
public static class ExperimentArms
{
    /// <summary>
    /// The variant's scenario with <paramref name="values"/> (in the order of the experiment's parameters) set as
    /// overrides: an ordinary scenario (the base extended by the variant's and the point's overrides), so a stored run of
    /// it can be rebuilt, resumed and compared like any run.
    /// </summary>
    /// <exception cref="ScenarioException">A value the scenario format refuses, reported at its parameter's line.</exception>
    public static ScenarioDocument ScenarioOf(ExperimentDocument experiment, ExperimentVariant variant, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(variant);
        ArgumentNullException.ThrowIfNull(values);
        var space = experiment.Space ?? throw new InvalidOperationException($"Experiment '{experiment.Name}' has no parameters to set.");
        if (values.Count != space.Dimension) throw new ArgumentException($"{values.Count} values for {space.Dimension} parameters.", nameof(values));
        var baseTree = experiment.BaseTree ?? throw new InvalidOperationException($"Experiment '{experiment.Name}' was not read by the experiment loader.");
        var overlay = Overlay(space.Parameters, values);
        var context = new BindContext();
        var bound = Bind(baseTree, variant.Overrides, overlay, context, DesignLoader.ParametersKey);
        if (bound is null) throw new ScenarioException(context.Errors);
        var overrides = variant.Overrides is null ? overlay : (TreeMap)TreeMerge.Merge(variant.Overrides, overlay);
        var text = $"# Variant `{variant.Name}` of experiment {experiment.Name}, at {string.Join(", ", space.Parameters.Select((p, i) => $"{p.Key} = {Format(p, values[i])}"))}\n" +
            $"extends: {Path.GetFileName(experiment.Base.Path)}\n" + TreeYaml.Write(overrides);
        return variant.Scenario with
        {
            Text = text,
            Parameters = bound.Parameters,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{variant.Scenario.Sha256}\0{text}"))),
        };
    }

    /// <summary>The parameters' values as a mapping of overrides, nested by key path, each value located at its parameter.</summary>
    internal static TreeMap Overlay(IReadOnlyList<DesignParameter> parameters, IReadOnlyList<double> values)
    {
        TreeMap result = new(parameters.Count > 0 ? parameters[0].At : default, []);
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            var parts = p.Key.Split('.');
            TreeNode node = new TreeScalar(p.At, Format(p, values[i]), plain: true);
            for (var k = parts.Length - 1; k >= 1; k--)
                node = new TreeMap(p.At, [new TreeEntry(parts[k], p.At, node)]);
            result = (TreeMap)TreeMerge.Merge(result, new TreeMap(p.At, [new TreeEntry(parts[0], p.At, node)]));
        }
        return result;
    }

    /// <summary>The base with the overrides merged over it, bound; null when the binder recorded errors.</summary>
    internal static ScenarioBinder.Bound? Bind(TreeMap baseTree, TreeMap? variantOverrides, TreeMap overlay, BindContext context, string path)
    {
        TreeNode merged = baseTree.Without(ScenarioSource.ExtendsKey);
        if (variantOverrides is not null) merged = TreeMerge.Merge(merged, variantOverrides);
        merged = TreeMerge.Merge(merged, overlay);
        var before = context.Errors.Count;
        var bound = ScenarioBinder.Bind(SectionReader.ForDocument(context, (TreeMap)merged, path));
        return context.Errors.Count > before ? null : bound;
    }

    /// <summary>A value as an override is written: whole numbers as integers (integer keys accept nothing else), the rest exactly.</summary>
    private static string Format(DesignParameter parameter, double value)
    {
        var rounded = parameter.Rounded(value);
        return parameter.Kind == ParameterKind.Integer
            ? ((long)rounded).ToString(CultureInfo.InvariantCulture)
            : rounded.ToString("R", CultureInfo.InvariantCulture);
    }
}
