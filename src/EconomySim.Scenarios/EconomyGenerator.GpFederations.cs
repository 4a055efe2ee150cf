using EconomySim.Domain;

namespace EconomySim.Scenarios;

public static partial class EconomyGenerator
{
    private sealed partial class Layout
    {
        private void LayOutGpFederations(List<OrganisationProfile> result, int[] perCommissioner, (int[] Index, double[] Share)[] acute)
        {
            var total = perCommissioner.Sum();
            var size = Draw(total, () => LogNormal(s.GpFederationSizeSpread));
            var needNoise = Draw(total, () => LogNormal(s.GpFederationNeedSpread));
            for (int i = 0, g = 0; i < _commissioners; i++)
            {
                var n = perCommissioner[i];
                var lists = SplitLong(_population[i], size[g..(g + n)], Enumerable.Repeat(1L, n).ToArray());
                // Rescaled so the federations' list-weighted need is their commissioner's: the noise moves need between
                // practices, not into or out of the system.
                var weighted = Enumerable.Range(0, n).Sum(k => lists[k] * needNoise[g + k]) / _population[i];
                for (var k = 0; k < n; k++, g++)
                {
                    var code = Code("GPF", g, total);
                    result.Add(new GpFederationProfile(result.Count, code, NameFor(s.Names.GpFederations, g, "GP federation", code),
                        s.Regions[_region[i]].Name, 1 + i, lists[k], _need[i] * needNoise[g] / weighted, [.. acute[i].Index], [.. acute[i].Share]));
                }
            }
        }
    }
}
