using EconomySim.Designs;

namespace EconomySim.Designs.Tests.Sensitivity;

public class ReplicationNoiseTests
{
    [Fact]
    public void Noise_share_leaves_out_a_shock_common_random_numbers_give_every_point_alike()
    {
        // The second replication is 2 higher at every point: one seed's shock, shared by all points, moves none against another.
        IReadOnlyList<IReadOnlyList<double>> byPoint = [[1, 3], [5, 7], [9, 11]];
        var (means, noise) = ReplicationNoise.Summarise(byPoint);
        Assert.Equal([2, 6, 10], means);
        Assert.Equal(2, noise.Replications);
        Assert.Equal(0, noise.NoiseVariance, 12);
        Assert.Equal(16, noise.BetweenPointVariance, 12);
        Assert.Equal(0, noise.Share, 12);
    }

    [Fact]
    public void Noise_share_is_the_point_by_replication_residual_mean_square_over_the_variance_of_point_means()
    {
        // Residuals y - point mean - replication mean + grand mean: -1/3, 1/3, 2/3, -2/3, -1/3, 1/3; 4/3 over (3-1)(2-1).
        IReadOnlyList<IReadOnlyList<double>> byPoint = [[1, 3], [5, 5], [9, 11]];
        var (_, noise) = ReplicationNoise.Summarise(byPoint);
        Assert.Equal(2.0 / 3, noise.NoiseVariance, 12);
        Assert.Equal(49.0 / 3, noise.BetweenPointVariance, 12);
        Assert.Equal(2.0 / 49, noise.Share, 12);
    }

    [Fact]
    public void Noise_share_is_unknown_with_one_replication_per_point()
    {
        var (_, noise) = ReplicationNoise.Summarise([[1.0], [2.0]]);
        Assert.True(double.IsNaN(noise.Share));
    }

    [Fact]
    public void Noise_that_swamps_the_parameters_shows_a_share_above_one()
    {
        var random = new Random(1);
        var request = new DesignRequest(DesignMethod.LatinHypercube, 2, 40, Seed: 2);
        var design = DesignSampler.Sample(request);
        var byPoint = design.Rows.Select(x => (IReadOnlyList<double>)Enumerable.Range(0, 4)
            .Select(_ => 0.01 * x[0] + random.NextDouble()).ToList()).ToList();
        var report = SensitivityAnalysis.Analyse(request, design.Rows, design.Rows, byPoint, new BootstrapOptions(50));
        Assert.True(report.Noise.Share > 1, $"share {report.Noise.Share}");
    }
}
