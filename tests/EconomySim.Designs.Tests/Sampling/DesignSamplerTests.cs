using EconomySim.Designs;

namespace EconomySim.Designs.Tests.Sampling;

public class DesignSamplerTests
{
    [Theory]
    [InlineData(DesignMethod.Grid, 3, 4, false, 64)]
    [InlineData(DesignMethod.LatinHypercube, 5, 37, false, 37)]
    [InlineData(DesignMethod.Sobol, 4, 16, false, 96)]
    [InlineData(DesignMethod.Sobol, 4, 16, true, 160)]
    [InlineData(DesignMethod.Morris, 6, 10, false, 70)]
    public void Sample_has_the_documented_row_count_for_each_method(DesignMethod method, int dimension, int samples, bool secondOrder, int rows)
    {
        var request = new DesignRequest(method, dimension, samples, Seed: 7, SecondOrder: secondOrder);
        Assert.Null(DesignSampler.Problem(request));
        Assert.Equal(rows, DesignSampler.RowCount(request));
        var design = DesignSampler.Sample(request);
        Assert.Equal(rows, design.Count);
        Assert.All(design.Rows, row => Assert.Equal(dimension, row.Length));
        Assert.All(design.Rows, row => Assert.All(row, x => Assert.InRange(x, 0.0, 1.0)));
    }

