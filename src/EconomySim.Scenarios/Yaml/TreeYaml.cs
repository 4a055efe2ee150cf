using System.Text;
using System.Text.Json;

namespace EconomySim.Scenarios.Yaml;

/// <summary>
/// Writes a tree back as YAML that reads into the same tree: plain scalars as written (so numbers stay numbers and the
/// loader types them as before), quoted scalars as JSON strings (valid YAML), mappings and lists in block style.
/// </summary>
internal static class TreeYaml
{
    public static string Write(TreeMap map)
    {
        var sb = new StringBuilder();
        WriteMap(sb, map, 0);
        return sb.ToString();
    }

    private static void WriteMap(StringBuilder sb, TreeMap map, int indent)
    {
        foreach (var entry in map.Entries)
        {
            sb.Append(' ', indent).Append(entry.Key).Append(':');
            WriteValue(sb, entry.Value, indent);
        }
    }

    private static void WriteValue(StringBuilder sb, TreeNode node, int indent)
    {
        switch (node)
        {
            case TreeMap { Entries.Count: 0 }:
                sb.Append(" {}\n");
                break;
            case TreeMap m:
                sb.Append('\n');
                WriteMap(sb, m, indent + 2);
                break;
            case TreeList { Items.Count: 0 }:
                sb.Append(" []\n");
                break;
            case TreeList l:
                sb.Append('\n');
                foreach (var item in l.Items)
                {
                    sb.Append(' ', indent + 2).Append('-');
                    if (item is TreeMap { Entries.Count: > 0 } im)
                    {
                        // The first key sits after the dash; the rest line up under it.
                        var inner = new StringBuilder();
                        WriteMap(inner, im, indent + 4);
                        sb.Append(' ').Append(inner.ToString()[(indent + 4)..]);
                    }
                    else WriteValue(sb, item, indent + 2);
                }
                break;
            case TreeScalar s:
                sb.Append(' ').Append(s.Plain ? s.Value : JsonSerializer.Serialize(s.Value)).Append('\n');
                break;
        }
    }
}
