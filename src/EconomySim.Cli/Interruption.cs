using System.Runtime.InteropServices;

namespace EconomySim.Cli;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM, from the first line of the program to the process's end. The first asks the command to stop:
/// a run stops at the next phase boundary, is recorded interrupted and can be resumed. A second, for someone who will
/// not wait, ends the process at once with the same exit code; a run's stored history is still whole up to its last
/// closed phase, since a phase is recorded closed only once its history is durable.
/// </summary>
/// <remarks>
/// Registered before anything else (the command line's own handling and the host's are off or come later), so no
/// start-up step can swallow the signal and let a run go on to completion.
/// </remarks>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;
    private readonly TextWriter _stderr;
    private int _signals;

    private Interruption(TextWriter stderr)
    {
        _stderr = stderr;
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    public static Interruption Listen(TextWriter stderr) => new(stderr);

    public CancellationToken Token => _stop.Token;

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _stop.Cancel();
            return;
        }
        _stderr.WriteLine("economysim: cancelled again; stopped at once");
        _stderr.Flush();
        Environment.Exit(ExitCodes.Cancelled);
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _stop.Dispose();
    }
}
