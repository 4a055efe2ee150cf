namespace EconomySim.Domain.Economics;

/// <summary>The kinds of demand that grow with demography and per head.</summary>
public enum DemandKind
{
    GpAppointments = 0,
    Referrals = 1,
    AandEAttendances = 2,
    EmergencyAdmissions = 3,
}

/// <summary>
/// Population, ageing and demand per head year by year. Need rises with age: a person aged 65 or over uses care at a
/// multiple of a younger person's rate, so a rising older share raises demand per head even at constant rates by age.
/// </summary>
public static class Demography
{
    /// <summary>Demand per head relative to the first year that comes from the age mix alone.</summary>
    public static double AgeMixFactor(double olderShareNow, double olderShareAtStart, double olderRelativeUse) =>
        (1 - olderShareNow + olderShareNow * olderRelativeUse) / (1 - olderShareAtStart + olderShareAtStart * olderRelativeUse);

    /// <summary>Growth beyond demography for one kind of demand.</summary>
    public static double GrowthPerHead(DemandParameters d, DemandKind kind) => kind switch
    {
        DemandKind.GpAppointments => d.GpAppointmentsGrowth,
        DemandKind.Referrals => d.ReferralsGrowth,
        DemandKind.AandEAttendances => d.AandEAttendancesGrowth,
        _ => d.EmergencyAdmissionsGrowth,
    };

    /// <summary>This year's demand relative to trend for one kind of demand (below 1 in a pandemic year).</summary>
    public static double Level(DemandParameters d, DemandKind kind) => kind switch
    {
        DemandKind.GpAppointments => d.GpAppointmentsLevel,
        DemandKind.Referrals => d.ReferralsLevel,
        DemandKind.AandEAttendances => d.AandEAttendancesLevel,
        _ => d.EmergencyAdmissionsLevel,
    };
}
