using System.Diagnostics;
using EconomySim.Testing;

namespace EconomySim.Cli.Tests;

/// <summary>
/// An economysim process of a cluster test (a worker, a coordinator) whose output lines are kept as they come, so a
/// test can wait for a line with a bound instead of sleeping.
/// </summary>
public sealed class ClusterProcess : IDisposable
{
    private readonly Process _process;
    // The node's working folder, removed once the node has ended: a node writes nothing a test reads back there.
    private readonly TemporaryFolder _workingFolder = new("economysim-cluster-");
    private readonly List<string> _lines = [];
    private readonly System.Text.StringBuilder _errors = new();

    public ClusterProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _workingFolder.Path,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "economysim.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_lines)
            {
                _lines.Add(e.Data);
                Monitor.PulseAll(_lines);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_errors) _errors.AppendLine(e.Data);
        };
        try
        {
            _process.Start();
        }
        catch
        {
            _process.Dispose();
            _workingFolder.Dispose();
            throw;
        }
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>A worker of the cluster whose seed node listens on <paramref name="seedPort"/>, returned once it says it is up.</summary>
    /// <param name="listenPort">The worker's own port (the seed's, to start the cluster); null picks a free one.</param>
    public static ClusterProcess Worker(int seedPort, string store, int? listenPort, int parallel, TimeSpan within)
    {
        var args = new List<string> { "worker", "--seed-node", $"127.0.0.1:{seedPort}", "--parallel", parallel.ToString(System.Globalization.CultureInfo.InvariantCulture), "--store", store };
        if (listenPort is { } p) args.AddRange(["--listen", $"127.0.0.1:{p}"]);
        return new ClusterProcess([.. args]).Up(l => l.StartsWith("worker up at 127.0.0.1:", StringComparison.Ordinal), within);
    }

    /// <summary>
    /// This process once it has printed the line saying it is up; if it does not, it is ended (with its folder) before
    /// the failure is thrown, since the test never gets it to dispose.
    /// </summary>
    public ClusterProcess Up(Func<string, bool> upLine, TimeSpan within)
    {
        try
        {
            WaitForLine(upLine, within, "saying the worker is up");
            return this;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The port a worker said it is up at.</summary>
    public int WorkerPort => int.Parse(Lines.First(l => l.StartsWith("worker up at ", StringComparison.Ordinal)).Split(' ')[3].Split(':')[1].TrimEnd(','),
        System.Globalization.CultureInfo.InvariantCulture);

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines) return _lines.ToList();
        }
    }

    public string Errors
    {
        get
        {
            lock (_errors) return _errors.ToString();
        }
    }

    public string Stdout => string.Join('\n', Lines);

    /// <summary>Waits for the first line that matches, failing with everything the process said if none comes in time.</summary>
    public string WaitForLine(Func<string, bool> match, TimeSpan within, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var exited = _process.HasExited;
            if (exited) _process.WaitForExit(); // the last lines are read once the process has gone
            lock (_lines)
            {
                var found = _lines.FirstOrDefault(match);
                if (found is not null) return found;
                var left = within - deadline.Elapsed;
                if (left <= TimeSpan.Zero || exited)
                    throw new TimeoutException($"no line {what} within {within.TotalSeconds:0} s (exited: {exited}); stdout:\n{string.Join('\n', _lines)}\nstderr:\n{Errors}");
                Monitor.Wait(_lines, left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
            }
        }
    }

    public int WaitForExit(TimeSpan within)
    {
        if (!_process.WaitForExit(within))
            throw new TimeoutException($"the process did not exit within {within.TotalSeconds:0} s; stdout:\n{Stdout}\nstderr:\n{Errors}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Waits for the process to exit and gives what it said as a command's result, with its own exit code.</summary>
    public CliResult Finish(TimeSpan within) => new(WaitForExit(within), Stdout, Errors);

    /// <summary>Ends the process at once, as a machine failing would: no leaving the cluster, no goodbye.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        _workingFolder.Dispose();
    }

}
