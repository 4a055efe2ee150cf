using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EconomySim.Scenarios.Yaml;

/// <summary>One file of an <c>extends</c> chain as read from disk.</summary>
internal sealed record SourceFile(string DisplayPath, string FullPath, string Text);

/// <summary>A scenario file with its bases merged in: the tree to bind and the files it came from (the file itself first).</summary>
internal sealed record ResolvedSource(TreeMap Root, IReadOnlyList<SourceFile> Files)
{
    public SourceFile Main => Files[0];

    /// <summary>
    /// SHA-256 of the scenario's full content: for a file without <c>extends</c> exactly the file's own hash (what
    /// <c>sha256sum</c> prints), otherwise of every file in the chain, base first, separated by a NUL byte, so that
    /// editing a base changes the hash of every scenario built on it.
    /// </summary>
    public string Sha256()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = Files.Count - 1; i >= 0; i--)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Files[i].Text));
            if (i > 0) hash.AppendData([0]);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

internal static class ScenarioSource
{
    public const string ExtendsKey = "extends";

    // Deep enough for any scenario, shallow enough that a pathological file cannot exhaust the stack.
    private const int MaxDepth = 64;

    /// <summary>Reads <paramref name="path"/> and, if it has <c>extends</c>, its bases; file-level problems throw at once.</summary>
    public static ResolvedSource Resolve(string path, bool mergeBases = true)
    {
        var chain = new List<SourceFile>();
        var root = ReadChain(path, via: null, chain, mergeBases, new NodeBudget());
        return new ResolvedSource(root, chain);
    }

    private static TreeMap ReadChain(string displayPath, TreeEntry? via, List<SourceFile> chain, bool mergeBases, NodeBudget budget)
    {
        var file = ReadFile(displayPath, via);
        if (chain.FindIndex(f => string.Equals(f.FullPath, file.FullPath, StringComparison.Ordinal)) is var seen and >= 0)
        {
            var cycle = string.Join(" -> ", chain.Skip(seen).Select(f => f.DisplayPath).Append(file.DisplayPath));
            throw Error(via!.Value.At, ExtendsKey, $"cycle {cycle}",
                "a scenario may not extend itself, directly or through its bases");
        }
        chain.Add(file);
        // One budget for the whole chain, so that a scenario and its bases together stay within it.
        var tree = via is null ? Parse(file, budget) : ParseBase(file, via, budget);
        var extends = tree.Find(ExtendsKey);
        if (extends is null || !mergeBases) return tree;

        if (extends.Value is not TreeScalar { Kind: ScalarKind.Text } target)
            throw Error(extends.Value.At, ExtendsKey, $"expected a file name but found {extends.Value.Describe()}",
                "extends names another scenario file, relative to this one");
        var directory = Path.GetDirectoryName(file.DisplayPath) ?? "";
        var basePath = Path.Combine(directory, target.Value);
        var baseTree = ReadChain(basePath, extends, chain, mergeBases, budget);
        return (TreeMap)TreeMerge.Merge(baseTree, tree.Without(ExtendsKey));
    }

    /// <summary>
    /// A base named by <c>extends</c>: if it is not a scenario at all (not YAML, not a mapping, none of a scenario's
    /// sections), the mistake is the <c>extends</c> line that names it, so that is where it is reported, without
    /// quoting the other file's content.
    /// </summary>
    private static TreeMap ParseBase(SourceFile file, TreeEntry via, NodeBudget budget)
    {
        TreeMap tree;
        try
        {
            tree = Parse(file, budget);
        }
        catch (ScenarioException e) when (e.Errors[0].Problem is var problem
                                          && (problem.StartsWith(NotAMapping, StringComparison.Ordinal) || problem == EmptyFile
                                              || problem.StartsWith(SyntaxProblem, StringComparison.Ordinal)))
        {
            var why = problem == EmptyFile ? "it is empty"
                : problem.StartsWith(SyntaxProblem, StringComparison.Ordinal) ? $"it is not YAML: a syntax error at line {e.Line}, column {e.Column}"
                : "it holds no mapping of sections";
            throw NotAScenario(file, via, $"is not a scenario file ({why})");
        }
        var sections = TopLevelSections.Value;
        if (!tree.Entries.Any(entry => sections.Contains(entry.Key)))
            throw NotAScenario(file, via, "is not a scenario file (it has none of the sections scenario, organisations, funder, ...)");
        return tree;
    }

