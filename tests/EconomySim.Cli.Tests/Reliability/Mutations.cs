using System.Globalization;
using CsCheck;

namespace EconomySim.Cli.Tests.Reliability;

/// <summary>One edit to a YAML file's text: which kind, where (a line, wrapped to the file) and with what (a pick from a pool).</summary>
public readonly record struct Mutation(int Kind, int Line, int Pick)
{
    public const int Kinds = 10;

    /// <summary>Values a person or a broken tool might write where a number, word or list belongs.</summary>
    public static readonly string[] Values =
    [
        "", "-1", "0", "1", "0.5", "-0.0001", "1e308", "-1e308", "99999999999999999999999", "9223372036854775807", "2147483648",
        "NaN", ".nan", ".inf", "-.inf", "abc", "true", "no", "null", "~", "[1, 2]", "[]", "{}", "{a: 1}", "'quoted'", "\"dq\"",
        "0x10", "0o17", "1_000", "1,000", "£5", "5%", "2016-04-01", "12:30", "&anchor 3", "*nowhere", "!!binary aGk=", "!custom 1",
        "|\n  block", ">", "- item", "? complex", "\t", "ü∂ƒ©", new string('9', 400), new string('x', 5000), "[", "{", "'", "\"",
        "payment_by_results", "block", "capitation", "unanimity", "england.yaml", "../../../etc/passwd", "/dev/zero", "greater-manchester.yaml",
    ];

    /// <summary>Characters that change YAML's structure when they land in the wrong place.</summary>
    public static readonly string[] Fragments = [":", ": ", "-", "- ", "#", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ", "%YAML 1.2", "---", "...", "\t", "\"", "'", "|", ">", "?", "@", "`", "\0", "\r", "\u00a0"];

    public static readonly Gen<Mutation> One = Gen.Select(Gen.Int[0, Kinds - 1], Gen.Int[0, 100_000], Gen.Int[0, 100_000], (k, l, p) => new Mutation(k, l, p));

    public static Gen<(int File, Mutation[] Edits)> Of(int files) => Gen.Select(Gen.Int[0, files - 1], One.Array[1, 4], (f, e) => (f, e));

    /// <summary>Applies the edits in order to a file's lines.</summary>
    public static string Apply(string text, IEnumerable<Mutation> edits)
    {
        var lines = text.Split('\n').ToList();
        foreach (var m in edits)
        {
            if (lines.Count == 0) lines.Add("");
            var i = m.Line % lines.Count;
            var line = lines[i];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var value = Values[m.Pick % Values.Length];
            var fragment = Fragments[m.Pick % Fragments.Length];
            switch (m.Kind)
            {
                case 0 when colon > 0: // a key's value replaced
                case 1 when colon > 0:
                case 2 when colon > 0:
                    lines[i] = line[..(colon + 1)] + " " + value;
                    break;
                case 3:
                    lines.RemoveAt(i);
                    break;
                case 4:
                    lines.Insert(i, line);
                    break;
                case 5: // indentation shifted
                    lines[i] = m.Pick % 2 == 0 ? "  " + line : line.TrimStart();
                    break;
                case 6 when colon > 0: // a key misspelt
                    var at = m.Pick % colon;
                    lines[i] = line[..at] + (char)('a' + m.Pick % 26) + line[(at + 1)..];
                    break;
                case 7: // a structural character dropped in
                    var pos = line.Length == 0 ? 0 : m.Pick % (line.Length + 1);
                    lines[i] = line[..pos] + fragment + line[pos..];
                    break;
                case 8: // two lines swapped
                    var j = m.Pick % lines.Count;
                    (lines[i], lines[j]) = (lines[j], lines[i]);
                    break;
                case 9: // the file cut short
                    lines.RemoveRange(i, lines.Count - i);
                    break;
                default: // a line without a key: replaced outright
                    lines[i] = value;
                    break;
            }
        }
        return string.Join('\n', lines);
    }

    public static string Describe(IEnumerable<Mutation> edits) =>
        string.Join("; ", edits.Select(e => string.Create(CultureInfo.InvariantCulture, $"kind {e.Kind} line {e.Line} pick {e.Pick}")));
}
