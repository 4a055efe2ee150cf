namespace EconomySim.Scenarios;

/// <summary>
/// How large a run of a scenario is before it is laid out: its organisations, counted from the scenario's structure,
/// and the memory a run of them needs. The count comes from the structure alone, so a scenario or a --scale too large
/// for the machine can be refused at once, before the layout itself takes the memory.
/// </summary>
public sealed record EconomySize(long Organisations, long EstimatedBytes)
{
    /// <summary>
    /// Peak resident memory of <c>economysim run configs/england.yaml --store none</c> (10 years), measured: 216 MB at
    /// 1,656 organisations and 524 MB at 6,621 (<c>--scale 4</c>), which is about 62 KiB for each organisation above
    /// about 113 MiB for the process. Both rounded up, so the estimate errs towards refusing a run that would have fitted
    /// rather than starting one that will not.
    /// </summary>
    public const long ProcessBytes = 128L << 20;

    /// <inheritdoc cref="ProcessBytes"/>
    public const long BytesPerOrganisation = 64L << 10;

    /// <param name="scale">K, as <see cref="EconomyGenerator.Build"/> takes it: every organisation count times K.</param>
    public static EconomySize Of(ScenarioDocument scenario, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var o = scenario.Organisations;
        // Counted in long arithmetic: a scenario that would overflow an int once scaled is exactly what must be refused.
        var perScale = (long)o.Commissioners + o.AcuteTrusts + o.CommunityTrusts + o.MentalHealthTrusts + o.GpFederations + o.Councils;
        var organisations = 1 + perScale * scale; // the national funder is one whatever the scale
        return new EconomySize(organisations, ProcessBytes + organisations * BytesPerOrganisation);
    }
}
