namespace EconomySim.Designs;

public enum DesignMethod { Grid, LatinHypercube, Sobol, Morris }

/// <summary>
/// What to sample. Samples = levels per parameter for Grid (Samples^D rows); rows for LatinHypercube; base samples N
/// for Sobol (N*(D+2) rows, or N*(2D+2) with SecondOrder); trajectories r for Morris (r*(D+1) rows). Levels: Morris
/// grid levels p.
/// </summary>
public sealed record DesignRequest(DesignMethod Method, int Dimension, int Samples, long Seed, int Levels = 4, bool SecondOrder = false);
