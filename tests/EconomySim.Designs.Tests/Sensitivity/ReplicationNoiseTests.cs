using EconomySim.Designs;

namespace EconomySim.Designs.Tests.Sensitivity;

public class ReplicationNoiseTests
{
    [Fact]
    public void Noise_share_is_the_mean_within_point_variance_over_the_variance_of_point_means()
    {
        IReadOnlyList<IReadOnlyList<double>> byPoint = [[1, 3], [5, 7], [9, 11]];
        var (means, noise) = ReplicationNoise.Summarise(byPoint);
        Assert.Equal([2, 6, 10], means);
        Assert.Equal(2, noise.Replications);
        Assert.Equal(2, noise.WithinPointVariance, 12);
        Assert.Equal(16, noise.BetweenPointVariance, 12);
        Assert.Equal(0.125, noise.Share, 12);
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
