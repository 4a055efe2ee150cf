using System.Diagnostics;
using System.Text.Json;

namespace EconomySim.Cli.Tests;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;
}

/// <summary>A command's result with its peak resident memory and wall time as the kernel counted them.</summary>
/// <summary>A finished command with the kernel's account of it: peak resident memory, wall time, and processor time (user and system) spent.</summary>
public sealed record MeasuredResult(CliResult Result, long PeakResidentBytes, TimeSpan Elapsed, TimeSpan ProcessorTime);

/// <summary>Runs the economysim executable as its own process, the way a researcher or a script does.</summary>
public static class Cli
{
    public static string RepositoryRoot => EconomySim.Testing.RepositoryRoot.Directory;

    public static string Config(string name) => Path.Combine(RepositoryRoot, "configs", name);

    /// <summary>Starts economysim and returns the running process (to kill it, or to run several at once).</summary>
    public static Process Start(params string[] args) => Start(args, null);

    public static Process Start(string[] args, IDictionary<string, string>? environment)
    {
        var start = Info(args, environment, null);
        var process = Process.Start(start)!;
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => RemoveCallFolder(start.WorkingDirectory);
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Starts economysim and reads its output as it comes, so a test can wait for what it says mid-run.</summary>
    public static Watched Watch(string[] args, IDictionary<string, string>? environment = null) => new(Start(args, environment));

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
        var start = Info(args, environment, workingDirectory);
        return RunToEnd(start, ownFolder: workingDirectory is null);
    }

    /// <summary>Runs a started command to its end; a folder the call was given of its own goes with it.</summary>
    private static CliResult RunToEnd(ProcessStartInfo start, bool ownFolder)
    {
        CliResult result;
        using (var process = Process.Start(start)!)
        {
            process.StandardInput.Close();
            result = Finish(process);
        }
        if (ownFolder) RemoveCallFolder(start.WorkingDirectory);
        return result;
    }

    /// <summary>
    /// Runs economysim as an ordinary user: file permissions bind root only in part, so tests of a read-only store run
    /// the program as 'nobody' when they run as root.
    /// </summary>
    public static CliResult RunUnprivileged(params string[] args)
    {
        var start = Info(args, null, null);
        if (Environment.UserName == "root")
        {
            var inner = start.ArgumentList.ToList();
            start.FileName = "setpriv";
            start.Environment["HOME"] = Path.GetTempPath();
            start.ArgumentList.Clear();
            foreach (var a in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "dotnet" }.Concat(inner)) start.ArgumentList.Add(a);
        }
        return RunToEnd(start, ownFolder: true);
    }

    /// <summary>
    /// Runs economysim under GNU time, which waits for it and reads the kernel's account of it (getrusage of the
    /// child): its peak resident memory, every kind of memory counted, and its wall time. Installs Debian's time
    /// package where the program is missing.
    /// </summary>
    public static MeasuredResult RunMeasured(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var time = EconomySim.Testing.DebianPackages.EnsureAsync("/usr/bin/time", "time").GetAwaiter().GetResult();
        using var reportFolder = new EconomySim.Testing.TemporaryFolder("economysim-measured-");
        var report = reportFolder.File("usage");
        var start = Info(args, environment, null);
        var inner = start.ArgumentList.ToList();
        start.FileName = time;
        start.ArgumentList.Clear();
        foreach (var a in new[] { "--format", "%M %e %U %S", "--output", report, "dotnet" }.Concat(inner)) start.ArgumentList.Add(a);
        var result = RunToEnd(start, ownFolder: true);
        // The last line is the figures; a line before it says so when the command exited non-zero.
        var figures = File.ReadAllLines(report)[^1].Split(' ');
        return new MeasuredResult(result,
            long.Parse(figures[0], System.Globalization.CultureInfo.InvariantCulture) * 1024,
            TimeSpan.FromSeconds(double.Parse(figures[1], System.Globalization.CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(figures[2], System.Globalization.CultureInfo.InvariantCulture) + double.Parse(figures[3], System.Globalization.CultureInfo.InvariantCulture)));
    }

    // A suite makes thousands of calls. Each call's folder goes when its call ends; they share one parent, removed
    // when the test process exits, which takes whatever a process still running then leaves.
    private static readonly Lazy<string> CallFolders = new(() =>
    {
        var parent = Directory.CreateTempSubdirectory("economysim-cli-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveCallFolder(parent);
        return parent;
    });

    private static int _calls;

    /// <summary>Removes a call's own folder once its process has ended (nothing the caller was given names it), or the parent of all of them at exit.</summary>
    private static void RemoveCallFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A process still running (a test that failed before it ended one) may hold the folder: the parent's removal
            // at exit takes what is left.
        }
    }

    private static string NewCallFolder() =>
        Directory.CreateDirectory(Path.Combine(CallFolders.Value, Interlocked.Increment(ref _calls).ToString(System.Globalization.CultureInfo.InvariantCulture))).FullName;

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
            WorkingDirectory = workingDirectory ?? NewCallFolder(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "economysim.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        return start;
    }

    public static CliResult Run(params string[] args) => Run((IEnumerable<string>)args);

    /// <summary>
    /// A small experiment file: payment by results against block contracts, one integrated care board at England's
    /// 2024/25 rates (Cambridgeshire and Peterborough), two years. <paramref name="expect"/> is the <c>expect:</c> list, each line indented as in the file.
    /// <paramref name="scenario"/>, when given, names another file of configs/ in Cambridgeshire and Peterborough's place.
    /// </summary>
    public static string PbrAgainstBlockExperiment(string name, int replications, string expect, int years = 2,
        string? scenario = null) => $"""
        experiment:
          name: {name}
          scenario: {Config(scenario ?? "cambridgeshire-peterborough-flat-cash.yaml")}
          replications: {replications}
          years: {years}
        variants:
          - name: pbr
            set:
              contracts.acute_payment: payment_by_results
          - name: block
            set:
              contracts.acute_payment: block
        expect:
        {expect}
        """;

    /// <summary>`show` reads the run back from the store and recomputes its digest from the stored events: it must match.</summary>
    public static void AssertStoredDigestVerified(string runId, string store, string context = "")
    {
        var show = Run("show", runId, "--store", store, "--json");
        Assert.True(show.ExitCode == 0 && show.Json.GetProperty("digest_verified").GetBoolean(), $"{context}{show.Stdout}{show.Stderr}");
    }
}

