using System.Globalization;

namespace EconomySim.Scenarios;

public static partial class EconomyGenerator
{
    /// <summary>Zero-padded to the count's width, at least three digits: COM-001, GPF-0001.</summary>
    internal static string Code(string prefix, int index, int count)
    {
        var width = Math.Max(3, count.ToString(CultureInfo.InvariantCulture).Length);
        return $"{prefix}-{(index + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')}";
    }

    /// <summary>The file's name when it gives one; beyond the list (a scaled economy) names repeat with a copy number.</summary>
    private static string NameFor(IReadOnlyList<string> names, int index, string label, string code)
    {
        if (names.Count == 0) return $"{label} {code}";
        var copy = index / names.Count;
        return copy == 0 ? names[index] : $"{names[index % names.Count]} ({copy + 1})";
    }
}