    [Theory]
    [InlineData(DesignMethod.LatinHypercube)]
    [InlineData(DesignMethod.Sobol)]
    [InlineData(DesignMethod.Morris)]
    public void Sample_gives_the_same_rows_for_the_same_seed_and_other_rows_for_another(DesignMethod method)
    {
        var request = new DesignRequest(method, 3, 8, Seed: 20260101);
        var first = DesignSampler.Sample(request).Rows;
        var again = DesignSampler.Sample(request).Rows;
        var other = DesignSampler.Sample(request with { Seed = 20260102 }).Rows;
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Grid_takes_levels_evenly_from_zero_to_one_with_the_last_dimension_fastest()
    {
        var rows = DesignSampler.Sample(new DesignRequest(DesignMethod.Grid, 2, 3, Seed: 1)).Rows;
        double[][] expected =
        [
            [0, 0], [0, 0.5], [0, 1],
            [0.5, 0], [0.5, 0.5], [0.5, 1],
            [1, 0], [1, 0.5], [1, 1],
        ];
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void LatinHypercube_hits_each_of_N_strata_once_in_every_dimension()
    {
        const int n = 50;
        var rows = DesignSampler.Sample(new DesignRequest(DesignMethod.LatinHypercube, 4, n, Seed: 3)).Rows;
        for (var d = 0; d < 4; d++)
        {
            var strata = rows.Select(r => (int)Math.Floor(r[d] * n)).OrderBy(s => s).ToArray();
            Assert.Equal(Enumerable.Range(0, n), strata);
        }
        Assert.All(rows, r => Assert.All(r, x => Assert.True(x > 0 && x < 1)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Saltelli_cross_rows_equal_A_except_one_column_taken_from_B(bool secondOrder)
    {
        const int d = 3, n = 8;
        var rows = DesignSampler.Sample(new DesignRequest(DesignMethod.Sobol, d, n, Seed: 11, SecondOrder: secondOrder)).Rows;
        var block = secondOrder ? 2 * d + 2 : d + 2;
        for (var j = 0; j < n; j++)
        {
            var a = rows[j * block];
            var b = rows[j * block + block - 1];
            Assert.All(Enumerable.Range(0, d), c => Assert.NotEqual(a[c], b[c]));
            for (var i = 0; i < d; i++)
            {
                var ab = rows[j * block + 1 + i];
                for (var c = 0; c < d; c++) Assert.Equal(c == i ? b[c] : a[c], ab[c]);
                if (!secondOrder) continue;
                var ba = rows[j * block + 1 + d + i];
                for (var c = 0; c < d; c++) Assert.Equal(c == i ? a[c] : b[c], ba[c]);
            }
        }
    }

    // The randomising shift keeps the Sobol net: the N base rows of A still put one point in each 1/N of every column.
    [Fact]
    public void Saltelli_base_rows_keep_the_Sobol_stratification_and_stay_off_the_faces()
    {
        const int d = 5, n = 64;
        var rows = DesignSampler.Sample(new DesignRequest(DesignMethod.Sobol, d, n, Seed: 5)).Rows;
        var aRows = Enumerable.Range(0, n).Select(j => rows[j * (d + 2)]).ToArray();
        var bRows = Enumerable.Range(0, n).Select(j => rows[j * (d + 2) + d + 1]).ToArray();
        foreach (var matrix in new[] { aRows, bRows })
            for (var c = 0; c < d; c++)
                Assert.Equal(Enumerable.Range(0, n), matrix.Select(r => (int)(r[c] * n)).OrderBy(s => s));
        Assert.All(rows, r => Assert.All(r, x => Assert.True(x > 0 && x < 1)));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(2)]
    public void Morris_each_step_changes_one_coordinate_by_delta_and_every_factor_once(int levels)
    {
        const int d = 5, r = 12;
        var delta = levels / (2.0 * (levels - 1));
        var rows = DesignSampler.Sample(new DesignRequest(DesignMethod.Morris, d, r, Seed: 9, Levels: levels)).Rows;
        for (var t = 0; t < r; t++)
        {
            var moved = new List<int>();
            for (var s = 1; s <= d; s++)
            {
                var before = rows[t * (d + 1) + s - 1];
                var after = rows[t * (d + 1) + s];
                var changed = Enumerable.Range(0, d).Where(c => before[c] != after[c]).ToArray();
                Assert.Single(changed);
                Assert.Equal(delta, Math.Abs(after[changed[0]] - before[changed[0]]), 12);
                moved.Add(changed[0]);
            }
            Assert.Equal(Enumerable.Range(0, d), moved.OrderBy(c => c));
        }
        Assert.All(rows, row => Assert.All(row, x =>
            Assert.Equal(Math.Round(x * (levels - 1)), x * (levels - 1), 12)));
    }

    [Theory]
    [InlineData(DesignMethod.Sobol, 2, 3, 4, false, "power of two")]
    [InlineData(DesignMethod.Sobol, 2, 0, 4, false, "power of two")]
    [InlineData(DesignMethod.Sobol, 2, 1, 4, false, "power of two")]
    [InlineData(DesignMethod.Sobol, 51, 2, 4, false, "at most 50 parameters")]
    [InlineData(DesignMethod.Morris, 2, 10, 5, false, "even")]
    [InlineData(DesignMethod.Morris, 2, 10, 0, false, "even and at least 2")]
    [InlineData(DesignMethod.Morris, 2, 1, 4, false, "at least 2 trajectories")]
    [InlineData(DesignMethod.Grid, 2, 0, 4, false, "at least 2 levels")]
    [InlineData(DesignMethod.LatinHypercube, 0, 10, 4, false, "at least 1 parameter")]
    [InlineData(DesignMethod.Grid, 7, 10, 4, false, "at most 1,000,000")]
    [InlineData(DesignMethod.Grid, 40, 1000, 4, false, "more than 1,000,000")]
    [InlineData(DesignMethod.LatinHypercube, 3, 1_000_001, 4, false, "1,000,001 rows")]
    [InlineData(DesignMethod.Sobol, 20, 1 << 20, 4, false, "at most 1,000,000")]
    [InlineData(DesignMethod.Morris, 3, 10, 4, true, "second-order indices need a sobol design")]
    public void Problem_names_what_the_method_cannot_take(DesignMethod method, int dimension, int samples, int levels, bool secondOrder, string says)
    {
        var request = new DesignRequest(method, dimension, samples, Seed: 1, Levels: levels, SecondOrder: secondOrder);
        var problem = DesignSampler.Problem(request);
        Assert.NotNull(problem);
        Assert.Contains(says, problem);
        var thrown = Assert.Throws<ArgumentException>(() => DesignSampler.Sample(request));
        Assert.Contains(says, thrown.Message);
    }

    [Fact]
    public void Problem_accepts_a_Sobol_design_at_its_largest_sizes()
    {
        Assert.Null(DesignSampler.Problem(new DesignRequest(DesignMethod.Sobol, 50, 1024, Seed: 1)));
        Assert.Null(DesignSampler.Problem(new DesignRequest(DesignMethod.Morris, 20, 100, Seed: 1, Levels: 8)));
        Assert.Null(DesignSampler.Problem(new DesignRequest(DesignMethod.Grid, 6, 10, Seed: 1)));
    }
}