/// <summary>
/// A running economysim whose output is read line by line as it comes, so a test can wait for what it says mid-run
/// (a dashboard's address, a store failure) and still collect everything once it ends.
/// </summary>
public sealed class Watched : IDisposable
{
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly object _lock = new();
    private readonly Task _readers;

    public Watched(Process process)
    {
        Process = process;
        _readers = Task.WhenAll(Task.Run(() => Read(process.StandardOutput, _stdout)), Task.Run(() => Read(process.StandardError, _stderr)));
    }

    public Process Process { get; }

    public bool HasExited => Process.HasExited;

    public string Stdout => Joined(_stdout);

    public string Stderr => Joined(_stderr);

    private async Task Read(StreamReader reader, List<string> lines)
    {
        while (await reader.ReadLineAsync() is { } line)
            lock (_lock)
            {
                lines.Add(line);
                Monitor.PulseAll(_lock);
            }
    }

    private string Joined(List<string> lines)
    {
        lock (_lock) return string.Concat(lines.Select(l => l + "\n"));
    }

    /// <summary>Waits for a line on standard error matching the pattern; fails with what the process said if none comes in time.</summary>
    public System.Text.RegularExpressions.Match WaitForError(System.Text.RegularExpressions.Regex pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var exitNoticed = false;
        lock (_lock)
        {
            var seen = 0;
            while (true)
            {
                for (; seen < _stderr.Count; seen++)
                    if (pattern.Match(_stderr[seen]) is { Success: true } match)
                        return match;
                var left = deadline - DateTime.UtcNow;
                // Once the process has exited, one more wait lets the last lines arrive; then there is nothing to wait for.
                if (left <= TimeSpan.Zero || exitNoticed)
                    throw new TimeoutException($"economysim printed no line matching /{pattern}/ in {timeout.TotalSeconds} s (exited: {Process.HasExited}).\nstderr:\n{string.Join('\n', _stderr)}\nstdout:\n{string.Join('\n', _stdout)}");
                exitNoticed = Process.HasExited;
                Monitor.Wait(_lock, left < TimeSpan.FromMilliseconds(500) ? left : TimeSpan.FromMilliseconds(500));
            }
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await Process.WaitForExitAsync(cancel.Token);
        await _readers;
        return Process.ExitCode;
    }

    public CliResult Finish()
    {
        if (!Process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            Process.Kill(entireProcessTree: true);
            throw new TimeoutException("economysim did not finish in 5 minutes");
        }
        _readers.Wait();
        return new CliResult(Process.ExitCode, Stdout, Stderr);
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(10_000);
        }
        Process.Dispose();
    }
}
