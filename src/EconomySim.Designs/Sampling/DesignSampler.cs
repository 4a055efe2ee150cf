using System.Numerics;

namespace EconomySim.Designs;

/// <summary>
/// Samples a design in the unit hypercube. Each method keeps the row order SALib uses, so a design exported with its
/// outcomes can be analysed there too.
/// </summary>
public static class DesignSampler
{
    /// <summary>Designs beyond this many rows are mistakes of size, not studies this tool can run.</summary>
    public const int MaxRows = 1_000_000;

    /// <summary>
    /// Null when the request can be sampled, else why not and what is allowed, for the experiment loader to report at
    /// the design's line.
    /// </summary>
    public static string? Problem(DesignRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = MethodName(request.Method);
        if (request.Dimension < 1)
            return $"a {name} design needs at least 1 parameter, got {request.Dimension}";
        if (request.SecondOrder && request.Method != DesignMethod.Sobol)
            return $"second-order indices need a sobol design, not {name}";
        var problem = request.Method switch
        {
            DesignMethod.Grid when request.Samples < 2 =>
                $"grid needs at least 2 levels per parameter, got {request.Samples}",
            DesignMethod.LatinHypercube when request.Samples < 2 =>
                $"latin_hypercube needs at least 2 samples, got {request.Samples}",
            DesignMethod.Sobol when request.Samples < 2 || !BitOperations.IsPow2(request.Samples) =>
                $"sobol needs samples to be a power of two, at least 2 (e.g. 256, 512, 1024), got {request.Samples}",
            DesignMethod.Sobol when 2 * (long)request.Dimension > SobolSequence.MaxDimension =>
                $"sobol takes at most {SobolSequence.MaxDimension / 2} parameters (two Sobol dimensions each), got {request.Dimension}",
            DesignMethod.Morris when request.Samples < 2 =>
                $"morris needs at least 2 trajectories, got {request.Samples}",
            DesignMethod.Morris when request.Levels < 2 || request.Levels % 2 != 0 =>
                $"morris needs levels to be even and at least 2 (e.g. 4, 6, 8), got {request.Levels}",
            _ => null,
        };
        if (problem is not null) return problem;
        var rows = RowCountOrCap(request);
        if (rows <= MaxRows) return null;
        var size = rows == long.MaxValue ? "more than " + Thousands(MaxRows) : Thousands(rows);
        return $"this {name} design would have {size} rows; at most {Thousands(MaxRows)} are allowed";
    }

    public static int RowCount(DesignRequest request)
    {
        ThrowIfProblem(request);
        return (int)RowCountOrCap(request);
    }

    /// <summary>
    /// Rows in [0,1]^D in SALib's order: Sobol/Saltelli per base sample j: A_j, then AB_j^1..AB_j^D (A_j with column i
    /// taken from B_j), then (SecondOrder only) BA_j^1..BA_j^D, then B_j; Morris: trajectory after trajectory, D+1 rows
    /// each; Grid: levels i/(Samples-1) in every dimension, last dimension fastest; the same request gives the same rows.
    /// </summary>
    public static UnitHypercube Sample(DesignRequest request)
    {
        ThrowIfProblem(request);
        var rows = request.Method switch
        {
            DesignMethod.Grid => FullFactorialGrid.Rows(request.Dimension, request.Samples),
            DesignMethod.LatinHypercube => LatinHypercube.Rows(request.Dimension, request.Samples, SeededRandom.For(request.Seed)),
            DesignMethod.Sobol => SaltelliScheme.Rows(request.Dimension, request.Samples, request.SecondOrder, SeededRandom.For(request.Seed)),
            DesignMethod.Morris => MorrisTrajectories.Rows(request.Dimension, request.Samples, request.Levels, SeededRandom.For(request.Seed)),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Method, "unknown design method"),
        };
        return new UnitHypercube(request.Dimension, rows);
    }

    /// <summary>The method's name as experiment files spell it.</summary>
    public static string MethodName(DesignMethod method) => method switch
    {
        DesignMethod.Grid => "grid",
        DesignMethod.LatinHypercube => "latin_hypercube",
        DesignMethod.Sobol => "sobol",
        DesignMethod.Morris => "morris",
        _ => method.ToString(),
    };

    private static string Thousands(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    private static void ThrowIfProblem(DesignRequest request)
    {
        if (Problem(request) is { } problem) throw new ArgumentException(problem, nameof(request));
    }

    // Counted in long and capped, so a grid of many levels over many parameters is reported, not overflowed.
    private static long RowCountOrCap(DesignRequest request)
    {
        long d = request.Dimension, n = request.Samples;
        switch (request.Method)
        {
            case DesignMethod.Grid:
                long rows = 1;
                for (var i = 0; i < d; i++)
                {
                    if (rows > MaxRows / n) return long.MaxValue;
                    rows *= n;
                }
                return rows;
            case DesignMethod.LatinHypercube: return n;
            case DesignMethod.Sobol: return n * (request.SecondOrder ? 2 * d + 2 : d + 2);
            case DesignMethod.Morris: return n * (d + 1);
            default: return long.MaxValue;
        }
    }
}