    private static ScenarioException NotAScenario(SourceFile file, TreeEntry via, string problem) =>
        Error(via.Value.At, ExtendsKey, $"{ScenarioError.BoundedPath(file.DisplayPath)}: {problem}",
            "extends must name a scenario file (YAML with sections scenario, organisations, ...), relative to the file that extends it");

    private static readonly Lazy<HashSet<string>> TopLevelSections = new(() =>
        Binding.ScenarioBinder.Catalogue().Select(k => k.Key).Append(ExtendsKey).ToHashSet(StringComparer.Ordinal));

    private const string NotAMapping = "the file holds ";
    private const string EmptyFile = "the file is empty";
    private const string SyntaxProblem = "YAML syntax error";

    /// <summary>
    /// Values a file may hold once its aliases are expanded. A YAML alias repeats a whole subtree, so a file of a few
    /// hundred bytes with nested aliases can stand for billions of values; real scenarios hold a few thousand.
    /// </summary>
    public const int MaxNodes = 1_000_000;

    /// <summary>Counts the values of one scenario and its bases as they are expanded, and stops at <see cref="MaxNodes"/>.</summary>
    private sealed class NodeBudget
    {
        private int _used;

        public void Spend(SourceLocation at)
        {
            if (++_used > MaxNodes)
                throw new ScenarioException(new ScenarioError(at.File, at.Line, at.Column, null,
                    $"its YAML aliases (*name) expand to more than {MaxNodes:N0} values",
                    $"at most {MaxNodes:N0}; a scenario has a few thousand: write values out, or use fewer nested aliases"));
        }
    }

