using EconomySim.Domain;

namespace EconomySim.Scenarios;

public static partial class EconomyGenerator
{
    private sealed partial class Layout
    {
        private void LayOutCouncils(List<OrganisationProfile> result, int[] perCommissioner, (int[] Index, double[] Share)[] acute)
        {
            var total = perCommissioner.Sum();
            var owner = new int[total];
            for (int i = 0, k = 0; i < _commissioners; i++)
                for (var n = 0; n < perCommissioner[i]; n++) owner[k++] = i;
            var size = Draw(total, () => LogNormal(s.CouncilSizeSpread));
            var deprivationNoise = Draw(total, () => LogNormal(s.DeprivationSpread));

            // Councils cover everyone, also where there are fewer councils than commissioners, so the whole population
            // is split among them rather than each commissioner's.
            var weights = Enumerable.Range(0, total).Select(k => _population[owner[k]] / (double)perCommissioner[owner[k]] * size[k]).ToArray();
            var population = SplitLong(s.Population, weights, Enumerable.Repeat(1L, total).ToArray());
            // Deprivation follows need (the need formula is driven by deprivation), normalised to a population-weighted mean of 1.
            var raw = Enumerable.Range(0, total).Select(k => _need[owner[k]] * deprivationNoise[k]).ToArray();
            var mean = Enumerable.Range(0, total).Sum(k => population[k] * raw[k]) / s.Population;
            for (var k = 0; k < total; k++)
            {
                var i = owner[k];
                var code = Code("CNL", k, total);
                var older = (long)Math.Round(population[k] * s.OlderPopulationShare, MidpointRounding.ToEven);
                result.Add(new CouncilProfile(result.Count, code, NameFor(s.Names.Councils, k, "Council", code), s.Regions[_region[i]].Name,
                    1 + i, population[k], older, raw[k] / mean, [.. acute[i].Index], [.. acute[i].Share]));
            }
        }
    }
}
