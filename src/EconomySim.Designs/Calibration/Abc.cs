namespace EconomySim.Designs.Calibration;

/// <param name="Generations">1: rejection ABC alone; more: sequential Monte Carlo generations after it.</param>
/// <param name="Particles">The population kept in every generation.</param>
/// <param name="Quantile">Each generation's tolerance is this quantile of the previous population's distances.</param>
/// <param name="PriorDraws">Draws from the prior in the rejection step; the closest <see cref="Particles"/> are kept.</param>
/// <param name="MaxBatchesPerGeneration">A generation proposes batches of <see cref="Particles"/> points until enough are
/// accepted or this many batches are spent; it then keeps what it accepted, and the search stops there.</param>
public sealed record AbcSettings(int Generations, int Particles, long Seed, double Quantile = 0.5, int? PriorDraws = null, int MaxBatchesPerGeneration = 10)
{
    public int Draws => PriorDraws ?? 2 * Particles;

    public string? Problem() =>
        Generations < 1 ? "generations must be at least 1"
        : Particles < 2 ? "particles must be at least 2"
        : Draws < Particles ? "draws from the prior must be at least the particles kept"
        : !(Quantile > 0 && Quantile < 1) ? "the tolerance quantile must be between 0 and 1 (exclusive)"
        : MaxBatchesPerGeneration < 1 ? "batches per generation must be at least 1"
        : null;
}

/// <summary>A particle of an ABC population: a point in [0,1]^D, its importance weight (the population's weights sum to 1) and its distance.</summary>
public sealed record Particle(double[] Unit, double Weight, double Distance, double[] Means);

/// <param name="Tolerance">The largest distance accepted.</param>
/// <param name="Proposed">Points evaluated in this generation.</param>
public sealed record AbcGeneration(int Number, double Tolerance, IReadOnlyList<Particle> Particles, int Proposed)
{
    public double AcceptanceRate => Proposed == 0 ? 0 : (double)Particles.Count / Proposed;
}

/// <param name="Stopped">Null when every generation ran, else why the search stopped early.</param>
public sealed record AbcResult(IReadOnlyList<AbcGeneration> Generations, string? Stopped)
{
    public IReadOnlyList<Particle> Posterior => Generations[^1].Particles;

    /// <summary>Weighted mean of each coordinate over the final population.</summary>
    public double[] Mean() => Enumerable.Range(0, Posterior[0].Unit.Length).Select(d => Posterior.Sum(p => p.Weight * p.Unit[d])).ToArray();

    /// <summary>Weighted median of each coordinate: the smallest value whose cumulative weight reaches one half.</summary>
    public double[] Median() => Enumerable.Range(0, Posterior[0].Unit.Length).Select(d => Abc.WeightedQuantile(Posterior.Select(p => (p.Unit[d], p.Weight)).ToList(), 0.5)).ToArray();
}

/// <summary>
/// Approximate Bayesian computation on [0,1]^D, where the prior is uniform because each coordinate is mapped to its
/// parameter through the prior's quantile function. First rejection (Pritchard et al. 1999): draw from the prior and
/// keep the particles closest to the targets. Then sequential Monte Carlo (Toni et al. 2009) with population Monte Carlo
/// weights (Beaumont, Cornuet, Marin and Robert 2009): draw a particle by weight, perturb it with a Gaussian kernel of
/// twice the population's weighted variance per coordinate, accept it when its distance is within the tolerance, and
/// weight it by prior / sum_j w_j K(x | x_j). The tolerance falls each generation to a quantile of the last population's
/// distances. The distance is Euclidean over targets, each miss divided by the target's scale (observation and model
/// discrepancy standard deviation), using the mean over replications.
/// </summary>
public static class Abc
{
    public static async Task<AbcResult> RunAsync(IReadOnlyList<CalibrationTarget> targets, int dimension, AbcSettings settings, BatchSimulator simulator,
        Action<AbcGeneration>? generationDone = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(simulator);
        if (targets.Count == 0) throw new ArgumentException("ABC needs at least one target", nameof(targets));
        if (targets.Select(t => t.Problem()).FirstOrDefault(p => p is not null) is { } problem) throw new ArgumentException(problem, nameof(targets));
        if (settings.Problem() is { } bad) throw new ArgumentException(bad, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);

        var random = UnitSampler.Random(settings.Seed);
        var draws = UnitSampler.LatinHypercube(settings.Draws, Enumerable.Repeat(0.0, dimension).ToArray(), Enumerable.Repeat(1.0, dimension).ToArray(), settings.Seed);
        var scored = await EvaluateAsync(draws, targets, simulator, new CalibrationRound(1, 1), cancellationToken);
        var kept = scored.OrderBy(p => p.Distance).Take(settings.Particles).Select(p => p with { Weight = 1.0 / settings.Particles }).ToList();
        var generations = new List<AbcGeneration> { new(1, kept[^1].Distance, kept, draws.Length) };
        generationDone?.Invoke(generations[^1]);

        for (var number = 2; number <= settings.Generations; number++)
        {
            var previous = generations[^1].Particles;
            var tolerance = WeightedQuantile(previous.Select(p => (p.Distance, p.Weight)).ToList(), settings.Quantile);
            var sd = KernelSd(previous, dimension);
            var accepted = new List<Particle>();
            var proposed = 0;
            for (var batch = 1; batch <= settings.MaxBatchesPerGeneration && accepted.Count < settings.Particles; batch++)
            {
                var proposals = Enumerable.Range(0, settings.Particles).Select(_ => Propose(previous, sd, random)).ToList();
                proposed += proposals.Count;
                var evaluated = await EvaluateAsync(proposals, targets, simulator, new CalibrationRound(number, batch), cancellationToken);
                accepted.AddRange(evaluated.Where(p => p.Distance <= tolerance).Take(settings.Particles - accepted.Count));
            }
            if (accepted.Count < 2)
                return new AbcResult(generations, $"generation {number} accepted {accepted.Count} of {proposed} proposals within tolerance {tolerance:G4}; the last full population is the posterior");
            var weights = accepted.Select(p => 1.0 / previous.Sum(q => q.Weight * Kernel(p.Unit, q.Unit, sd))).ToArray();
            var total = weights.Sum();
            var population = accepted.Select((p, i) => p with { Weight = weights[i] / total }).ToList();
            generations.Add(new AbcGeneration(number, tolerance, population, proposed));
            generationDone?.Invoke(generations[^1]);
            if (population.Count < settings.Particles)
                return new AbcResult(generations, $"generation {number} accepted only {population.Count} of {settings.Particles} particles in {proposed} proposals");
        }
        return new AbcResult(generations, null);
    }