    private static SourceFile ReadFile(string displayPath, TreeEntry? via)
    {
        string full;
        try
        {
            full = Path.GetFullPath(displayPath);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Missing(displayPath, via, $"is not a usable file path ({e.Message})");
        }
        if (Directory.Exists(full)) throw Missing(displayPath, via, "is a directory, not a scenario file");
        if (!File.Exists(full)) throw Missing(displayPath, via, "file not found" + NameSuggestion.FileBeside(displayPath));
        // Checked before opening: opening a named pipe waits for a writer, for ever if there is none.
        if (FileKind.Of(full) is { } kind and not FileKind.Kind.Regular)
            throw Missing(displayPath, via, $"is {FileKind.Describe(kind)}, not a regular file; a scenario file is a text file of a few kilobytes");
        try
        {
            return new SourceFile(displayPath, full, ReadBounded(full) ?? throw Missing(displayPath, via,
                $"is larger than {MaxFileBytes / (1024 * 1024)} MB, or never ends (a device); a scenario file is text of a few kilobytes"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            throw Missing(displayPath, via, $"cannot be read ({e.Message})");
        }
    }

    /// <summary>Far above any real scenario file; a bound so that a path such as /dev/zero is refused instead of read until memory runs out.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>The file's text, or null if it holds more than <see cref="MaxFileBytes"/>.</summary>
    private static string? ReadBounded(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[MaxFileBytes + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0) break;
            read += n;
        }
        if (read > MaxFileBytes) return null;
        using var reader = new StreamReader(new MemoryStream(buffer, 0, read), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static ScenarioException Missing(string displayPath, TreeEntry? via, string problem) =>
        via is null
            ? new ScenarioException(new ScenarioError(displayPath, 0, 0, null, problem, ""))
            : Error(via.Value.At, ExtendsKey, $"{ScenarioError.BoundedPath(displayPath)}: {problem}",
                "extends must name an existing scenario file, relative to the file that extends it");

    private static TreeMap Parse(SourceFile file, NodeBudget budget)
    {
        var stream = new YamlStream();
        var parser = new TrackingParser(new Parser(new StringReader(file.Text)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            var (line, column) = Locate(e, parser.LastGood, file.Text);
            throw new ScenarioException(new ScenarioError(file.DisplayPath, line, column, null,
                $"{SyntaxProblem}: {e.Message}", SyntaxAdvice));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // YamlDotNet reports most malformed input with YamlException but a few scanner states throw other
            // exceptions; the input is still at fault, so report it where parsing stopped.
            var at = parser.LastGood;
            throw new ScenarioException(new ScenarioError(file.DisplayPath, Clamp(at.Line), Clamp(at.Column), null,
                $"{SyntaxProblem}: the text after this point cannot be parsed ({e.Message})", SyntaxAdvice));
        }
        if (stream.Documents.Count == 0)
            throw new ScenarioException(new ScenarioError(file.DisplayPath, 0, 0, null, EmptyFile,
                "a scenario file is a mapping of sections: scenario, organisations, funder, ..."));
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            throw new ScenarioException(new ScenarioError(file.DisplayPath, Clamp(second.Line), Clamp(second.Column), null,
                "a second YAML document starts here", "one scenario per file: remove the `---` separator"));
        }
        var root = ToTree(stream.Documents[0].RootNode, file.DisplayPath, 0, budget);
        return root as TreeMap ?? throw new ScenarioException(new ScenarioError(file.DisplayPath, root.At.Line, root.At.Column, null,
            $"{NotAMapping}{root.Describe()}", "a scenario file is a mapping of sections: scenario, organisations, funder, ..."));
    }

    private static TreeNode ToTree(YamlNode node, string file, int depth, NodeBudget budget)
    {
        var at = new SourceLocation(file, Clamp(node.Start.Line), Clamp(node.Start.Column));
        budget.Spend(at);
        if (depth > MaxDepth)
            throw new ScenarioException(new ScenarioError(file, at.Line, at.Column, null, "values are nested too deeply",
                $"at most {MaxDepth} levels"));
        switch (node)
        {
            case YamlMappingNode map:
                var entries = new List<TreeEntry>(map.Children.Count);
                foreach (var (k, v) in map.Children)
                {
                    var keyAt = new SourceLocation(file, Clamp(k.Start.Line), Clamp(k.Start.Column));
                    if (k is not YamlScalarNode { Value: { Length: > 0 } key })
                        throw new ScenarioException(new ScenarioError(file, keyAt.Line, keyAt.Column, null,
                            "a key must be a plain name", "write keys as `name: value`"));
                    entries.Add(new TreeEntry(key, keyAt, ToTree(v, file, depth + 1, budget)));
                }
                return new TreeMap(at, entries);
            case YamlSequenceNode seq:
                return new TreeList(at, seq.Children.Select(c => ToTree(c, file, depth + 1, budget)).ToList());
            case YamlScalarNode scalar:
                // An explicit tag (`!!str 5`) says the author wants the text as written, so it is not plain.
                var plain = scalar.Style == ScalarStyle.Plain && (scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific);
                return new TreeScalar(at, scalar.Value ?? "", plain);
            default:
                throw new ScenarioException(new ScenarioError(file, at.Line, at.Column, null,
                    "unsupported YAML node", "use mappings, lists and plain values"));
        }
    }

    /// <summary>
    /// YamlDotNet marks some errors at the start of the enclosing structure (a tab in indentation can be reported at
    /// 1:1): point at the first indenting tab for tab errors, and at where parsing stopped rather than at the file's first character.
    /// </summary>
    private static (int Line, int Column) Locate(YamlException e, Mark lastGood, string text)
    {
        if (e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
                var tab = lines[i].IndexOf('\t', 0, indent);
                if (tab >= 0) return (i + 1, tab + 1);
            }
        }
        // A mark at the very start of the file carries no information; where parsing stopped does.
        var at = e.Start.Index == 0 && lastGood.Index > 0 ? lastGood : e.Start;
        return (Clamp(at.Line), Clamp(at.Column));
    }

    private const string SyntaxAdvice = "fix the YAML (indent with spaces, one `key: value` per line, close every [ and {)";

    /// <summary>Remembers where the last well-formed YAML event ended, to locate failures YamlDotNet does not locate itself.</summary>
    /// <remarks>
    /// Also bounds nesting: YamlDotNet's representation model recurses once per level, so a file of ten thousand
    /// <c>[</c> would overflow the stack, which no catch can handle; counting levels here stops it first.
    /// </remarks>
    private sealed class TrackingParser(IParser inner) : IParser
    {
        private int _depth;

        public Mark LastGood { get; private set; } = new(0, 1, 1);

        public YamlDotNet.Core.Events.ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var more = inner.MoveNext();
            switch (inner.Current)
            {
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart when ++_depth > MaxDepth:
                    throw new YamlException(inner.Current.Start, inner.Current.End, $"values are nested more than {MaxDepth} levels deep");
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    _depth--;
                    break;
            }
            if (inner.Current is { } e) LastGood = e.End;
            return more;
        }
    }

    private static int Clamp(long v) => v > int.MaxValue ? int.MaxValue : v < 0 ? 0 : (int)v;

    internal static ScenarioException Error(SourceLocation at, string? key, string problem, string allowed) =>
        new(new ScenarioError(at.File, at.Line, at.Column, key, problem, allowed));
}
