using System.Text;
using EconomySim.Domain;
using EconomySim.Scenarios.Yaml;

namespace EconomySim.Scenarios.Binding;

internal enum KeyType { Section, SectionList, Integer, Number, Money, Text, Choice, TextList }

/// <summary>What one key accepts: recorded by running the binder over no document, and compared with the JSON Schema by the tests.</summary>
internal sealed record KeySpec(
    string Path, string Key, KeyType Type, bool Required, ValueRange? Range,
    IReadOnlyList<string>? Choices, IReadOnlyList<KeySpec> Children, string? Pattern = null);

/// <summary>Collects every error of one load so that they can be reported together, in file order.</summary>
internal sealed class BindContext
{
    public List<ScenarioError> Errors { get; } = [];

    public void Add(SourceLocation at, string? key, string problem, string allowed) =>
        Errors.Add(new ScenarioError(at.File, at.Line, at.Column, key, problem, allowed));
}

/// <summary>
/// Reads the keys of one mapping. The binder asks for each key once, saying its type and range; the same calls, run
/// over no document (<see cref="ForCatalogue"/>), list the keys, so the mapping table lives in one place and unknown keys
/// can be named with the allowed ones. A reader never throws: it records errors and returns a default, so one load
/// reports every problem.
/// </summary>
internal sealed class SectionReader
{
    private readonly BindContext? _ctx;
    private readonly TreeMap? _map;
    private readonly string _path;
    private readonly SourceLocation _at;
    private readonly List<KeySpec> _specs = [];
    private readonly HashSet<string> _bad = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _numbers = new(StringComparer.Ordinal);
    private readonly List<(string Key, string Problem, string Allowed)> _missing = [];

    private SectionReader(BindContext? ctx, TreeMap? map, string path, SourceLocation at)
    {
        _ctx = ctx;
        _map = map;
        _path = path;
        _at = at;
    }

    public static SectionReader ForDocument(BindContext ctx, TreeMap root) => new(ctx, root, "", root.At);

    /// <summary>A reader over nothing that only records which keys exist.</summary>
    public static SectionReader ForCatalogue() => new(null, null, "", default);

    public IReadOnlyList<KeySpec> Specs => _specs;

    /// <summary>True when there is no mapping to read (catalogue, or a section already reported missing or mistyped).</summary>
    private bool Silent => _map is null || _ctx is null;

    internal string PathOf(string key) => _path.Length == 0 ? key : $"{_path}.{key}";

    public double Number(string key, ValueRange range) => (double)ReadNumber(key, KeyType.Number, range);

    public decimal Decimal(string key, ValueRange range) => ReadNumber(key, KeyType.Number, range);

    public int Integer(string key, ValueRange range) => (int)ReadNumber(key, KeyType.Integer, range, int.MinValue, int.MaxValue);

    public long Long(string key, ValueRange range) => (long)ReadNumber(key, KeyType.Integer, range, long.MinValue, long.MaxValue);

    /// <summary>Whether the key is written in this section (for optional keys, which take their default when absent).</summary>
    public bool Has(string key) => !Silent && _map!.Find(key) is not null;

    /// <summary>An optional number: <paramref name="default"/> when the key is absent.</summary>
    public double Number(string key, ValueRange range, double @default)
    {
        var value = ReadNumber(key, KeyType.Number, range, required: false);
        return Has(key) ? (double)value : @default;
    }

    /// <summary>An optional exact number: <paramref name="default"/> when the key is absent.</summary>
    public decimal Decimal(string key, ValueRange range, decimal @default)
    {
        var value = ReadNumber(key, KeyType.Number, range, required: false);
        return Has(key) ? value : @default;
    }

    /// <summary>An optional whole number: <paramref name="default"/> when the key is absent.</summary>
    public int Integer(string key, ValueRange range, int @default)
    {
        var value = ReadNumber(key, KeyType.Integer, range, int.MinValue, int.MaxValue, required: false);
        return Has(key) ? (int)value : @default;
    }

    /// <summary>An optional amount in pounds: <paramref name="default"/> when the key is absent.</summary>
    public Money Pounds(string key, ValueRange range, Money @default)
    {
        var pounds = ReadNumber(key, KeyType.Money, range, required: false);
        if (!Has(key)) return @default;
        if (_bad.Contains(key)) return Money.Zero;
        if (decimal.Round(pounds * 100m) != pounds * 100m)
            Fail(key, $"{pounds} has fractions of a penny", "money is in pounds with at most two decimal places");
        return Money.FromPounds(pounds);
    }

