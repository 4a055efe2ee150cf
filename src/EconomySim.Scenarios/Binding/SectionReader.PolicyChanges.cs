using EconomySim.Scenarios.Yaml;

namespace EconomySim.Scenarios.Binding;

/// <summary>The list of policy changes: each overrides sections of the scenario from a year on.</summary>
internal sealed partial class SectionReader
{
    /// <summary>
    /// A list of overrides (policy changes): each item has a whole-number <c>year</c>, an optional <c>description</c>, and
    /// any of <paramref name="sections"/> with any of their keys, which the caller merges over the document and binds
    /// with the full rules. Returns each item's year, description and overlay (a mapping of the sections it overrides),
    /// in the file's order. Unknown keys are reported here, with the sections that may be overridden.
    /// </summary>
    /// <param name="runYears">The years a change may take effect in this run (after the first, up to the last), checked with the file's position.</param>
    public IReadOnlyList<(int Year, string Description, TreeMap Overlay, string Path)> OverrideList(string key, ValueRange years, IReadOnlyList<string> sections, ValueRange? runYears)
    {
        var spec = Register(key, KeyType.SectionList, required: false, range: ValueRange.AtLeast(0));
        // The item keys: year, description, and each overridable section with every key optional.
        var children = new List<KeySpec>
        {
            new($"{PathOf(key)}[].year", "year", KeyType.Integer, true, years, null, []),
            new($"{PathOf(key)}[].description", "description", KeyType.Text, false, null, null, []),
        };
        foreach (var section in sections)
        {
            var bound = _specs.FirstOrDefault(x => x.Key == section)
                ?? throw new InvalidOperationException($"`{section}` must be bound before `{key}` can override it.");
            children.Add(Optional(bound, $"{PathOf(key)}[]"));
        }
        _specs[_specs.IndexOf(spec)] = spec with { Children = children };

        var result = new List<(int, string, TreeMap, string)>();
        if (Find(key, required: false) is not { } node) return result;
        if (node is not TreeList list)
            return Wrong(key, node, "a list", "a list of policy changes, each a mapping with `year:` and the sections it overrides", result);
        for (var i = 0; i < list.Items.Count; i++)
        {
            var itemPath = $"{PathOf(key)}[{i}]";
            if (list.Items[i] is not TreeMap item)
            {
                _ctx!.Add(list.Items[i].At, itemPath, $"expected a mapping but found {list.Items[i].Describe()}", "each policy change is a mapping with `year:` and the sections it overrides");
                _bad.Add(key);
                continue;
            }
            var child = new SectionReader(_ctx, item, itemPath, item.At);
            var year = child.Integer("year", years);
            var description = child.Text("description", required: false);
            if (!child.IsBad("year") && child.Has("year"))
            {
                if (runYears is { } run && !run.Contains(year))
                    child.Fail("year", $"{year} is not a year of the run after its first",
                        $"a policy change takes effect from April of a year {run.Describe()} (the scenario's start_year and years)");
                else if (result.Count > 0 && year <= result[^1].Item1)
                    child.Fail("year", $"{year} does not come after the previous change's {result[^1].Item1}",
                        "list policy changes in order of year, at most one per year (later changes build on earlier ones)");
            }
            foreach (var entry in item.Entries)
            {
                if (entry.Key is "year" or "description") continue;
                if (!sections.Contains(entry.Key))
                {
                    var nearest = NameSuggestion.Nearest(entry.Key, sections);
                    _ctx!.Add(entry.KeyAt, $"{itemPath}.{entry.Key}", $"`{entry.Key}` cannot change during a run{Suggestion(nearest)}",
                        $"a policy change may override: {string.Join(", ", sections)}");
                    _bad.Add(key);
                }
                else if (entry.Value is not TreeMap)
                {
                    _ctx!.Add(entry.Value.At, $"{itemPath}.{entry.Key}", $"expected a section (a mapping of keys) but found {entry.Value.Describe()}",
                        $"write `{entry.Key}:` on its own line and the keys it changes indented below it");
                    _bad.Add(key);
                }
            }
            if (child._bad.Count > 0) _bad.Add(key);
            var overlay = new TreeMap(item.At, item.Entries.Where(e => sections.Contains(e.Key) && e.Value is TreeMap).ToList());
            result.Add((year, description, overlay, itemPath));
        }
        return result;
    }

    /// <summary>The same key with every key below it optional: an override may change any of them and need give none.</summary>
    private static KeySpec Optional(KeySpec spec, string parentPath) => spec with
    {
        Path = $"{parentPath}.{spec.Key}",
        Required = false,
        Children = spec.Children.Select(c => Optional(c, $"{parentPath}.{spec.Key}")).ToList(),
    };
}
