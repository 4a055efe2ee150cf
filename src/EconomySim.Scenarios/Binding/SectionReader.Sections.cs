using EconomySim.Scenarios.Yaml;

namespace EconomySim.Scenarios.Binding;

/// <summary>Sections within sections, lists of sections, and mappings whose keys the caller checks.</summary>
internal sealed partial class SectionReader
{
    public T Section<T>(string key, Func<SectionReader, T> bind, bool required = true)
    {
        var child = Child(key, required, out var spec);
        var result = bind(child);
        child.Finish();
        _specs[_specs.IndexOf(spec)] = spec with { Children = child._specs };
        return result;
    }

    public IReadOnlyList<T> SectionList<T>(string key, Func<SectionReader, T> bind, int minimumItems)
    {
        var spec = Register(key, KeyType.SectionList, required: true, range: ValueRange.AtLeast(minimumItems));
        var items = new List<T>();
        var node = Find(key, required: true, $"a list of at least {minimumItems} item(s)");
        if (Silent || node is null)
        {
            // Recording: bind one item over nothing to learn the item keys.
            var probe = new SectionReader(null, null, $"{PathOf(key)}[]", default);
            bind(probe);
            _specs[_specs.IndexOf(spec)] = spec with { Children = probe._specs };
            return items;
        }
        if (node is not TreeList list)
            return Wrong(key, node, "a list", $"a list of at least {minimumItems} item(s), each a mapping", items);
        if (list.Items.Count < minimumItems)
            Fail(key, $"the list has {list.Items.Count} item(s)", $"give at least {minimumItems}");
        IReadOnlyList<KeySpec>? children = null;
        for (var i = 0; i < list.Items.Count; i++)
        {
            var itemPath = $"{PathOf(key)}[{i}]";
            var item = list.Items[i];
            SectionReader child;
            if (item is TreeMap m) child = new SectionReader(_ctx, m, itemPath, m.At);
            else
            {
                _ctx!.Add(item.At, itemPath, $"expected a mapping but found {item.Describe()}", "each item is a mapping of keys");
                _bad.Add(key);
                child = new SectionReader(_ctx, null, itemPath, item.At);
            }
            items.Add(bind(child));
            child.Finish();
            if (child._bad.Count > 0) _bad.Add(key);
            children ??= child._specs;
        }
        if (children is null)
        {
            var probe = new SectionReader(null, null, $"{PathOf(key)}[]", default);
            bind(probe);
            children = probe._specs;
        }
        _specs[_specs.IndexOf(spec)] = spec with { Children = children.Select(c => c with { Path = $"{PathOf(key)}[].{c.Key}" }).ToList() };
        return items;
    }

    private SectionReader Child(string key, bool required, out KeySpec spec)
    {
        spec = Register(key, KeyType.Section, required);
        var entry = Silent ? null : _map!.Find(key);
        if (entry is null)
        {
            if (!Silent && required)
            {
                var keys = string.Join(", ", Catalogue(key));
                _bad.Add(key);
                _missing.Add((key, "required section is missing", $"add a `{key}:` section with keys {keys}"));
            }
            return new SectionReader(Silent ? null : _ctx, null, PathOf(key), _at);
        }
        if (entry.Value is TreeMap map) return new SectionReader(_ctx, map, PathOf(key), entry.KeyAt);
        _bad.Add(key);
        _ctx!.Add(entry.Value.At, PathOf(key), $"expected a section (a mapping of keys) but found {entry.Value.Describe()}",
            $"write `{key}:` on its own line and its keys indented below it");
        return new SectionReader(_ctx, null, PathOf(key), entry.KeyAt);
    }

    /// <summary>Key names of a child section, for "add a section with keys ..." without duplicating the table.</summary>
    private IEnumerable<string> Catalogue(string section) =>
        _path.Length == 0 ? ScenarioBinder.Catalogue().FirstOrDefault(s => s.Key == section)?.Children.Select(c => c.Key) ?? [] : [];

    /// <summary>A mapping whose keys the caller checks itself (an experiment variant's overrides); null when absent or not a mapping.</summary>
    public TreeMap? Mapping(string key, bool required, string allowed)
    {
        Register(key, KeyType.Section, required);
        if (Find(key, required, allowed) is not { } node) return null;
        if (node is TreeMap map) return map;
        Fail(key, $"expected a mapping of keys but found {node.Describe()}", allowed);
        return null;
    }
}
