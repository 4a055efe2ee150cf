using EconomySim.Designs;

namespace EconomySim.Designs.Tests.Sensitivity;

public class StandardisedRegressionTests
{
    [Fact]
    public void Standardised_coefficients_of_a_linear_function_recover_its_slopes_with_R_squared_one()
    {
        var design = DesignSampler.Sample(new DesignRequest(DesignMethod.LatinHypercube, 3, 200, Seed: 8));
        // Parameters on different scales, as a real design's values are.
        var values = design.Rows.Select(u => new[] { 10 + 90 * u[0], 0.1 + 0.4 * u[1], -5 + 10 * u[2] }).ToList();
        double[] slopes = [2, -30, 0.5];
        var outputs = values.Select(x => 7 + slopes[0] * x[0] + slopes[1] * x[1] + slopes[2] * x[2]).ToList();
        var result = StandardisedRegression.Analyse(values, outputs, new BootstrapOptions(200));
        Assert.Equal(1, result.RSquared, 9);
        var sdY = Sd(outputs);
        for (var i = 0; i < 3; i++)
        {
            var recovered = result.Coefficients[i].Value * sdY / Sd(values.Select(v => v[i]).ToList());
            Assert.Equal(slopes[i], recovered, 6);
        }
    }

    [Fact]
    public void Standardised_coefficients_of_independent_parameters_square_to_R_squared()
    {
        var design = DesignSampler.Sample(new DesignRequest(DesignMethod.LatinHypercube, 2, 500, Seed: 9));
        var outputs = design.Rows.Select(x => x[0] + Math.Sin(6 * x[1])).ToList();
        var result = StandardisedRegression.Analyse(design.Rows, outputs, new BootstrapOptions(100));
        Assert.InRange(result.RSquared, 0, 0.99);
        Assert.Equal(result.RSquared, result.Coefficients.Sum(c => c.Value * c.Value), 1);
    }

    private static double Sd(IReadOnlyList<double> v)
    {
        var mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / v.Count);
    }
}
