namespace EconomySim.Domain.Economics;

/// <summary>
/// Health measured by what happens to people, not by what is spent: quality-adjusted life years lost to waiting for
/// elective care, to admissions that primary care could have avoided and to care needs councils leave unmet, and
/// gained from public health spending in real terms. Each function is one term of the measure in docs/MODEL.md.
/// </summary>
public static class HealthOutcomes
{
    /// <summary>
    /// QALYs lost in a period by the patients on an elective waiting list: each patient-year on the list costs the health
    /// the treatment would have given in that time. By Little's law the list is referrals times the mean wait, so longer
    /// waits lose more.
    /// </summary>
    public static double WaitingQalysLost(double patientsWaiting, double lossPerPatientYear, double years) =>
        patientsWaiting * lossPerPatientYear * years;

    /// <summary>QALYs lost to emergency admissions that timely primary care or prevention would have avoided.</summary>
    public static double AvoidableAdmissionQalysLost(double avoidableAdmissions, double lossPerAdmission) =>
        avoidableAdmissions * lossPerAdmission;

    /// <summary>QALYs lost in a period by people whose eligible care needs no council meets.</summary>
    public static double UnmetCareQalysLost(double peopleWithUnmetNeed, double lossPerPersonYear, double years) =>
        peopleWithUnmetNeed * lossPerPersonYear * years;

    /// <summary>
    /// QALYs bought by public health spending at the first year's prices: the part that prevents ill health directly at
    /// public health's marginal cost per QALY, the rest (treatment services) at the NHS's. Deflating by the input cost index
    /// means that cash which only keeps pace with prices buys no extra health.
    /// </summary>
    public static double PublicHealthQalys(Money nominalSpend, double priceIndex, double directShare, decimal publicHealthPoundsPerQaly, decimal nhsPoundsPerQaly)
    {
        if (priceIndex <= 0) throw new ArgumentOutOfRangeException(nameof(priceIndex), priceIndex, "A price index is positive.");
        var real = (double)nominalSpend.Pounds / priceIndex;
        return real * directShare / (double)publicHealthPoundsPerQaly + real * (1 - directShare) / (double)nhsPoundsPerQaly;
    }

    /// <summary>Thousandths of a QALY, rounded half to even, as the metrics record them.</summary>
    public static long Milli(double qalys) => (long)Math.Round(qalys * 1000, MidpointRounding.ToEven);

    /// <summary>
    /// Care-related quality of life (ASCOT, the score out of 24 of ASCOF 1A) of people a council supports: what they would
    /// have without care plus the gain a reference package gives, scaled by the care each receives relative to that package
    /// with diminishing returns (elasticity below 1). Thinner packages lower it; more care per person raises it, ever less.
    /// </summary>
    public static double CareRelatedQualityOfLife(double careIntensity, double scoreWithoutCare, double scoreAtReference, double intensityElasticity) =>
        scoreWithoutCare + (scoreAtReference - scoreWithoutCare) * Math.Pow(careIntensity, intensityElasticity);

    /// <summary>
    /// The care each supported person receives relative to a reference package: the real money spent on care in a period
    /// over what a reference package for each person supported costs in that period (both at this year's care costs).
    /// </summary>
    public static double CareIntensity(Money careSpend, double peopleSupported, Money referenceCostPerPersonInPeriod) =>
        peopleSupported <= 0 || referenceCostPerPersonInPeriod <= Money.Zero
            ? 0
            : (double)careSpend.Pence / (peopleSupported * referenceCostPerPersonInPeriod.Pence);
}
