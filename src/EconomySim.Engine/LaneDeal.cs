using EconomySim.Domain;

namespace EconomySim.Engine;

/// <summary>
/// Which run lane each organisation of a relayed run acts on. Letters go mostly between a commissioner and the
/// providers and councils of its own system, and a letter read on the core that wrote it is still in that core's cache:
/// read on the other core, it is fetched across, and a profile of England put the organisations' reading of their
/// letters at several times the sequential reference's cost when organisations were dealt by index. So a system (a
/// commissioner with the trusts, GP federations and councils it holds the main contract with) is dealt whole, the
/// largest first, each to the lane with the fewest organisations so far. Where a lane acts never changes what
/// happens, so the history is the same under any deal.
/// </summary>
public static class LaneDeal
{
    /// <summary>The lane of every organisation, by index.</summary>
    public static int[] Of(EconomyIndex economy, int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        // The national funder answers to no commissioner: it is a system of its own.
        var systems = economy.Commissioners.Select(c => Members(economy, c.Index)).Append([economy.Funder.Index]);
        var load = new int[lanes];
        var laneOf = new int[economy.Count];
        // Largest first, then by the system's first organisation, so the deal is a function of the economy alone.
        foreach (var members in systems.OrderByDescending(m => m.Length).ThenBy(m => m[0]))
        {
            var lane = 0;
            for (var l = 1; l < lanes; l++)
                if (load[l] < load[lane]) lane = l;
            foreach (var organisation in members) laneOf[organisation] = lane;
            load[lane] += members.Length;
        }
        return laneOf;
    }

    private static int[] Members(EconomyIndex economy, int commissioner) =>
    [
        commissioner,
        .. economy.TrustsOf(commissioner).Select(t => t.Index),
        .. economy.GpFederationsOf(commissioner).Select(g => g.Index),
        .. economy.CouncilsOf(commissioner).Select(c => c.Index),
    ];
}
