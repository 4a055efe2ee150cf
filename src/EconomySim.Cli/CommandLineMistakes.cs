using System.CommandLine;
using System.Text.RegularExpressions;
using EconomySim.Scenarios;

namespace EconomySim.Cli;

/// <summary>What a command line that does not parse is told: the word not understood and the nearest one that would be.</summary>
public static partial class CommandLineMistakes
{
    /// <summary>
    /// The first word the parser could not place, explained: an unknown command or option with the nearest known one and
    /// what is allowed. Null when every word was placed (the parser's own message then says what is wrong).
    /// </summary>
    public static string? Unplaced(ParseResult parsed)
    {
        if (parsed.UnmatchedTokens.Count == 0) return null;
        var word = parsed.UnmatchedTokens[0];
        var command = parsed.CommandResult.Command;
        if (word.StartsWith('-'))
        {
            var options = OptionsOf(parsed).ToList();
            return $"unknown option '{word}'{NameSuggestion.DidYouMean(word, options)}";
        }
        if (command.Subcommands.Count > 0)
        {
            var commands = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
            return $"unknown command '{word}'{NameSuggestion.DidYouMean(word, commands)}; commands: {string.Join(", ", commands)}";
        }
        return $"unexpected argument '{word}'";
    }

    /// <summary>A parser message on one line: lists the parser sets on lines of their own are joined with spaces.</summary>
    public static string Joined(string message) => LineBreaks().Replace(message.Trim(), " ");

    private static IEnumerable<string> OptionsOf(ParseResult parsed)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            foreach (var option in result.Command.Options.Where(o => !o.Hidden && (result == parsed.CommandResult || o.Recursive)))
            {
                names.Add(option.Name);
                foreach (var alias in option.Aliases) names.Add(alias);
            }
        return names.Where(n => n.StartsWith('-'));
    }

    [GeneratedRegex("\\s*[\\r\\n]+\\s*")]
    private static partial Regex LineBreaks();
}
