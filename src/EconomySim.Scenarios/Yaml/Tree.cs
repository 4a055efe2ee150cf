using System.Globalization;
using System.Text.RegularExpressions;

namespace EconomySim.Scenarios.Yaml;

/// <summary>Where a value was written. A merged tree keeps each value's own file, so errors point at the right file.</summary>
internal readonly record struct SourceLocation(string File, int Line, int Column);

/// <summary>
/// A YAML value detached from YamlDotNet, carrying its file. Scenario trees are small and immutable once read, so
/// merging for <c>extends</c> builds new nodes rather than editing YamlDotNet's.
/// </summary>
internal abstract class TreeNode(SourceLocation at)
{
    public SourceLocation At { get; } = at;
    public abstract string Describe();
}

internal sealed record TreeEntry(string Key, SourceLocation KeyAt, TreeNode Value);

internal sealed class TreeMap(SourceLocation at, IReadOnlyList<TreeEntry> entries) : TreeNode(at)
{
    public IReadOnlyList<TreeEntry> Entries { get; } = entries;

    public TreeEntry? Find(string key)
    {
        foreach (var e in Entries)
            if (e.Key == key) return e;
        return null;
    }

    public TreeMap Without(string key) => new(At, Entries.Where(e => e.Key != key).ToList());

    public override string Describe() => "a mapping of keys";
}

internal sealed class TreeList(SourceLocation at, IReadOnlyList<TreeNode> items) : TreeNode(at)
{
    public IReadOnlyList<TreeNode> Items { get; } = items;
    public override string Describe() => "a list";
}

internal enum ScalarKind { Null, Boolean, Number, Text }

/// <param name="Plain">True when written without quotes or an explicit tag: only plain scalars are numbers, booleans or null.</param>
internal sealed partial class TreeScalar(SourceLocation at, string value, bool plain) : TreeNode(at)
{
    public string Value { get; } = value;
    public bool Plain { get; } = plain;

    /// <summary>
    /// The one reading of a scalar shared by the loader and the JSON conversion, so the JSON Schema sees the same types
    /// the loader does. Numbers follow YAML 1.2's core schema, plus underscores between digits as separators
    /// (<c>127_000_000_000</c>), which YAML 1.1 allowed and people write for money.
    /// </summary>
    public ScalarKind Kind
    {
        get
        {
            if (!Plain) return ScalarKind.Text;
            if (Value.Length == 0 || Value is "~" or "null" or "Null" or "NULL") return ScalarKind.Null;
            if (Value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE") return ScalarKind.Boolean;
            return NumberPattern().IsMatch(Value) ? ScalarKind.Number : ScalarKind.Text;
        }
    }

    /// <summary>Whether the number is written as a whole number (digits only), as integer keys require.</summary>
    public bool IsIntegerLiteral => Plain && IntegerPattern().IsMatch(Value);

    /// <summary>The number exactly, or null when it is too large for a decimal (about 7.9e28).</summary>
    public decimal? AsDecimal()
    {
        var text = Value.Replace("_", "", StringComparison.Ordinal);
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    public double AsDouble() =>
        double.Parse(Value.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);

    public override string Describe() => Kind switch
    {
        ScalarKind.Null => "an empty value",
        ScalarKind.Boolean => $"the boolean `{Value}`",
        ScalarKind.Number => $"the number {Value}",
        _ => $"the text `{Shorten(Value)}`",
    };

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..37] + "...";

    [GeneratedRegex(@"^[+-]?(?:\d+(?:_\d+)*(?:\.\d+(?:_\d+)*)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^[+-]?\d+(?:_\d+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();
}

internal static class TreeMerge
{
    /// <summary>
    /// <paramref name="overlay"/> over <paramref name="base"/>: mappings merge key by key (base order first, new keys
    /// after), anything else in the overlay replaces the base value whole, so a list is never half-inherited.
    /// </summary>
    public static TreeNode Merge(TreeNode @base, TreeNode overlay)
    {
        if (@base is not TreeMap b || overlay is not TreeMap o) return overlay;
        var merged = new List<TreeEntry>(b.Entries.Count + o.Entries.Count);
        foreach (var be in b.Entries)
        {
            var oe = o.Find(be.Key);
            merged.Add(oe is null ? be : oe with { Value = Merge(be.Value, oe.Value) });
        }
        foreach (var oe in o.Entries)
            if (b.Find(oe.Key) is null) merged.Add(oe);
        return new TreeMap(o.At, merged);
    }
}
