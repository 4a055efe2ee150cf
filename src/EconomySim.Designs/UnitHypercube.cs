namespace EconomySim.Designs;

/// <summary>
/// Points of a design in the unit hypercube [0,1)^D, one row per model evaluation. Parameter spaces map each coordinate
/// to a value through their distribution's quantile function, so every sampler works on one scale.
/// </summary>
public sealed record UnitHypercube(int Dimension, IReadOnlyList<double[]> Rows)
{
    public int Count => Rows.Count;
}
