using System.Diagnostics;
using System.Text.Json;

namespace EconomySim.Cli.Tests;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;
}

/// <summary>Runs the economysim executable as its own process, the way a researcher or a script does.</summary>
public static class Cli
{
    public static string RepositoryRoot => EconomySim.Testing.RepositoryRoot.Directory;

    public static string Config(string name) => Path.Combine(RepositoryRoot, "configs", name);

    /// <summary>Starts economysim and returns the running process (to kill it, or to run several at once).</summary>
    public static Process Start(params string[] args)
    {
        var start = Info(args, null, null);
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    public static CliResult Finish(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("economysim did not finish in 5 minutes");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static CliResult Run(IEnumerable<string> args, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        using var process = Process.Start(Info(args, environment, workingDirectory))!;
        process.StandardInput.Close();
        return Finish(process);
    }

    private static ProcessStartInfo Info(IEnumerable<string> args, IDictionary<string, string>? environment, string? workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // Each call runs in its own empty folder, so the default store (runs/ under the working folder) never leaks
            // between tests or into the repository.
            WorkingDirectory = workingDirectory ?? Directory.CreateTempSubdirectory("economysim-cli-").FullName,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "economysim.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        return start;
    }

    public static CliResult Run(params string[] args) => Run((IEnumerable<string>)args);
}
