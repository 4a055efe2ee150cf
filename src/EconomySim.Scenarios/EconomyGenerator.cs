using System.Globalization;
using EconomySim.Domain;

namespace EconomySim.Scenarios;

/// <summary>
/// Lays out a synthetic economy from a scenario's counts and totals. The layout depends only on the scenario and its
/// structure seed (never on the run seed), so every replication of a scenario runs on the same organisations.
/// </summary>
public static class EconomyGenerator
{
    /// <summary>Far beyond any machine this runs on; with the loader's ranges it keeps every scaled count inside an int and every total inside a long.</summary>
    public const int MaxScale = 1000;

    // Technical floors, not coefficients: they only stop an extreme draw from making a need index or an allocation
    // factor zero or negative, which no spread in a calibrated file comes near.
    private const double MinimumNeedIndex = 0.2;
    private const double MinimumAllocationFactor = 0.1;

    /// <param name="years">Overrides the scenario's number of simulated years.</param>
    /// <param name="scale">K: every organisation count, the population, bed totals and money totals are multiplied by K, so each organisation looks the same but there are K times as many.</param>
    public static EconomyDefinition Build(ScenarioDocument scenario, int? years = null, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, MaxScale);
        if (years is < 1 or > 50) throw new ArgumentOutOfRangeException(nameof(years), years, "Years must be between 1 and 50.");

