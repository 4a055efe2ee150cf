namespace EconomySim.Cli.Tests.Support;

/// <summary>
/// A calibration small enough for a test: Greater Manchester's first year, its commissioner allocations searched over
/// £4.5bn-£6.5bn (the experiment named gm-allocations).
/// </summary>
public static class CalibrationInputs
{
    public static string File(string dir)
    {
        var path = Path.Combine(dir, "calibrate.yaml");
        System.IO.File.WriteAllText(path, $"""
            experiment:
              name: gm-allocations
              scenario: {Cli.Config("greater-manchester.yaml")}
              replications: 1
              years: 1
            parameters:
              - key: funder.commissioner_allocations_gbp
                uniform: [4_500_000_000, 6_500_000_000]
            design:
              method: latin_hypercube
              samples: 2
            """);
        return path;
    }

    /// <summary>One target: 2016's allocations of £5.6bn within 5%, which rules out most of the range in the first wave.</summary>
    public static string AllocationsTarget(string dir)
    {
        var path = Path.Combine(dir, "allocations.yaml");
        System.IO.File.WriteAllText(path, """
            geography: Greater Manchester
            series:
              - id: allocations
                metric: commissioner_allocations
                measures: Allocations to the area's commissioners
                unit: GBP
                source: {publisher: EconomySim, series: synthetic, release: test}
                tolerance: {relative: 0.05}
                values: {2016: 5600000000}
            """);
        return path;
    }
}
