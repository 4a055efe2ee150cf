namespace EconomySim.Domain.Economics;

/// <summary>
/// The population of each council's area split over the five national deprivation fifths (fifth 0 the most deprived,
/// fifth 4 the least), as the Index of Multiple Deprivation splits neighbourhoods. A council's neighbourhoods are
/// deprived around its own level: their log deprivation is normal around the log of the council's deprivation with the
/// within-council spread. The national fifths are the population quintiles of all councils' neighbourhoods together, so
/// each holds a fifth of the people. Need differs by fifth: the rate of an outcome in fifth j is the most deprived
/// fifth's ratio to the least raised to (4 - j) / 4, a steady gradient from that ratio down to 1.
/// </summary>
public static class DeprivationFifths
{
    public const int Count = 5;
    public const int MostDeprived = 0;
    public const int LeastDeprived = Count - 1;

    /// <summary>Every fifth the same share: an area about which nothing distinguishes its neighbourhoods.</summary>
    public static IReadOnlyList<double> National { get; } = [0.2, 0.2, 0.2, 0.2, 0.2];

    /// <summary>
    /// The four national cut-points in log deprivation between the fifths, least deprived first: the points below which
    /// 20%, 40%, 60% and 80% of the population's neighbourhoods lie. Found by bisection, so the same inputs give the same
    /// cut-points on any machine.
    /// </summary>
    public static double[] NationalCutPoints(IReadOnlyList<(long Population, double Deprivation)> councils, double withinCouncilSpread)
    {
        if (withinCouncilSpread <= 0) throw new ArgumentOutOfRangeException(nameof(withinCouncilSpread), withinCouncilSpread, "The spread within councils is positive.");
        double total = 0, low = double.MaxValue, high = double.MinValue;
        foreach (var (population, deprivation) in councils)
        {
            total += population;
            var mean = Math.Log(deprivation);
            low = Math.Min(low, mean);
            high = Math.Max(high, mean);
        }
        var cuts = new double[Count - 1];
        if (total <= 0) return cuts;
        low -= 10 * withinCouncilSpread;
        high += 10 * withinCouncilSpread;
        for (var k = 0; k < cuts.Length; k++)
        {
            var target = (k + 1) / (double)Count;
            double a = low, b = high;
            for (var i = 0; i < 100; i++)
            {
                var mid = (a + b) / 2;
                var below = 0.0;
                foreach (var (population, deprivation) in councils)
                    below += population * StandardNormalCdf((mid - Math.Log(deprivation)) / withinCouncilSpread);
                if (below / total < target) a = mid; else b = mid;
            }
            cuts[k] = (a + b) / 2;
        }
        return cuts;
    }

    /// <summary>An area's population shares in the five fifths, most deprived first; they sum to 1.</summary>
    public static double[] Shares(double deprivation, IReadOnlyList<double> cutPoints, double withinCouncilSpread)
    {
        // Cut-points run least deprived first: below cut 0 is the least deprived fifth, above the last the most deprived.
        var mean = Math.Log(deprivation);
        var shares = new double[Count];
        var below = 0.0;
        for (var k = 0; k < Count - 1; k++)
        {
            var cumulative = StandardNormalCdf((cutPoints[k] - mean) / withinCouncilSpread);
            shares[LeastDeprived - k] = cumulative - below;
            below = cumulative;
        }
        shares[MostDeprived] = 1 - below;
        return shares;
    }

    /// <summary>The population-weighted shares of several areas together (a commissioner's councils).</summary>
    public static double[] Combine(IReadOnlyList<(long Population, double[] Shares)> areas)
    {
        var combined = new double[Count];
        double total = 0;
        foreach (var (population, shares) in areas)
        {
            total += population;
            for (var j = 0; j < Count; j++) combined[j] += population * shares[j];
        }
        if (total <= 0) return [.. National];
        for (var j = 0; j < Count; j++) combined[j] /= total;
        return combined;
    }

    /// <summary>The rate of an outcome in a fifth relative to the least deprived fifth.</summary>
    public static double RelativeRate(double ratioMostToLeastDeprived, int fifth) =>
        Math.Pow(ratioMostToLeastDeprived, (LeastDeprived - fifth) / (double)(Count - 1));

    /// <summary>
    /// The share of an area's outcome that falls on one fifth: its population share times its relative rate, over the
    /// same for all fifths.
    /// </summary>
    public static double ShareOfOutcome(IReadOnlyList<double> areaShares, double ratioMostToLeastDeprived, int fifth)
    {
        double total = 0;
        for (var j = 0; j < Count; j++) total += areaShares[j] * RelativeRate(ratioMostToLeastDeprived, j);
        return total > 0 ? areaShares[fifth] * RelativeRate(ratioMostToLeastDeprived, fifth) / total : 0;
    }

    /// <summary>
    /// The standard normal distribution function, from the complementary error function's Chebyshev fit (fractional error
    /// below 1.2e-7 everywhere), which needs only exp and so is the same on every machine .NET runs on.
    /// </summary>
    public static double StandardNormalCdf(double z)
    {
        var x = Math.Abs(z) / Math.Sqrt(2);
        var t = 1 / (1 + 0.5 * x);
        var poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807
                   + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        var erfc = t * Math.Exp(-x * x + poly);
        return z >= 0 ? 1 - erfc / 2 : erfc / 2;
    }
}

/// <summary>The deprivation fifths of every council's area and of every commissioner's, computed once for an economy.</summary>
public sealed class AreaDeprivation
{
    private readonly Dictionary<int, double[]> _byOrganisation = [];

    public AreaDeprivation(EconomyIndex economy)
    {
        var spread = economy.Parameters.Health.WithinCouncilDeprivationSpread;
        var councils = economy.Councils;
        var cuts = DeprivationFifths.NationalCutPoints(councils.Select(c => (c.Population, c.Deprivation)).ToList(), spread);
        foreach (var c in councils) _byOrganisation[c.Index] = DeprivationFifths.Shares(c.Deprivation, cuts, spread);
        foreach (var commissioner in economy.Commissioners)
            _byOrganisation[commissioner.Index] = DeprivationFifths.Combine(
                economy.CouncilsOf(commissioner.Index).Select(c => (c.Population, _byOrganisation[c.Index])).ToList());
    }

    /// <summary>The shares of a council's or a commissioner's population in each fifth, most deprived first.</summary>
    public IReadOnlyList<double> Of(int councilOrCommissioner) => _byOrganisation[councilOrCommissioner];
}
