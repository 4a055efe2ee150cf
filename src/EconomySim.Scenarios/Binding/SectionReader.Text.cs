using EconomySim.Scenarios.Yaml;

namespace EconomySim.Scenarios.Binding;

/// <summary>Text, lists of names, and choices among an enum's values.</summary>
internal sealed partial class SectionReader
{
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

    /// <summary>An optional choice: <paramref name="default"/> when the key is absent.</summary>
    public T Choice<T>(string key, T @default) where T : struct, Enum => ReadChoice(key, required: false, @default);

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
}
