using EconomySim.Designs.Calibration;

namespace EconomySim.Designs.Tests.Calibration;

/// <summary>
/// Noisy simulators whose truth is known. Replication r draws its noise from stream r at every point (common random
/// numbers), as the model's replications do.
/// </summary>
internal static class ToySimulators
{
    /// <summary>f(x) = 10 x + N(0, 0.5^2).</summary>
    public static BatchSimulator OneParameter(int replications) => Batch(replications, (x, noise) => [10 * x[0] + 0.5 * noise()]);

    /// <summary>f(x, y) = (4 x + 2 y, 3 x - 5 y) + N(0, 0.2^2) each.</summary>
    public static BatchSimulator TwoParameters(int replications) =>
        Batch(replications, (x, noise) => [4 * x[0] + 2 * x[1] + 0.2 * noise(), 3 * x[0] - 5 * x[1] + 0.2 * noise()]);

    public static IReadOnlyList<CalibrationTarget> TargetsOne(double truth) => [new("f", 10 * truth, 0.3 * 0.3)];

    public static IReadOnlyList<CalibrationTarget> TargetsTwo(double x, double y) =>
        [new("f1", 4 * x + 2 * y, 0.1 * 0.1), new("f2", 3 * x - 5 * y, 0.1 * 0.1)];

    private static BatchSimulator Batch(int replications, Func<double[], Func<double>, double[]> model) => (points, _, _) =>
    {
        IReadOnlyList<PointRuns> runs = points.Select(x =>
        {
            var byReplication = Enumerable.Range(0, replications).Select(r =>
            {
                var stream = new Random(1000 + r);
                return model(x, () => MathNet.Numerics.Distributions.Normal.Sample(stream, 0, 1));
            }).ToList();
            return new PointRuns(Enumerable.Range(0, byReplication[0].Length).Select(k => byReplication.Select(v => v[k]).ToArray()).ToList());
        }).ToList();
        return Task.FromResult(runs);
    };
}
