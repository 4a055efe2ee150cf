namespace EconomySim.Designs;

/// <summary>The full factorial grid: every combination of levels i/(L-1), the last dimension varying fastest.</summary>
internal static class FullFactorialGrid
{
    public static IReadOnlyList<double[]> Rows(int dimension, int levels)
    {
        var count = 1;
        for (var i = 0; i < dimension; i++) count *= levels;
        var rows = new double[count][];
        for (var r = 0; r < count; r++)
        {
            var row = new double[dimension];
            var rest = r;
            for (var d = dimension - 1; d >= 0; d--)
            {
                row[d] = (double)(rest % levels) / (levels - 1);
                rest /= levels;
            }
            rows[r] = row;
        }
        return rows;
    }
}