    /// <summary>sqrt(sum over targets of ((mean - observed) / scale)^2); infinite when the model gave no value.</summary>
    public static double Distance(IReadOnlyList<CalibrationTarget> targets, IReadOnlyList<double> means)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(means);
        var sum = 0.0;
        for (var k = 0; k < targets.Count; k++)
        {
            if (!double.IsFinite(means[k])) return double.PositiveInfinity;
            var z = (means[k] - targets[k].Observed) / targets[k].Scale;
            sum += z * z;
        }
        return Math.Sqrt(sum);
    }

    /// <summary>The smallest value whose cumulative weight reaches <paramref name="q"/> of the total.</summary>
    public static double WeightedQuantile(IReadOnlyList<(double Value, double Weight)> values, double q)
    {
        ArgumentNullException.ThrowIfNull(values);
        var ordered = values.OrderBy(v => v.Value).ToList();
        var total = ordered.Sum(v => v.Weight);
        var cumulative = 0.0;
        foreach (var (value, weight) in ordered)
        {
            cumulative += weight;
            if (cumulative >= q * total) return value;
        }
        return ordered[^1].Value;
    }

    private static async Task<List<Particle>> EvaluateAsync(IReadOnlyList<double[]> points, IReadOnlyList<CalibrationTarget> targets, BatchSimulator simulator,
        CalibrationRound round, CancellationToken cancellationToken)
    {
        var runs = await simulator(points, round, cancellationToken);
        if (runs.Count != points.Count) throw new InvalidOperationException($"the simulator returned {runs.Count} results for {points.Count} points");
        return points.Select((unit, i) =>
        {
            if (runs[i].ByTarget.Count != targets.Count) throw new InvalidOperationException($"a point has {runs[i].ByTarget.Count} outputs for {targets.Count} targets");
            var means = runs[i].ByTarget.Select(Replications.Mean).ToArray();
            return new Particle(unit, 0, Distance(targets, means), means);
        }).ToList();
    }

    /// <summary>Beaumont et al. (2009): twice the weighted variance, per coordinate; floored so a collapsed population can still move.</summary>
    private static double[] KernelSd(IReadOnlyList<Particle> population, int dimension) => Enumerable.Range(0, dimension).Select(d =>
    {
        var mean = population.Sum(p => p.Weight * p.Unit[d]);
        var variance = population.Sum(p => p.Weight * (p.Unit[d] - mean) * (p.Unit[d] - mean));
        return Math.Sqrt(Math.Max(2 * variance, 1e-12));
    }).ToArray();

    /// <summary>A particle drawn by weight and perturbed until it lands where the prior has mass ([0,1]^D).</summary>
    private static double[] Propose(IReadOnlyList<Particle> population, double[] sd, Random random)
    {
        while (true)
        {
            var u = random.NextDouble();
            var cumulative = 0.0;
            var chosen = population[^1];
            foreach (var p in population)
            {
                cumulative += p.Weight;
                if (u < cumulative)
                {
                    chosen = p;
                    break;
                }
            }
            var moved = chosen.Unit.Select((x, d) => x + sd[d] * MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1)).ToArray();
            if (moved.All(x => x is >= 0 and <= 1)) return moved;
        }
    }

    /// <summary>The Gaussian kernel's density at x from a particle (normalising constants cancel in the weights).</summary>
    private static double Kernel(double[] x, double[] from, double[] sd)
    {
        var exponent = 0.0;
        for (var d = 0; d < x.Length; d++)
        {
            var z = (x[d] - from[d]) / sd[d];
            exponent += z * z;
        }
        return Math.Exp(-exponent / 2);
    }
}