    /// <summary>An optional choice: <paramref name="default"/> when the key is absent.</summary>
    public T Choice<T>(string key, T @default) where T : struct, Enum => ReadChoice(key, required: false, @default);

    /// <summary>An amount in pounds; keys end in <c>_gbp</c> so a reader of the file knows the unit.</summary>
    public Money Pounds(string key, ValueRange range)
    {
        var pounds = ReadNumber(key, KeyType.Money, range);
        if (_bad.Contains(key) || Silent) return Money.Zero;
        if (decimal.Round(pounds * 100m) != pounds * 100m)
            Fail(key, $"{pounds} has fractions of a penny", "money is in pounds with at most two decimal places");
        return Money.FromPounds(pounds);
    }

    /// <param name="pattern">A regular expression the whole text must match, with <paramref name="meaning"/> saying it in words.</param>
    public string Text(string key, bool required = true, string? pattern = null, string? meaning = null)
    {
        var spec = Register(key, KeyType.Text, required);
        if (pattern is not null) _specs[_specs.IndexOf(spec)] = spec with { Pattern = pattern };
        var allowed = meaning ?? "must be non-empty text (quote it if it looks like a number)";
        if (Find(key, required, allowed) is not { } node) return "";
        if (node is not TreeScalar { Kind: ScalarKind.Text } s || s.Value.Trim().Length == 0) return Wrong(key, node, "text", allowed, "");
        if (pattern is not null && !System.Text.RegularExpressions.Regex.IsMatch(s.Value, pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant))
        {
            Fail(key, $"`{s.Value}` is not allowed", allowed);
            return "";
        }
        return s.Value;
    }

    /// <summary>An enum value written in snake_case (<c>PaymentByResults</c> is <c>payment_by_results</c>), so a new enum member needs no binder change.</summary>
    public T Choice<T>(string key) where T : struct, Enum => ReadChoice(key, required: true, default(T));

    private T ReadChoice<T>(string key, bool required, T fallback) where T : struct, Enum
    {
        var names = Enum.GetValues<T>().Select(v => SnakeCase(v.ToString())).ToList();
        Register(key, KeyType.Choice, required: required, choices: names);
        var what = Words(typeof(T).Name);
        var allowed = $"allowed values: {string.Join(", ", names)}";
        if (Find(key, required: required, allowed) is not { } node) return fallback;
        if (node is not TreeScalar { Kind: ScalarKind.Text } s) return Wrong(key, node, $"a {what}", allowed, default(T));
        var index = names.IndexOf(s.Value);
        if (index >= 0) return Enum.GetValues<T>()[index];
        Fail(key, $"unknown {what} `{s.Value}`{Suggest(s.Value, names)}", allowed);
        return default;
    }

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
                    var nearest = Nearest(entry.Key, sections);
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

    internal TreeMap? Map => _map;

    /// <summary>A mapping whose keys the caller checks itself (an experiment variant's overrides); null when absent or not a mapping.</summary>
    public TreeMap? Mapping(string key, bool required, string allowed)
    {
        Register(key, KeyType.Section, required);
        if (Find(key, required, allowed) is not { } node) return null;
        if (node is TreeMap map) return map;
        Fail(key, $"expected a mapping of keys but found {node.Describe()}", allowed);
        return null;
    }

    /// <summary>An optional long: <paramref name="default"/> when the key is absent.</summary>
    public long Long(string key, ValueRange range, long @default)
    {
        var value = ReadNumber(key, KeyType.Integer, range, long.MinValue, long.MaxValue, required: false);
        return Has(key) ? (long)value : @default;
    }

    /// <summary>The location of a key's value, or of the section when the key is absent, for checks across keys.</summary>
    internal SourceLocation LocationOf(string key) => _map?.Find(key)?.Value.At ?? _at;
    internal BindContext? Context => _ctx;

    /// <summary>True when an error has been recorded against this key.</summary>
    public bool IsBad(string key) => _bad.Contains(key);

    /// <summary>A reader over a whole document whose key paths start with <paramref name="prefix"/> (a policy change or an experiment variant).</summary>
    public static SectionReader ForDocument(BindContext ctx, TreeMap root, string prefix) => new(ctx, root, prefix, root.At);

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

