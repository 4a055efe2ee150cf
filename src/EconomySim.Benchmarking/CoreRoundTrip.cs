using System.Diagnostics;
using System.Runtime.InteropServices;
using MathNet.Numerics.Statistics;

namespace EconomySim.Benchmarking;

/// <summary>
/// How long a cache line takes to go from one core to the other and back: two threads, one a core, each waiting for
/// the other's write before it writes. Two independent runs at once never pay it; the engine pays it for every letter
/// and start that one lane writes and the other reads. A virtual machine's two cores may be siblings that share a
/// cache or cores far apart on the host, and the host may move them from one minute to the next, so the bench reads
/// it in every round beside the engine.
/// </summary>
public static class CoreRoundTrip
{
    /// <summary>
    /// The median round trip in nanoseconds over <paramref name="batches"/> batches of
    /// <paramref name="roundTrips"/>: a batch in which the host took a core away for a moment is left out by the median.
    /// </summary>
    public static double MedianNanoseconds(int roundTrips = 20_000, int batches = 5)
    {
        // The first round trip only starts the answering thread and is not timed.
        ArgumentOutOfRangeException.ThrowIfLessThan(roundTrips, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(batches, 1);
        var each = new double[batches];
        for (var b = 0; b < batches; b++) each[b] = Batch(roundTrips);
        return each.Median();
    }

    private static double Batch(int roundTrips)
    {
        var lines = new Lines();
        var answerer = new Thread(() =>
        {
            for (var i = 1; i <= roundTrips; i++)
            {
                while (Volatile.Read(ref lines.Asked) != i) Thread.SpinWait(1);
                Volatile.Write(ref lines.Answered, i);
            }
        }) { IsBackground = true, Name = "bench-core-round-trip" };
        answerer.Start();
        Volatile.Write(ref lines.Asked, 1);
        while (Volatile.Read(ref lines.Answered) != 1) Thread.SpinWait(1);
        var watch = Stopwatch.StartNew();
        for (var i = 2; i <= roundTrips; i++)
        {
            Volatile.Write(ref lines.Asked, i);
            while (Volatile.Read(ref lines.Answered) != i) Thread.SpinWait(1);
        }
        watch.Stop();
        answerer.Join();
        return watch.Elapsed.TotalNanoseconds / (roundTrips - 1);
    }

    /// <summary>The question and the answer, each on a cache line of its own, so that only the written line moves.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private sealed class Lines
    {
        [FieldOffset(64)] public int Asked;
        [FieldOffset(192)] public int Answered;
    }
}
