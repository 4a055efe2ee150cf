using System.Text;
using EconomySim.Scenarios.Yaml;

namespace EconomySim.Scenarios.Binding;

/// <summary>Reporting problems where they were written, and "did you mean" for misspelt keys and values.</summary>
internal sealed partial class SectionReader
{
    /// <summary>Reports a problem with a key's value, at the value if it was written, else at the section.</summary>
    public void Fail(string key, string problem, string allowed)
    {
        _bad.Add(key);
        if (Silent) return;
        var at = _map!.Find(key)?.Value.At ?? _at;
        _ctx!.Add(at, PathOf(key), problem, allowed);
    }

    /// <summary>Reports a problem with the section as a whole, at the line where the section starts.</summary>
    public void FailSection(string problem, string allowed)
    {
        if (Silent) return;
        _ctx!.Add(_at, _path.Length == 0 ? null : _path, problem, allowed);
    }

    private T Wrong<T>(string key, TreeNode node, string expected, string allowed, T fallback)
    {
        Fail(key, $"expected {expected} but found {node.Describe()}", allowed);
        return fallback;
    }

    /// <summary>
    /// Reports keys the binder did not ask for, then required keys that are missing, except a missing key that an
    /// unknown key is a likely misspelling of: "did you mean" already says it, and one mistake should be one error.
    /// </summary>
    public void Finish()
    {
        if (Silent) return;
        var known = _specs.Select(s => s.Key).ToList();
        var misspelt = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in _map!.Entries)
        {
            if (known.Contains(entry.Key)) continue;
            var nearest = NameSuggestion.Nearest(entry.Key, known);
            if (nearest is not null) misspelt.Add(nearest);
            var where = _path.Length == 0 ? "at the top level" : $"in {_path}";
            _ctx!.Add(entry.KeyAt, PathOf(entry.Key), $"unknown key `{entry.Key}`{Suggestion(nearest)}",
                $"allowed keys {where}: {string.Join(", ", known)}");
        }
        foreach (var (key, problem, allowed) in _missing)
            if (!misspelt.Contains(key)) _ctx!.Add(_at, PathOf(key), problem, allowed);
    }

    /// <summary>" (did you mean `x`?)" for the nearest name by edit distance, when it is near enough to be a likely typo.</summary>
    internal static string Suggest(string written, IReadOnlyList<string> allowed) => Suggestion(NameSuggestion.Nearest(written, allowed));

    private static string Suggestion(string? nearest) => nearest is null ? "" : $" (did you mean `{nearest}`?)";

    internal static string SnakeCase(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(pascal[i]));
        }
        return sb.ToString();
    }

    private static string Words(string pascal) => SnakeCase(pascal).Replace('_', ' ');
}
