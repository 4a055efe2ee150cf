using EconomySim.Domain;

namespace EconomySim.Scenarios;

public static partial class EconomyGenerator
{
    private sealed partial class Layout
    {
        private (int[] GpCounts, int[] CouncilCounts) LayOutCommissioners(List<OrganisationProfile> result)
        {
            var c = _commissioners;
            var regionShares = s.Regions.Select(r => r.PopulationShare).ToArray();
            var perRegion = AtLeastOneEach(MoneySplit.CountByWeights(c, regionShares));
            _region = new int[c];
            for (int r = 0, i = 0; r < perRegion.Length; r++)
                for (var n = 0; n < perRegion[r]; n++) _region[i++] = r;

            var size = Draw(c, () => LogNormal(s.CommissionerSizeSpread));
            var need = Draw(c, () => Math.Max(MinimumNeedIndex, 1 + s.NeedIndexSpread * random.NextStandardNormal()));
            var distance = Draw(c, () => Math.Max(MinimumAllocationFactor, 1 + s.InitialDistanceFromTargetSpread * random.NextStandardNormal()));

            // A commissioner's weight is its region's share, divided among the region's commissioners by size.
            var regionSize = new double[perRegion.Length];
            for (var i = 0; i < c; i++) regionSize[_region[i]] += size[i];
            var weight = new double[c];
            for (var i = 0; i < c; i++) weight[i] = regionShares[_region[i]] * size[i] / regionSize[_region[i]];

            var gpCounts = OnePlus(MoneySplit.CountByWeights(s.GpFederations - c, weight));
            var councilCounts = s.Councils >= c
                ? OnePlus(MoneySplit.CountByWeights(s.Councils - c, weight))
                : MoneySplit.CountByWeights(s.Councils, weight); // fewer councils than commissioners: the largest get one (Greater Manchester 2016: 10 councils, 12 CCGs)

            // Each commissioner keeps at least one resident per GP federation, so every list has someone on it.
            _population = SplitLong(s.Population, weight, gpCounts.Select(g => (long)g).ToArray());

            // Need is relative to the national average, so the population-weighted mean is exactly the reference 1.
            var meanNeed = Enumerable.Range(0, c).Sum(i => _population[i] * need[i]) / s.Population;
            _need = need.Select(n => n / meanNeed).ToArray();

            var target = Normalise(Enumerable.Range(0, c).Select(i => _population[i] * _need[i]).ToArray());
            var initial = Normalise(Enumerable.Range(0, c).Select(i => target[i] * distance[i]).ToArray());

            for (var i = 0; i < c; i++)
            {
                var code = Code("COM", i, c);
                result.Add(new CommissionerProfile(result.Count, code, NameFor(s.Names.Commissioners, i, "Commissioner", code),
                    s.Regions[_region[i]].Name, _population[i], _need[i], initial[i]));
            }
            return (gpCounts, councilCounts);
        }
    }
}
