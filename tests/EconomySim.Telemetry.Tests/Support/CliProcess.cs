using System.Diagnostics;
using System.Text.RegularExpressions;

namespace EconomySim.Telemetry.Tests.Support;

/// <summary>The economysim executable running as its own process, with its output read line by line as it comes.</summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly object _lock = new();

    private CliProcess(Process process) => _process = process;

    public static CliProcess Start(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "economysim.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => cli.Add(cli._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => cli.Add(cli._stderr, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    private void Add(List<string> lines, string? line)
    {
        if (line is null) return;
        lock (_lock)
        {
            lines.Add(line);
            Monitor.PulseAll(_lock);
        }
    }

    public string Stdout
    {
        get
        {
            lock (_lock) return string.Join('\n', _stdout);
        }
    }

    public string Stderr
    {
        get
        {
            lock (_lock) return string.Join('\n', _stderr);
        }
    }

    /// <summary>Waits for a line on standard error matching the pattern; fails with what the process said if none comes in time.</summary>
    public Match WaitForError(Regex pattern, TimeSpan timeout)
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
                    throw new TimeoutException($"economysim printed no line matching /{pattern}/ in {timeout.TotalSeconds} s (exited: {_process.HasExited}).\nstderr:\n{string.Join('\n', _stderr)}\nstdout:\n{string.Join('\n', _stdout)}");
                exitNoticed = _process.HasExited;
                Monitor.Wait(_lock, left < TimeSpan.FromMilliseconds(500) ? left : TimeSpan.FromMilliseconds(500));
            }
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit(); // drains the asynchronous readers
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }
}
