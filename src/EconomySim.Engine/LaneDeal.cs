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
        var systems = new Dictionary<int, List<int>>();
        foreach (var profile in economy.Profiles)
        {
            var system = SystemOf(profile);
            if (!systems.TryGetValue(system, out var members)) systems[system] = members = [];
            members.Add(profile.Index);
        }
        var load = new int[lanes];
        var laneOf = new int[economy.Count];
        // Largest first, then by the system's first organisation, so the deal is a function of the economy alone.
        foreach (var members in systems.Values.OrderByDescending(m => m.Count).ThenBy(m => m[0]))
        {
            var lane = 0;
            for (var l = 1; l < lanes; l++)
                if (load[l] < load[lane]) lane = l;
            foreach (var organisation in members) laneOf[organisation] = lane;
            load[lane] += members.Count;
        }
        return laneOf;
    }

    /// <summary>The commissioner whose system an organisation belongs to; the national funder is a system of its own.</summary>
    private static int SystemOf(OrganisationProfile profile) => profile switch
    {
        TrustProfile trust => trust.Commissioner,
        GpFederationProfile federation => federation.Commissioner,
        CouncilProfile council => council.Commissioner,
        _ => profile.Index,
    };
}