        OrganisationStructure structure;
        try
        {
            structure = Scale(scenario.Organisations, scale);
        }
        catch (OverflowException)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scaled economy would have more organisations or people than the model can count.");
        }
        CheckBuildable(structure);
        var runYears = years ?? scenario.Parameters.Years;
        var scaled = ScaleTotals(scenario.Parameters, scale);
        // Policy changes carry whole parameter sets: scaled alike, with the run's length, and dropped when the run ends first.
        var parameters = scaled with
        {
            Years = runYears,
            PolicyChanges = scaled.PolicyChanges
                .Where(c => c.Year < scaled.StartYear + runYears)
                .Select(c => c with { Parameters = c.Parameters with { Years = runYears } })
                .ToList(),
        };
        var organisations = new Layout(structure, SimulationRandom.For(scenario.StructureSeed, "structure")).Organisations();
        return new EconomyDefinition(scenario.Name, parameters, organisations);
    }

    /// <summary>Money in the parameters that is a total for the whole economy, so it grows with the number of organisations.</summary>
    internal static readonly string[] ScaledMoney =
    [
        "Funder.CommissionerAllocations", "Funder.PublicHealthGrant", "Funder.SocialCareGrant", "Funder.PumpPrimeFunding",
        "Funder.TransformationFund", "Funder.InYearFunding", "SocialCare.OwnResources",
    ];

    /// <summary>Money that is a price or a cost per unit, the same for an organisation whatever the scale.</summary>
    internal static readonly string[] UnscaledMoney =
    [
        "Contracts.ElectivePrice", "Contracts.EmergencyPrice", "Contracts.AandEPrice", "SocialCare.CostPerPersonSupported",
    ];

    /// <summary>Keep in step with <see cref="ScaledMoney"/>: a test fails when a Money parameter is in neither list.</summary>
    internal static EconomyParameters ScaleTotals(EconomyParameters p, int k) => p with
    {
        Funder = p.Funder with
        {
            CommissionerAllocations = Times(p.Funder.CommissionerAllocations, k),
            PublicHealthGrant = Times(p.Funder.PublicHealthGrant, k),
            SocialCareGrant = Times(p.Funder.SocialCareGrant, k),
            PumpPrimeFunding = Times(p.Funder.PumpPrimeFunding, k),
            TransformationFund = Times(p.Funder.TransformationFund, k),
            InYearFunding = Times(p.Funder.InYearFunding, k),
        },
        SocialCare = p.SocialCare with { OwnResources = Times(p.SocialCare.OwnResources, k) },
        PolicyChanges = p.PolicyChanges.Select(c => c with { Parameters = ScaleTotals(c.Parameters, k) }).ToList(),
    };

    internal static OrganisationStructure Scale(OrganisationStructure o, int k) => o with
    {
        Population = checked(o.Population * k),
        Commissioners = checked(o.Commissioners * k),
        AcuteTrusts = checked(o.AcuteTrusts * k),
        CommunityTrusts = checked(o.CommunityTrusts * k),
        MentalHealthTrusts = checked(o.MentalHealthTrusts * k),
        GpFederations = checked(o.GpFederations * k),
        Councils = checked(o.Councils * k),
        GeneralAndAcuteBeds = checked(o.GeneralAndAcuteBeds * k),
        CommunityBeds = checked(o.CommunityBeds * k),
        MentalHealthBeds = checked(o.MentalHealthBeds * k),
    };

    private static Money Times(Money m, int k) => new(checked(m.Pence * k));

    /// <summary>
    /// The loader has already said all this to the user with file and line; this guards documents changed in code
    /// (<c>with</c>) so that a bad one fails here, plainly, rather than deep inside the layout.
    /// </summary>
    private static void CheckBuildable(OrganisationStructure o)
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException($"The scenario cannot be laid out: {message}.", "scenario");
        }
        Require(o.Regions.Count > 0 && o.Regions.All(r => r.PopulationShare > 0), "every region needs a positive population share");
        Require(o.Commissioners >= o.Regions.Count, "fewer commissioners than regions");
        Require(o.AcuteTrusts >= o.Commissioners, "fewer acute trusts than commissioners");
        Require(o.GpFederations >= o.Commissioners, "fewer GP federations than commissioners");
        Require(o.CommunityTrusts >= 1 && o.MentalHealthTrusts >= 1 && o.Councils >= 1, "every kind of organisation needs at least one member");
        Require(o.GeneralAndAcuteBeds >= o.AcuteTrusts && o.CommunityBeds >= o.CommunityTrusts && o.MentalHealthBeds >= o.MentalHealthTrusts,
            "fewer beds than trusts of a type");
        Require(o.Population >= Math.Max(o.GpFederations, o.Councils), "fewer people than GP federations or councils");
    }

    /// <summary>One layout computation; the random stream is drawn in a fixed order (commissioners, trusts, GP federations, councils).</summary>
    private sealed class Layout(OrganisationStructure s, SimulationRandom random)
    {
        private readonly int _commissioners = s.Commissioners;
        private int[] _region = [];
        private long[] _population = [];
        private double[] _need = [];

        public List<OrganisationProfile> Organisations()
        {
            var result = new List<OrganisationProfile>(1 + s.Commissioners + s.AcuteTrusts + s.CommunityTrusts + s.MentalHealthTrusts + s.GpFederations + s.Councils)
            {
                new NationalFunderProfile(0, "NF", "National funder"),
            };
            var (gpCounts, councilCounts) = LayOutCommissioners(result);
            var acute = LayOutTrusts(result, TrustType.Acute, s.AcuteTrusts, s.GeneralAndAcuteBeds, "TRA", "Acute trust", s.Names.AcuteTrusts);
            LayOutTrusts(result, TrustType.Community, s.CommunityTrusts, s.CommunityBeds, "TRC", "Community trust", s.Names.CommunityTrusts);
            LayOutTrusts(result, TrustType.MentalHealth, s.MentalHealthTrusts, s.MentalHealthBeds, "TRM", "Mental health trust", s.Names.MentalHealthTrusts);
            LayOutGpFederations(result, gpCounts, acute);
            LayOutCouncils(result, councilCounts, acute);
            return result;
        }

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

        private double[] Draw(int n, Func<double> draw)
        {
            var values = new double[n];
            for (var i = 0; i < n; i++) values[i] = draw();
            return values;
        }

        /// <summary>Mean 1 whatever the spread, so spreads move sizes around without moving the totals.</summary>
        private double LogNormal(double sigma) => Math.Exp(sigma * random.NextStandardNormal() - sigma * sigma / 2);
    }

    /// <summary>Splits a whole count exactly (largest remainder, as money is split), giving each part at least its minimum.</summary>
    internal static long[] SplitLong(long total, double[] weights, long[] minimum)
    {
        var rest = MoneySplit.ByWeights(new Money(checked(total - minimum.Sum())), weights);
        return rest.Select((m, i) => checked(m.Pence + minimum[i])).ToArray();
    }

    private static int[] OnePlus(int[] counts) => counts.Select(n => n + 1).ToArray();

    /// <summary>Moves one from the largest part to each empty part, so every region gets a commissioner.</summary>
    private static int[] AtLeastOneEach(int[] counts)
    {
        var result = counts.ToArray();
        for (var r = 0; r < result.Length; r++)
        {
            if (result[r] > 0) continue;
            var donor = Array.IndexOf(result, result.Max());
            result[donor]--;
            result[r]++;
        }
        return result;
    }

    private static double[] Normalise(double[] values)
    {
        var sum = values.Sum();
        return values.Select(v => v / sum).ToArray();
    }

    /// <summary>Zero-padded to the count's width, at least three digits: COM-001, GPF-0001.</summary>
    internal static string Code(string prefix, int index, int count)
    {
        var width = Math.Max(3, count.ToString(CultureInfo.InvariantCulture).Length);
        return $"{prefix}-{(index + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')}";
    }

    /// <summary>The file's name when it gives one; beyond the list (a scaled economy) names repeat with a copy number.</summary>
    private static string NameFor(IReadOnlyList<string> names, int index, string label, string code)
    {
        if (names.Count == 0) return $"{label} {code}";
        var copy = index / names.Count;
        return copy == 0 ? names[index] : $"{names[index % names.Count]} ({copy + 1})";
    }
}
