using EconomySim.Scenarios.Yaml;

namespace EconomySim.Scenarios.Binding;

/// <summary>Lists of numbers and yes/no flags, as the parameter spaces of experiments write them.</summary>
internal sealed partial class SectionReader
{
    /// <summary>
    /// An optional list of numbers (<c>[0.1, 0.5]</c>); null when absent or wrong. <paramref name="count"/>, when given,
    /// is the exact number of items, else at least one.
    /// </summary>
    public IReadOnlyList<double>? NumberList(string key, int? count, string allowed)
    {
        Register(key, KeyType.TextList, required: false);
        if (Find(key, required: false, allowed) is not { } node) return null;
        if (node is not TreeList list) return Wrong<IReadOnlyList<double>?>(key, node, "a list of numbers", allowed, null);
        if (count is { } n ? list.Items.Count != n : list.Items.Count == 0)
        {
            Fail(key, $"the list has {list.Items.Count} item(s)", allowed);
            return null;
        }
        var values = new List<double>();
        foreach (var item in list.Items)
        {
            if (item is not TreeScalar { Kind: ScalarKind.Number } s || !double.IsFinite(s.AsDouble()))
            {
                Fail(key, $"expected a number but found {item.Describe()}", allowed);
                return null;
            }
            values.Add(s.AsDouble());
        }
        return values;
    }

    /// <summary>An optional <c>true</c>/<c>false</c>: <paramref name="default"/> when absent.</summary>
    public bool Flag(string key, bool @default)
    {
        Register(key, KeyType.Choice, required: false, choices: ["true", "false"]);
        if (Find(key, required: false) is not { } node) return @default;
        if (node is TreeScalar { Kind: ScalarKind.Boolean } s) return s.Value.Equals("true", StringComparison.OrdinalIgnoreCase);
        return Wrong(key, node, "true or false", "write `true` or `false`", @default);
    }
}
