using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Akka.Configuration;
using Akka.Dispatch;

namespace EconomySim.Engine;

/// <summary>
/// The threads of a relayed run's lanes, one a lane, each serving the actors queued on its own lane first and, once its
/// own lane has had nothing queued for a short while, taking actors queued on another lane whose thread is busy. A deal
/// made before the run balances the lanes' work only while the cores run at one speed: where other work slows one core
/// (the other tenants of a shared virtual machine, a laptop's power management, a processor with fast and slow cores),
/// the lane on the slow core holds every phase's barrier while the other waits. An actor's mailbox is still run on one
/// thread at a time whichever thread takes it, and arrival order never matters to the clock, so the history is the
/// same.
/// </summary>
public sealed class SharedLanes
{
    /// <summary>
    /// How long a lane's thread has had nothing of its own before it takes another lane's work. Long enough that the last
    /// few activations of a balanced phase stay with the core whose cache holds their organisations; chosen by alternated
    /// benches (docs/PERFORMANCE.md, "Lanes that share their work"): 10 to 50 µs did about as well, taking work at once
    /// was slower in quiet minutes, and 300 µs helped a slowed core too late.
    /// </summary>
    private const int TakeAfterMicroseconds = 20;

    /// <summary>How long an idle lane's thread keeps looking for work before it sleeps: a phase's barrier is shorter.</summary>
    private const int ParkAfterMicroseconds = 1000;

    private static readonly long s_takeAfter = Stopwatch.Frequency * TakeAfterMicroseconds / 1_000_000;
    private static readonly long s_parkAfter = Stopwatch.Frequency * ParkAfterMicroseconds / 1_000_000;

    /// <summary>The lanes of each actor system, made when its first lane opens and ended when its last closes.</summary>
    private static readonly ConditionalWeakTable<object, SharedLanes> s_ofSystem = [];
    private static readonly Lock s_opening = new();

    private readonly ConcurrentQueue<IRunnable>[] _queues;
    private readonly SemaphoreSlim[] _wakes;
    private readonly LaneFlags[] _flags;
    private int _open;
    private volatile bool _stopping;

    private SharedLanes(int lanes)
    {
        _queues = [.. Enumerable.Range(0, lanes).Select(_ => new ConcurrentQueue<IRunnable>())];
        _wakes = [.. Enumerable.Range(0, lanes).Select(_ => new SemaphoreSlim(0))];
        _flags = new LaneFlags[lanes];
        for (var lane = 0; lane < lanes; lane++)
        {
            var served = lane;
            new Thread(() => Serve(served)) { IsBackground = true, Name = RunLanes.SharedDispatcher(lane) }.Start();
        }
    }

    private static Opened Open(object system, string id, int lane, int lanes)
    {
        lock (s_opening)
        {
            if (!s_ofSystem.TryGetValue(system, out var shared) || shared._stopping)
            {
                shared = new SharedLanes(lanes);
                s_ofSystem.AddOrUpdate(system, shared);
            }
            shared._open++;
            return new Opened(id, shared, lane);
        }
    }

    private void Close()
    {
        lock (s_opening)
        {
            if (--_open > 0) return;
            _stopping = true;
        }
        for (var lane = 0; lane < _wakes.Length; lane++) Wake(lane);
    }

    private void Enqueue(int lane, IRunnable run)
    {
        _queues[lane].Enqueue(run);
        if (Wake(lane)) return;
        // The lane's own thread is busy: a sleeping thread of another lane may take the work over.
        for (var other = 0; other < _wakes.Length; other++)
            if (other != lane && Wake(other)) return;
    }

    private bool Wake(int lane)
    {
        // Read first: every message sent on a lane comes here, and an exchange would pull the line from the other core.
        if (Volatile.Read(ref _flags[lane].Parked) == 0 || Interlocked.Exchange(ref _flags[lane].Parked, 0) == 0) return false;
        _wakes[lane].Release();
        return true;
    }

    private void Serve(int lane)
    {
        var own = _queues[lane];
        var idleSince = 0L;
        var spin = new SpinWait();
        while (true)
        {
            if (own.TryDequeue(out var run))
            {
                Busy(lane);
                run.Run();
                idleSince = 0;
                spin.Reset();
                continue;
            }
            var now = Stopwatch.GetTimestamp();
            if (idleSince == 0) idleSince = now;
            if (_flags[lane].Looking == 0) Volatile.Write(ref _flags[lane].Looking, 1);
            if (now - idleSince >= s_takeAfter && TryTake(lane, out run))
            {
                Busy(lane);
                run.Run();
                continue;
            }
            if (_stopping && !AnyQueued) return;
            if (now - idleSince < s_parkAfter)
            {
                spin.SpinOnce(sleep1Threshold: -1);
                continue;
            }
            Park(lane);
            idleSince = 0;
            spin.Reset();
        }
    }

    private bool AnyQueued => _queues.Any(q => !q.IsEmpty);

    private void Busy(int lane)
    {
        if (_flags[lane].Looking == 1) Volatile.Write(ref _flags[lane].Looking, 0);
    }

    private bool TryTake(int lane, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IRunnable? run)
    {
        for (var step = 1; step < _queues.Length; step++)
        {
            var other = (lane + step) % _queues.Length;
            if (Volatile.Read(ref _flags[other].Looking) == 0 && _queues[other].TryDequeue(out run)) return true;
        }
        run = null;
        return false;
    }

    private void Park(int lane)
    {
        Interlocked.Exchange(ref _flags[lane].Parked, 1);
        // Work queued before the flag could be seen found no one to wake: look once more before sleeping. If a waker
        // took the flag meanwhile, its release must be taken, or it would cut a later sleep short.
        if ((_stopping || AnyQueued) && Interlocked.Exchange(ref _flags[lane].Parked, 0) == 1) return;
        _wakes[lane].Wait();
    }

    /// <summary>
    /// What the lanes' threads say of themselves, each lane's on a cache line of its own so that one lane's changes never
    /// evict another's: whether its thread sleeps, and whether it has found nothing of its own (looking or asleep), in
    /// which case its lane's new work is left to it.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct LaneFlags
    {
        [FieldOffset(64)] public int Parked;
        [FieldOffset(68)] public int Looking;
    }

    /// <summary>One lane's hold on the shared threads, as its dispatcher's executor.</summary>
    private sealed class Opened(string id, SharedLanes shared, int lane) : ExecutorService(id)
    {
        private int _closed;

        public override void Execute(IRunnable run)
        {
            if (Volatile.Read(ref _closed) == 1) throw new RejectedExecutionException($"{Id} is shut down");
            shared.Enqueue(lane, run);
        }

        public override void Shutdown()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0) shared.Close();
        }
    }

    /// <summary>
    /// Made by Akka.NET from a lane dispatcher's <c>executor</c> setting (<see cref="RunLanes.Configuration"/>): its
    /// <c>run-lane</c> and <c>run-lanes</c> say which lane it is of how many.
    /// </summary>
    public sealed class Configurator(Config config, IDispatcherPrerequisites prerequisites) : ExecutorServiceConfigurator(config, prerequisites)
    {
        public override ExecutorService Produce(string id)
        {
            var lanes = Config.GetInt("run-lanes");
            var lane = Config.GetInt("run-lane");
            if (lanes < 1 || lane < 0 || lane >= lanes)
                throw new ConfigurationException($"{id}: run-lane {lane} must be one of the run-lanes, 0 to {lanes - 1}");
            return Open(Prerequisites.Settings, id, lane, lanes);
        }
    }
}