    /// <summary>An optional list of names; absent means "generate them".</summary>
    public IReadOnlyList<string> TextList(string key)
    {
        Register(key, KeyType.TextList, required: false);
        if (Find(key, required: false) is not { } node) return [];
        if (node is not TreeList list) return Wrong(key, node, "a list of names", "a list of names, one per organisation", (IReadOnlyList<string>)[]);
        var names = new List<string>(list.Items.Count);
        foreach (var item in list.Items)
        {
            if (item is TreeScalar { Kind: ScalarKind.Text } s && s.Value.Trim().Length > 0) names.Add(s.Value);
            else
            {
                _ctx!.Add(item.At, PathOf(key), $"expected a name but found {item.Describe()}", "each item is non-empty text");
                _bad.Add(key);
            }
        }
        return names;
    }

    /// <summary>True when every one of <paramref name="keys"/> was present and valid, so a check across them is meaningful.</summary>
    public bool AllValid(params string[] keys) => !Silent && keys.All(k => !_bad.Contains(k) && Find(k, required: false) is not null);

    /// <summary>The number as written (exactly), for checks across keys.</summary>
    public decimal ValueOf(string key) => _numbers.TryGetValue(key, out var v) ? v : 0m;

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

    private decimal ReadNumber(string key, KeyType type, ValueRange range, decimal typeMinimum = decimal.MinValue, decimal typeMaximum = decimal.MaxValue, bool required = true)
    {
        Register(key, type, required: required, range: range);
        var kind = type == KeyType.Integer ? "whole number" : "number";
        var allowed = $"must be a {kind} {range.Describe()}";
        if (Find(key, required: required, allowed) is not { } node) return 0m;
        if (node is not TreeScalar { Kind: ScalarKind.Number } s || (type == KeyType.Integer && !s.IsIntegerLiteral))
            return Wrong(key, node, $"a {kind}", allowed, 0m);
        if (s.AsDecimal() is not { } value || value < typeMinimum || value > typeMaximum)
        {
            Fail(key, $"{s.Value} is too large", allowed);
            return 0m;
        }
        if (!range.Contains(value))
        {
            Fail(key, $"{s.Value} is out of range", allowed);
            return 0m;
        }
        _numbers[key] = value;
        return value;
    }

    private KeySpec Register(string key, KeyType type, bool required, ValueRange? range = null, IReadOnlyList<string>? choices = null)
    {
        if (_specs.Any(s => s.Key == key)) throw new InvalidOperationException($"The binder reads `{PathOf(key)}` twice.");
        var spec = new KeySpec(PathOf(key), key, type, required, range, choices, []);
        _specs.Add(spec);
        return spec;
    }

    private TreeNode? Find(string key, bool required, string allowed = "")
    {
        if (Silent) return null;
        var entry = _map!.Find(key);
        if (entry is not null) return entry.Value;
        if (required)
        {
            _bad.Add(key);
            var where = _path.Length == 0 ? "the top level" : $"`{_path}`";
            _missing.Add((key, $"required key is missing from {where}", allowed.Length > 0 ? allowed : "add it"));
        }
        return null;
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
            var nearest = Nearest(entry.Key, known);
            if (nearest is not null) misspelt.Add(nearest);
            var where = _path.Length == 0 ? "at the top level" : $"in {_path}";
            _ctx!.Add(entry.KeyAt, PathOf(entry.Key), $"unknown key `{entry.Key}`{Suggestion(nearest)}",
                $"allowed keys {where}: {string.Join(", ", known)}");
        }
        foreach (var (key, problem, allowed) in _missing)
            if (!misspelt.Contains(key)) _ctx!.Add(_at, PathOf(key), problem, allowed);
    }

    /// <summary>" (did you mean `x`?)" for the nearest name by edit distance, when it is near enough to be a likely typo.</summary>
    internal static string Suggest(string written, IReadOnlyList<string> allowed) => Suggestion(Nearest(written, allowed));

    private static string Suggestion(string? nearest) => nearest is null ? "" : $" (did you mean `{nearest}`?)";

    internal static string? Nearest(string written, IReadOnlyList<string> allowed)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in allowed)
        {
            var d = EditDistance(written.ToLowerInvariant(), candidate);
            if (d < bestDistance) (best, bestDistance) = (candidate, d);
        }
        var nearEnough = Math.Max(3, written.Length / 2);
        return bestDistance <= nearEnough ? best : null;
    }

    internal static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

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
