using System.Diagnostics;
using System.Text.RegularExpressions;

namespace EconomySim.Cli.Tests;

/// <summary>
/// Runs economysim with its standard output on a pseudo-terminal of a given width (util-linux <c>script</c>), as a
/// researcher's terminal would be, and returns what the terminal shows. Standard error goes to a file, so the progress
/// bar stays out of what is read.
/// </summary>
public static partial class PseudoTerminal
{
    public static CliResult Run(int columns, string workingDirectory, params string[] args)
    {
        var stderrFile = Path.Combine(workingDirectory, $"stderr-{Guid.NewGuid():N}.txt");
        var dll = Path.Combine(AppContext.BaseDirectory, "economysim.dll");
        var command = $"stty cols {columns} rows 60; exec dotnet {Quote(dll)} {string.Join(' ', args.Select(Quote))} 2>{Quote(stderrFile)}";
        var start = new ProcessStartInfo("/usr/bin/script")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in new[] { "--quiet", "--flush", "--return", "--command", command, "/dev/null" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var result = Cli.Finish(process);
        var stderr = File.Exists(stderrFile) ? File.ReadAllText(stderrFile) : result.Stderr;
        return new CliResult(result.ExitCode, Shown(result.Stdout), stderr);
    }

    /// <summary>The text a terminal shows: escape sequences (colours, keypad modes) and carriage returns taken out.</summary>
    public static string Shown(string raw) => Escapes().Replace(raw, "").Replace("\r", "");

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";

    [GeneratedRegex("\u001b(\\[[0-9;?]*[ -/]*[@-~]|\\][^\u0007]*\u0007|[=>()][0-9A-Za-z]?)")]
    private static partial Regex Escapes();
}
