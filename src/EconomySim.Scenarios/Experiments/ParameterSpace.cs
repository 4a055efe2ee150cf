using EconomySim.Scenarios.Yaml;
using MathNet.Numerics.Distributions;

namespace EconomySim.Scenarios.Experiments;

/// <summary>How a parameter's values are spread over its range (SALib's <c>dists</c>: unif, logunif, norm, truncnorm).</summary>
public enum ParameterDistribution
{
    Uniform = 0,
    LogUniform = 1,
    Normal = 2,
    TruncatedNormal = 3,
    Values = 4,
}

/// <summary>What a scenario key holds, which decides how a sampled value is rounded before it is written as an override.</summary>
public enum ParameterKind
{
    Number = 0,
    Integer = 1,
    Money = 2,
}

/// <summary>
/// One varied scenario key and its distribution. <see cref="Low"/> and <see cref="High"/> are the range (uniform,
/// log-uniform, the truncation of a truncated normal, the smallest and largest of <see cref="Values"/>);
/// <see cref="Mean"/> and <see cref="Sd"/> are the normal's.
/// </summary>
/// <param name="Source">Where the range comes from, as the file says (a publication, a calibration), for the reader of results.</param>
/// <param name="Line">Where the parameter was written in the experiment file.</param>
public sealed record DesignParameter(
    string Key,
    ParameterDistribution Distribution,
    ParameterKind Kind,
    double Low,
    double High,
    double Mean,
    double Sd,
    IReadOnlyList<double> Values,
    string Source,
    int Line)
{
    /// <summary>
    /// Unit coordinates are kept this far from 0 and 1 before a normal's quantile, which is infinite at both: a normal
    /// parameter then spans its mean ± 4.75 sd.
    /// </summary>
    public const double NormalTail = 1e-6;

    /// <summary>Where the distribution was written, so a value the binder refuses is reported there.</summary>
    internal SourceLocation At { get; init; }

    /// <summary>Whether every value lies between two finite ends, as a grid needs.</summary>
    public bool IsBounded => Distribution != ParameterDistribution.Normal;

    /// <summary>The value at a unit coordinate, through the distribution's quantile (inverse CDF), rounded as the key is written.</summary>
    public double ValueAt(double unit)
    {
        var u = Math.Clamp(unit, 0, 1);
        var value = Distribution switch
        {
            ParameterDistribution.Uniform => Low + u * (High - Low),
            ParameterDistribution.LogUniform => Math.Exp(Math.Log(Low) + u * (Math.Log(High) - Math.Log(Low))),
            ParameterDistribution.Normal => Normal.InvCDF(Mean, Sd, Math.Clamp(u, NormalTail, 1 - NormalTail)),
            ParameterDistribution.TruncatedNormal => TruncatedNormalQuantile(u),
            _ => Values[Math.Min((int)Math.Floor(u * Values.Count), Values.Count - 1)],
        };
        return Rounded(value);
    }

    /// <summary>The smallest and largest value the parameter can take, as the loader checks them against the key's range.</summary>
    public (double Smallest, double Largest) Ends => Distribution switch
    {
        ParameterDistribution.Values => (Rounded(Values.Min()), Rounded(Values.Max())),
        _ => (ValueAt(0), ValueAt(1)),
    };

    public double Rounded(double value) => Kind switch
    {
        ParameterKind.Integer => Math.Round(value, MidpointRounding.AwayFromZero),
        ParameterKind.Money => Math.Round(value, 2, MidpointRounding.AwayFromZero),
        _ => value,
    };

    /// <summary>The normal's quantile restricted to [Low, High]: the unit coordinate spans the normal's mass between the bounds.</summary>
    private double TruncatedNormalQuantile(double u)
    {
        var from = Normal.CDF(Mean, Sd, Low);
        var to = Normal.CDF(Mean, Sd, High);
        var p = from + u * (to - from);
        // Far in a tail the two CDFs round to the same number; the bounds themselves are then the honest answer.
        if (p <= 0 || to - from <= 0) return u < 0.5 ? Low : High;
        if (p >= 1) return High;
        return Math.Clamp(Normal.InvCDF(Mean, Sd, p), Low, High);
    }
}

/// <summary>The parameters an experiment varies, in the order of a design's columns.</summary>
public sealed record ParameterSpace(IReadOnlyList<DesignParameter> Parameters)
{
    public int Dimension => Parameters.Count;

    /// <summary>Parameter <paramref name="parameter"/>'s value at a unit coordinate (its distribution's quantile, rounded for whole-number and money keys).</summary>
    public double ValueAt(int parameter, double unit) => Parameters[parameter].ValueAt(unit);

    /// <summary>A design row's values, one per parameter.</summary>
    public IReadOnlyList<double> ValuesAt(IReadOnlyList<double> unit)
    {
        if (unit.Count != Dimension) throw new ArgumentException($"A point of {unit.Count} coordinates in a space of {Dimension} parameters.", nameof(unit));
        return Parameters.Select((p, i) => p.ValueAt(unit[i])).ToArray();
    }
}

/// <summary>
/// One row of a design: its index (from 0; run ids count from 1), its coordinates in the unit hypercube and the
/// parameter values they map to, in the order of the experiment's <see cref="ParameterSpace"/>.
/// </summary>
public sealed record DesignPoint(int Index, IReadOnlyList<double> Unit, IReadOnlyList<double> Values);
