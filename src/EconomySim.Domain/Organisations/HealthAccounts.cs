using EconomySim.Domain.Economics;

namespace EconomySim.Domain.Organisations;

/// <summary>How organisations write their part of the health measure into the month's outcomes.</summary>
internal static class HealthAccounts
{
    /// <summary>The two fifths whose net health the gap compares.</summary>
    private static readonly (Metric Metric, int Fifth)[] ComparedFifths =
        [(Metric.NetQalysMostDeprivedMilli, DeprivationFifths.MostDeprived), (Metric.NetQalysLeastDeprivedMilli, DeprivationFifths.LeastDeprived)];

    /// <summary>Adds net QALYs (gained less lost) to the compared fifths, shared by population and the outcome's gradient.</summary>
    public static void AddToFifths(StepContext context, IReadOnlyList<double> areaFifths, double ratioMostDeprived, long netMilli)
    {
        if (netMilli == 0) return;
        foreach (var (metric, fifth) in ComparedFifths)
            context.Add(metric, (long)Math.Round(netMilli * DeprivationFifths.ShareOfOutcome(areaFifths, ratioMostDeprived, fifth), MidpointRounding.ToEven));
    }

    /// <summary>
    /// A hospital's part: QALYs lost by the patients on its waiting list this month and with its avoidable admissions,
    /// each shared over its host system's deprivation fifths by that outcome's gradient.
    /// </summary>
    public static void RecordHospital(StepContext context, EconomyIndex economy, int hostCommissioner, HealthParameters health, int patientsWaiting, int avoidableAdmissions)
    {
        var fifths = economy.Deprivation.Of(hostCommissioner);
        var waiting = HealthOutcomes.Milli(HealthOutcomes.WaitingQalysLost(patientsWaiting, health.WaitingQalyLossPerPatientYear, 1.0 / Calendar.MonthsPerYear));
        var avoidable = HealthOutcomes.Milli(HealthOutcomes.AvoidableAdmissionQalysLost(avoidableAdmissions, health.AvoidableAdmissionQalyLoss));
        context.Add(Metric.QalysLostWaitingMilli, waiting);
        context.Add(Metric.QalysLostAvoidableAdmissionsMilli, avoidable);
        AddToFifths(context, fifths, health.ElectiveRatioMostDeprived, -waiting);
        AddToFifths(context, fifths, health.EmergencyAdmissionsRatioMostDeprived, -avoidable);
    }
}
