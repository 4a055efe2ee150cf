namespace EconomySim.Designs;

/// <summary>
/// A factor's elementary effects summarised: mu, their mean (signed, so effects of opposite sign cancel); mu*, the mean
/// of their absolute values (Campolongo, Cariboni and Saltelli 2007, "An effective screening design for sensitivity
/// analysis of large models", Environmental Modelling and Software 22), with a bootstrap interval; sigma, their sample
/// standard deviation, large when the factor interacts or acts non-linearly (Morris 1991).
/// </summary>
public sealed record MorrisIndex(double Mu, IndexEstimate MuStar, double Sigma);

/// <summary>
/// Morris's elementary effects from outputs in the row order of <see cref="DesignSampler"/>'s Morris design. An effect
/// is the change of the output over one step divided by the step in the unit cube (plus or minus delta), so effects
/// are per whole range of a parameter and comparable across parameters. Intervals resample trajectories.
/// </summary>
public static class MorrisAnalysis
{
    public static IReadOnlyList<MorrisIndex> Analyse(IReadOnlyList<double[]> unitRows, IReadOnlyList<double> outputs, int dimension, BootstrapOptions bootstrap)
    {
        ArgumentNullException.ThrowIfNull(unitRows);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(bootstrap);
        var block = dimension + 1;
        if (dimension < 1 || unitRows.Count != outputs.Count || outputs.Count == 0 || outputs.Count % block != 0)
            throw new ArgumentException($"a morris design of {dimension} parameters has a multiple of {block} rows and one output per row; got {unitRows.Count} rows and {outputs.Count} outputs", nameof(outputs));
        var trajectories = outputs.Count / block;
        var effects = new double[dimension, trajectories];
        for (var t = 0; t < trajectories; t++)
            for (var s = 1; s <= dimension; s++)
            {
                var before = unitRows[t * block + s - 1];
                var after = unitRows[t * block + s];
                var factor = MovedFactor(before, after);
                effects[factor, t] = (outputs[t * block + s] - outputs[t * block + s - 1]) / (after[factor] - before[factor]);
            }

        var muStar = Bootstrap.Intervals(trajectories, rows =>
        {
            var values = new double[dimension];
            for (var i = 0; i < dimension; i++)
            {
                foreach (var r in rows) values[i] += Math.Abs(effects[i, r]);
                values[i] /= rows.Length;
            }
            return values;
        }, bootstrap);
        return Enumerable.Range(0, dimension).Select(i =>
        {
            var row = Enumerable.Range(0, trajectories).Select(t => effects[i, t]).ToArray();
            var sigma = row.Length > 1 ? MathNet.Numerics.Statistics.Statistics.StandardDeviation(row) : double.NaN;
            return new MorrisIndex(row.Average(), muStar[i], sigma);
        }).ToList();
    }

    private static int MovedFactor(double[] before, double[] after)
    {
        var moved = -1;
        for (var i = 0; i < before.Length; i++)
        {
            if (before[i] == after[i]) continue;
            if (moved >= 0) throw new ArgumentException("a Morris trajectory step moves exactly one factor; these rows move several", nameof(before));
            moved = i;
        }
        return moved >= 0 ? moved : throw new ArgumentException("a Morris trajectory step moves one factor; these rows move none", nameof(before));
    }
}
