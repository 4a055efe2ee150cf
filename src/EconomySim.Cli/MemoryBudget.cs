using System.CommandLine;
using System.Globalization;
using EconomySim.Scenarios;

namespace EconomySim.Cli;

/// <summary>
/// Refuses, before anything is laid out or registered, a run whose estimated memory is more than this machine can
/// give it: the alternative is a process that grows until the machine swaps or kills it, with nothing said.
/// </summary>
public static class MemoryBudget
{
    public const string IgnoreFlag = "--ignore-memory-estimate";

    public static Option<bool> IgnoreOption() => new(IgnoreFlag)
    {
        Description = "Start even when the economy's estimated memory is more than this machine has available",
    };

    /// <param name="what">Where the size comes from, to start the message: the file, or the file with its --scale.</param>
    /// <param name="runsAtOnce">Runs that will be in memory together (an experiment's --parallel).</param>
    public static void Check(EconomySize size, int runsAtOnce, string what, bool ignore)
    {
        if (ignore) return;
        var needed = size.EstimatedBytes > long.MaxValue / Math.Max(1, runsAtOnce) ? long.MaxValue : size.EstimatedBytes * runsAtOnce;
        var available = Available();
        if (needed <= available) return;
        var together = runsAtOnce > 1 ? string.Create(CultureInfo.InvariantCulture, $", {runsAtOnce} runs at once") : "";
        throw new UsageException(string.Create(CultureInfo.InvariantCulture,
            $"{what}: a run of {size.Organisations:N0} organisations needs about {GiB(needed)} of memory{together}, more than the {GiB(available)} this machine has available; use a smaller --scale or fewer organisations, or pass {IgnoreFlag} to start anyway"));
    }

    /// <summary>
    /// The smaller of what the runtime may use (physical memory, or a container's or DOTNET_GCHeapHardLimit's limit) and
    /// what the kernel says is available now, other programs' use taken off.
    /// </summary>
    private static long Available()
    {
        var limit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (limit <= 0) limit = long.MaxValue;
        return Math.Min(limit, KernelAvailable() ?? long.MaxValue);
    }

    private static long? KernelAvailable()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                if (!line.StartsWith("MemAvailable:", StringComparison.Ordinal)) continue;
                var kib = line["MemAvailable:".Length..].Trim().Split(' ')[0];
                return long.TryParse(kib, NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k * 1024 : null;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    private static string GiB(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):N1} GiB");
}
