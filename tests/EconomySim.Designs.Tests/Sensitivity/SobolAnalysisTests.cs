using EconomySim.Designs;

namespace EconomySim.Designs.Tests.Sensitivity;

public class SobolAnalysisTests
{
    private static readonly double[] IshigamiFirst = [0.3139, 0.4424, 0.0];
    private static readonly double[] IshigamiTotal = [0.5576, 0.4424, 0.2437];

    [Fact]
    public void Sobol_indices_of_the_Ishigami_function_hold_the_known_values_within_their_intervals()
    {
        var request = new DesignRequest(DesignMethod.Sobol, 3, 1024, Seed: 42);
        var design = DesignSampler.Sample(request);
        var outputs = design.Rows.Select(TestFunctions.Ishigami).ToList();
        var report = SensitivityAnalysis.Analyse(request, design.Rows, design.Rows, TestFunctions.OneReplication(outputs), new BootstrapOptions(Seed: 7));
        for (var i = 0; i < 3; i++)
        {
            var p = report.Parameters[i];
            Assert.InRange(IshigamiFirst[i], p.FirstOrder!.Lower, p.FirstOrder.Upper);
            Assert.InRange(IshigamiTotal[i], p.Total!.Lower, p.Total.Upper);
            Assert.InRange(p.FirstOrder.Value, IshigamiFirst[i] - 0.05, IshigamiFirst[i] + 0.05);
            Assert.InRange(p.Total.Value, IshigamiTotal[i] - 0.05, IshigamiTotal[i] + 0.05);
        }
        Assert.Equal([0, 1, 2], report.Ranked.Select(p => p.Parameter));
        Assert.True(double.IsNaN(report.Noise.Share));
    }

    [Fact]
    public void Sobol_indices_of_the_Ishigami_function_are_as_precise_when_the_output_has_a_large_mean()
    {
        // An outcome such as a year's admissions is large with a small spread; a constant must change no index.
        var request = new DesignRequest(DesignMethod.Sobol, 3, 1024, Seed: 42);
        var design = DesignSampler.Sample(request);
        var outputs = design.Rows.Select(x => 1e6 + TestFunctions.Ishigami(x)).ToList();
        var report = SensitivityAnalysis.Analyse(request, design.Rows, design.Rows, TestFunctions.OneReplication(outputs), new BootstrapOptions(Seed: 7));
        for (var i = 0; i < 3; i++)
        {
            var p = report.Parameters[i];
            Assert.InRange(p.FirstOrder!.Value, IshigamiFirst[i] - 0.05, IshigamiFirst[i] + 0.05);
            Assert.InRange(p.FirstOrder.Upper - p.FirstOrder.Lower, 0, 0.5);
        }
    }

    [Fact]
    public void Second_order_indices_of_the_Ishigami_function_find_only_the_interaction_of_x1_and_x3()
    {
        var request = new DesignRequest(DesignMethod.Sobol, 3, 1024, Seed: 3, SecondOrder: true);
        var design = DesignSampler.Sample(request);
        var outputs = design.Rows.Select(TestFunctions.Ishigami).ToList();
        var indices = SobolAnalysis.Analyse(outputs, 3, secondOrder: true, new BootstrapOptions(Seed: 1));
        Assert.Equal([(0, 1), (0, 2), (1, 2)], indices.SecondOrder.Select(s => (s.First, s.Second)));
        double[] known = [0.0, 0.2437, 0.0];
        for (var k = 0; k < 3; k++)
            Assert.InRange(known[k], indices.SecondOrder[k].Index.Lower, indices.SecondOrder[k].Index.Upper);
        Assert.True(indices.SecondOrder[1].Index.Lower > 0.1, "the x1-x3 interaction is clearly non-zero");
    }

    [Fact]
    public void Sobol_intervals_are_the_same_for_the_same_bootstrap_seed()
    {
        var request = new DesignRequest(DesignMethod.Sobol, 3, 64, Seed: 1);
        var outputs = DesignSampler.Sample(request).Rows.Select(TestFunctions.Ishigami).ToList();
        var first = SobolAnalysis.Analyse(outputs, 3, false, new BootstrapOptions(200, Seed: 5));
        var again = SobolAnalysis.Analyse(outputs, 3, false, new BootstrapOptions(200, Seed: 5));
        Assert.Equal(first.FirstOrder, again.FirstOrder);
        Assert.Equal(first.Total, again.Total);
    }

    [Fact]
    public void Sobol_indices_of_an_output_that_never_varies_are_undefined()
    {
        var indices = SobolAnalysis.Analyse(Enumerable.Repeat(5.0, 4 * 8).ToList(), 2, false, new BootstrapOptions(50));
        Assert.All(indices.FirstOrder.Concat(indices.Total), e => Assert.True(double.IsNaN(e.Value) && double.IsNaN(e.Lower) && double.IsNaN(e.Upper)));
    }

    [Fact]
    public void Sobol_analysis_rejects_outputs_that_do_not_fill_whole_base_samples()
    {
        var thrown = Assert.Throws<ArgumentException>(() => SobolAnalysis.Analyse(new double[11], 3, false, new BootstrapOptions()));
        Assert.Contains("multiple of 5", thrown.Message);
    }
}
