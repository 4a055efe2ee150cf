using System.Globalization;
using EconomySim.Scenarios.Yaml;

namespace EconomySim.Scenarios.Binding;

/// <summary>The shapes an expectation clause is written in: lists of names, a name or a list, and margins.</summary>
internal sealed partial class SectionReader
{
    /// <summary>An optional list of names (variants, in the order written); null when the key is absent.</summary>
    public IReadOnlyList<string>? NameList(string key, string allowed)
    {
        Register(key, KeyType.TextList, required: false);
        return Find(key, required: false) is { } node ? Names(key, node, allowed) : null;
    }

    /// <summary>An optional key holding one name or a list of names; (null, null) when absent or wrong.</summary>
    public (string? Name, IReadOnlyList<string>? Names) NameOrNames(string key, string allowed)
    {
        Register(key, KeyType.Text, required: false);
        return Find(key, required: false) switch
        {
            null => (null, null),
            TreeScalar { Kind: ScalarKind.Text } s when s.Value.Trim().Length > 0 => (s.Value, null),
            TreeList list => (null, Names(key, list, allowed)),
            var node => Wrong(key, node, "a name or a list of names", allowed, ((string?)null, (IReadOnlyList<string>?)null)),
        };
    }

    /// <summary>
    /// An optional margin: a positive number in the outcome's units, or a positive percentage (<c>5%</c>) of the
    /// reference's mean. Null when absent or wrong.
    /// </summary>
    public (double Value, bool Relative)? Margin(string key)
    {
        Register(key, KeyType.Text, required: false);
        const string allowed = "a positive margin: a percentage of the reference variant's mean (e.g. `5%`) or a number in the outcome's units (e.g. `2000`)";
        var node = Find(key, required: false);
        if (node is null) return null;
        if (node is not TreeScalar s) return Wrong(key, node, "a margin", allowed, ((double, bool)?)null);
        var text = s.Value.Trim();
        var relative = text.EndsWith('%');
        var number = relative ? text[..^1].Trim() : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Fail(key, $"`{s.Value}` is not a margin", allowed);
            return null;
        }
        if (value <= 0)
        {
            Fail(key, $"the margin {s.Value} is not positive", allowed);
            return null;
        }
        return (relative ? value / 100 : value, relative);
    }

    private IReadOnlyList<string>? Names(string key, TreeNode node, string allowed)
    {
        if (node is not TreeList list) return Wrong(key, node, "a list of names", allowed, (IReadOnlyList<string>?)null);
        var names = new List<string>(list.Items.Count);
        foreach (var item in list.Items)
        {
            if (item is TreeScalar { Kind: ScalarKind.Text } s && s.Value.Trim().Length > 0) names.Add(s.Value);
            else
            {
                _ctx!.Add(item.At, PathOf(key), $"expected a name but found {item.Describe()}", allowed);
                _bad.Add(key);
                return null;
            }
        }
        return names;
    }
}
