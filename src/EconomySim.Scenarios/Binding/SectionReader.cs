using EconomySim.Scenarios.Yaml;

namespace EconomySim.Scenarios.Binding;

/// <summary>
/// Reads the keys of one mapping. The binder asks for each key once, saying its type and range; the same calls, run
/// over no document (<see cref="ForCatalogue"/>), list the keys, so the mapping table lives in one place and unknown keys
/// can be named with the allowed ones. A reader never throws: it records errors and returns a default, so one load
/// reports every problem.
/// </summary>
internal sealed partial class SectionReader
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

    /// <summary>Whether the key is written in this section (for optional keys, which take their default when absent).</summary>
    public bool Has(string key) => !Silent && _map!.Find(key) is not null;

    internal TreeMap? Map => _map;

    /// <summary>The location of a key's value, or of the section when the key is absent, for checks across keys.</summary>
    internal SourceLocation LocationOf(string key) => _map?.Find(key)?.Value.At ?? _at;
    internal BindContext? Context => _ctx;

    /// <summary>True when an error has been recorded against this key.</summary>
    public bool IsBad(string key) => _bad.Contains(key);

    /// <summary>A reader over a whole document whose key paths start with <paramref name="prefix"/> (a policy change or an experiment variant).</summary>
    public static SectionReader ForDocument(BindContext ctx, TreeMap root, string prefix) => new(ctx, root, prefix, root.At);

    /// <summary>True when every one of <paramref name="keys"/> was present and valid, so a check across them is meaningful.</summary>
    public bool AllValid(params string[] keys) => !Silent && keys.All(k => !_bad.Contains(k) && Find(k, required: false) is not null);

    /// <summary>The number as written (exactly), for checks across keys.</summary>
    public decimal ValueOf(string key) => _numbers.TryGetValue(key, out var v) ? v : 0m;

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
}
