using EconomySim.Designs;

namespace EconomySim.Designs.Tests.Sensitivity;

public class MorrisAnalysisTests
{
    [Fact]
    public void Morris_ranks_the_factors_of_Sobols_G_function_by_their_known_importance()
    {
        double[] a = [0, 1, 4.5, 9, 99, 99, 99, 99];
        var request = new DesignRequest(DesignMethod.Morris, a.Length, 50, Seed: 2026, Levels: 4);
        var design = DesignSampler.Sample(request);
        var outputs = design.Rows.Select(x => TestFunctions.SobolG(x, a)).ToList();
        var report = SensitivityAnalysis.Analyse(request, design.Rows, design.Rows, TestFunctions.OneReplication(outputs), new BootstrapOptions(Seed: 3));
        Assert.Equal([0, 1, 2, 3], report.Ranked.Take(4).Select(p => p.Parameter));
        var fourth = report.Parameters[3].Morris!.MuStar;
        Assert.All(report.Parameters.Skip(4), p => Assert.True(p.Morris!.MuStar.Upper < fourth.Lower,
            $"x{p.Parameter + 1} (a = 99) has mu* {p.Morris.MuStar} below x4's {fourth}"));
    }

    [Fact]
    public void Morris_elementary_effects_of_a_linear_function_are_its_slopes_per_range_with_their_sign()
    {
        var request = new DesignRequest(DesignMethod.Morris, 3, 10, Seed: 4, Levels: 6);
        var design = DesignSampler.Sample(request);
        var outputs = design.Rows.Select(x => 3 * x[0] - 2 * x[1] + 1).ToList();
        var indices = MorrisAnalysis.Analyse(design.Rows, outputs, 3, new BootstrapOptions(100));
        double[] slopes = [3, -2, 0];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(slopes[i], indices[i].Mu, 9);
            Assert.Equal(Math.Abs(slopes[i]), indices[i].MuStar.Value, 9);
            Assert.Equal(0, indices[i].Sigma, 9);
        }
    }

    [Fact]
    public void Morris_analysis_rejects_rows_that_are_not_one_at_a_time_steps()
    {
        var rows = new[] { new[] { 0.0, 0.0 }, [1.0, 1.0], [1.0, 1.0] };
        var thrown = Assert.Throws<ArgumentException>(() => MorrisAnalysis.Analyse(rows, [0, 1, 2], 2, new BootstrapOptions(10)));
        Assert.Contains("exactly one factor", thrown.Message);
    }
}
