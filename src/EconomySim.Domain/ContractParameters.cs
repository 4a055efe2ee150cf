namespace EconomySim.Domain;

public enum PaymentRegime
{
    PaymentByResults = 0,
    Block = 1,
    Blended = 2,
    Capitation = 3,
    /// <summary>Payment by results, but emergency admissions above a baseline are paid at a fraction r of price.</summary>
    MarginalEmergencyRate = 4,
    /// <summary>A block with a withhold released by an outcome score; the contract fails when the score is too low.</summary>
    OutcomeBased = 5,
    /// <summary>The line's value is given to patients as personal budgets, which they spend across providers.</summary>
    PersonalBudgets = 6,
}

/// <summary>The payment regime and terms offered to each type of provider, and the rules of negotiation.</summary>
/// <param name="BlendedVariableRate">v: the share of price paid or clawed back per case above or below plan.</param>
/// <param name="CapitationDeadBand">Share of contract value within which over- or under-spend stays with the provider.</param>
/// <param name="CapitationSharedFraction">Share of the over- or under-spend beyond the dead band that the commissioner takes on.</param>
/// <param name="AcceptTolerance">A provider accepts an offer that covers expected cost less this share.</param>
/// <param name="RefuseThreshold">A provider refuses outright an offer short of expected cost by more than this share.</param>
/// <param name="MaxConcession">A commissioner agrees a counter-offer up to this share above its own offer; beyond it the difference is split.</param>
/// <param name="ElectiveVariableRate">v for elective activity under a blended contract (0.75 to 1.0 for elective recovery).</param>
/// <param name="MarginalEmergencyRate">r: the fraction of price paid for emergency admissions above the baseline.</param>
/// <param name="BlockNegotiatedGrowth">Growth agreed on top of last year's block rolled forward at uplift less efficiency.</param>
/// <param name="CapitationCorridorCap">Largest share of contract value the commissioner pays or claws back through the risk corridor.</param>
/// <param name="CapitationStopLoss">Provider losses beyond this share of contract value are covered in full by the commissioner.</param>
/// <param name="OutcomeWithholdShare">Share of an outcome-based contract held back and released by the outcome score.</param>
/// <param name="OutcomeTargetWithin18Weeks">The share of the waiting list within 18 weeks that earns the full outcome score.</param>
/// <param name="OutcomeFailureScore">An outcome score below this ends the contract at year end: it fails.</param>
/// <param name="PersonalBudgetSocialCareShare">Share of personal budgets that holders spend on council-arranged care rather than with the NHS provider.</param>
public sealed record ContractParameters(
    PaymentRegime Acute,
    PaymentRegime Community,
    PaymentRegime MentalHealth,
    PaymentRegime PrimaryCare,
    Money ElectivePrice,
    Money EmergencyPrice,
    Money AandEPrice,
    double BlendedVariableRate,
    double CapitationDeadBand,
    double CapitationSharedFraction,
    double AcceptTolerance,
    double RefuseThreshold,
    double MaxConcession,
    double ElectiveVariableRate,
    double MarginalEmergencyRate,
    double BlockNegotiatedGrowth,
    double CapitationCorridorCap,
    double CapitationStopLoss,
    double OutcomeWithholdShare,
    double OutcomeTargetWithin18Weeks,
    double OutcomeFailureScore,
    double PersonalBudgetSocialCareShare)
{
    public PaymentRegime ForTrustType(TrustType type) => type switch
    {
        TrustType.Acute => Acute,
        TrustType.Community => Community,
        _ => MentalHealth,
    };
}
