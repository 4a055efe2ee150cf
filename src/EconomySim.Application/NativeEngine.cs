using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using EconomySim.Engine;

namespace EconomySim.Application;

/// <summary>
/// The engine compiled to native code (src/EconomySim.NativeRun), built beside the command by a Release build. A fresh
/// process of the command runs ahead-of-time code that is slower than the code a warm process reaches, and compiles
/// hot methods again while the run needs both cores; the native engine starts with code as fast as a warm run's. It is
/// the same engine, so a run it makes has the history the command's own engine would have written.
/// </summary>
public sealed class NativeEngine
{
    private readonly string _path;

    private NativeEngine(string path) => _path = path;

    /// <summary>The native engine beside this program; null when none was built (a Debug build, no C compiler, or -p:EconomySimNative=false).</summary>
    public static NativeEngine? Beside() =>
        NativeRun.IsBeside() ? new NativeEngine(Path.Combine(AppContext.BaseDirectory, NativeRun.ExecutableName)) : null;

    /// <summary>
    /// Makes the run in a native process. Null when the native engine could not make it (it would not start, failed, or
    /// read a scenario other than <paramref name="scenarioSha256"/>): the caller then makes the run itself, and a
    /// failure that is the run's own is reported from there as always.
    /// </summary>
    /// <param name="progress">Told the phases done and the phase's name after each phase, when the request asks for it.</param>
    /// <param name="notice">Told why the native engine could not make the run (shown with --verbose).</param>
    public async Task<RunResult?> RunAsync(NativeRunRequest request, string scenarioSha256, Action<int, string?>? progress, Action<string> notice,
        CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(_path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Exception e) when (e is Win32Exception or IOException)
        {
            notice($"the native engine {_path} did not start ({e.Message}); the run is made in this process");
            return null;
        }
        if (process is null) return null;
        using (process)
        {
            try
            {
                var errors = process.StandardError.ReadToEndAsync(cancellation);
                // The request is one line, and standard input stays open until the native engine has exited: it stops at
                // once if this process ends first, however this process ends.
                await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(request, NativeRunJson.Default.NativeRunRequest).AsMemory(), cancellation);
                await process.StandardInput.FlushAsync(cancellation);
                NativeRunReply? reply = null;
                while (await process.StandardOutput.ReadLineAsync(cancellation) is { } line)
                {
                    if (NativeRunLines.TryReadPhase(line, out var done, out var phase)) progress?.Invoke(done, phase);
                    else reply = JsonSerializer.Deserialize(line, NativeRunJson.Default.NativeRunReply);
                }
                await process.WaitForExitAsync(cancellation);
                var said = (await errors).Trim();
                if (process.ExitCode != 0 || reply is null)
                {
                    notice($"the native engine stopped with exit code {process.ExitCode}{(said.Length > 0 ? $": {said}" : "")}; the run is made in this process");
                    return null;
                }
                if (reply.ScenarioSha256 != scenarioSha256)
                {
                    notice($"{request.ScenarioPath} changed while the run began; the run is made in this process from the file as it was checked");
                    return null;
                }
                return reply.Result();
            }
            catch (OperationCanceledException)
            {
                Stop(process);
                throw;
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
                Stop(process);
                notice($"the native engine's answer could not be read ({e.Message}); the run is made in this process");
                return null;
            }
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
    }
}
