using EconomySim.Domain;

namespace EconomySim.Scenarios;

public static partial class EconomyGenerator
{
    private sealed partial class Layout
    {
        /// <returns>For each commissioner, the global indexes of its trusts of this type and their shares of its beds of the type.</returns>
        private (int[] Index, double[] Share)[] LayOutTrusts(List<OrganisationProfile> result, TrustType type, int count, int beds,
            string prefix, string label, IReadOnlyList<string> names)
        {
            var c = _commissioners;
            var populationWeights = _population.Select(p => (double)p).ToArray();
            // Every commissioner hosts an acute trust; other types follow the population, so a small one may have none.
            var perCommissioner = type == TrustType.Acute
                ? OnePlus(MoneySplit.CountByWeights(count - c, populationWeights))
                : MoneySplit.CountByWeights(count, populationWeights);

            var host = new int[count];
            for (int i = 0, t = 0; i < c; i++)
                for (var n = 0; n < perCommissioner[i]; n++) host[t++] = i;

            // A system's beds follow the need of the population it serves, so no system starts far short of beds; the size
            // spread only shares a system's beds unevenly among its own trusts of the type.
            var spread = Draw(count, () => LogNormal(s.TrustSizeSpread));
            var spreadAtHost = new double[c];
            for (var t = 0; t < count; t++) spreadAtHost[host[t]] += spread[t];
            var weights = Enumerable.Range(0, count).Select(t => _population[host[t]] * _need[host[t]] * spread[t] / spreadAtHost[host[t]]).ToArray();
            var trustBeds = SplitLong(beds, weights, Enumerable.Repeat(1L, count).ToArray()).Select(b => checked((int)b)).ToArray();

            var bedsAtHost = new long[c];
            for (var t = 0; t < count; t++) bedsAtHost[host[t]] += trustBeds[t];

            var emergency = new bool[count];
            var maternity = new bool[count];
            if (type == TrustType.Acute)
            {
                var preference = AcutePreference(host, trustBeds);
                Flag(emergency, preference, s.EmergencyDepartmentShare);
                Flag(maternity, preference, s.MaternityUnitShare);
            }

            var first = result.Count;
            var byHost = Enumerable.Range(0, c).Select(_ => (Index: new List<int>(), Share: new List<double>())).ToArray();
            for (var t = 0; t < count; t++)
            {
                var code = Code(prefix, t, count);
                var region = s.Regions[_region[host[t]]];
                var share = trustBeds[t] / (double)bedsAtHost[host[t]];
                result.Add(new TrustProfile(first + t, code, NameFor(names, t, label, code), region.Name, type, 1 + host[t],
                    trustBeds[t], region.MarketForcesFactor, emergency[t], maternity[t], share));
                byHost[host[t]].Index.Add(first + t);
                byHost[host[t]].Share.Add(share);
            }
            return byHost.Select(h => (h.Index.ToArray(), h.Share.ToArray())).ToArray();
        }

        /// <summary>
        /// Which acute trusts keep an emergency department or maternity unit when not all do: first the main trust of
        /// each commissioner, largest populations first (so no big system is left without one), then by size.
        /// </summary>
        private int[] AcutePreference(int[] host, int[] beds)
        {
            var main = new int[_commissioners];
            Array.Fill(main, -1);
            for (var t = 0; t < host.Length; t++)
                if (main[host[t]] < 0 || beds[t] > beds[main[host[t]]]) main[host[t]] = t;
            var mains = Enumerable.Range(0, _commissioners).OrderByDescending(i => _population[i]).ThenBy(i => i).Select(i => main[i]);
            var rest = Enumerable.Range(0, host.Length).Except(main).OrderByDescending(t => beds[t]).ThenBy(t => t);
            return mains.Concat(rest).ToArray();
        }

        private static void Flag(bool[] flags, int[] preference, double share)
        {
            var n = (int)Math.Round(share * flags.Length, MidpointRounding.AwayFromZero);
            for (var k = 0; k < n; k++) flags[preference[k]] = true;
        }
    }
}
