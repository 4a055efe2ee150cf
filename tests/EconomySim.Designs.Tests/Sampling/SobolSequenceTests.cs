using EconomySim.Designs;

namespace EconomySim.Designs.Tests.Sampling;

public class SobolSequenceTests
{
    // The unscrambled Sobol points with Joe and Kuo's direction numbers as SciPy's test suite publishes them
    // (scipy/stats/tests/test_qmc.py, TestSobol.unscramble_nd and test_Unscrambled3DSobol).
    [Fact]
    public void SobolSequence_first_eight_points_match_the_published_two_dimensional_sequence()
    {
        double[][] published =
        [
            [0.0, 0.0], [0.5, 0.5], [0.75, 0.25], [0.25, 0.75],
            [0.375, 0.375], [0.875, 0.875], [0.625, 0.125], [0.125, 0.625],
        ];
        for (var i = 0; i < published.Length; i++)
            Assert.Equal(published[i], SobolSequence.Point(i, 2));
    }

    [Fact]
    public void SobolSequence_third_dimension_matches_the_published_first_ten_points()
    {
        double[] published = [0, 0.5, 0.25, 0.75, 0.625, 0.125, 0.875, 0.375, 0.9375, 0.4375];
        double[] first = [0, 0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125, 0.1875, 0.6875];
        for (var i = 0; i < published.Length; i++)
        {
            var point = SobolSequence.Point(i, 3);
            Assert.Equal(published[i], point[2]);
            Assert.Equal(first[i], point[0]);
        }
    }

    // Every one-dimensional projection of the first 2^m points of a Sobol sequence puts exactly one point in each
    // interval [k/2^m, (k+1)/2^m): a wrong degree or recurrence in any dimension's direction numbers breaks it.
    [Fact]
    public void SobolSequence_first_1024_points_stratify_every_dimension_into_1024_cells()
    {
        const int m = 10;
        var hits = new int[SobolSequence.MaxDimension, 1 << m];
        for (var i = 0; i < 1 << m; i++)
        {
            var bits = SobolSequence.PointBits(i, SobolSequence.MaxDimension);
            for (var d = 0; d < bits.Length; d++) hits[d, bits[d] >> (32 - m)]++;
        }
        foreach (var count in hits) Assert.Equal(1, count);
    }

    // Pairs of dimensions form a (t,m,2)-net; for Joe and Kuo's numbers t stays small in the first dimensions. A
    // pair with t = 0 puts one point in every 2^-k by 2^-(m-k) box; dimensions 1 and 2 are such a pair.
    [Fact]
    public void SobolSequence_first_two_dimensions_form_a_zero_net_of_256_points()
    {
        const int m = 8;
        for (var k = 0; k <= m; k++)
        {
            var seen = new HashSet<(uint, uint)>();
            for (var i = 0; i < 1 << m; i++)
            {
                var bits = SobolSequence.PointBits(i, 2);
                Assert.True(seen.Add((k == 0 ? 0 : bits[0] >> (32 - k), k == m ? 0 : bits[1] >> (32 - (m - k)))));
            }
        }
    }

    [Fact]
    public void SobolSequence_supports_the_two_columns_per_parameter_Saltelli_needs_for_twenty_parameters()
    {
        Assert.True(SobolSequence.MaxDimension >= 40);
        Assert.Throws<ArgumentOutOfRangeException>(() => SobolSequence.Point(0, SobolSequence.MaxDimension + 1));
    }
}
