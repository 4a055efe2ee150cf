namespace EconomySim.Domain;

public enum DecisionRule
{
    Unanimity = 0,
    QualifiedMajority = 1,
    /// <summary>The national body decides: votes and vetoes are heard but do not bind.</summary>
    NationalOverride = 2,
}

/// <summary>Whose financial result decides whether transformation money is paid.</summary>
public enum ControlTotalLevel
{
    /// <summary>Each trust must meet its own control total.</summary>
    Trust = 0,
    /// <summary>The trusts of a system share one control total (Greater Manchester's system approach).</summary>
    System = 1,
}

public enum VoteWeighting
{
    Budget = 0,
    Population = 1,
}

public enum BailoutRegime
{
    PerTrust = 0,
    SystemDistress = 1,
    HardBudget = 2,
}

public enum AllocationRegime
{
    /// <summary>National funder to commissioners by weighted capitation; councils funded separately.</summary>
    Central = 0,
    /// <summary>One pooled health and social care budget per system, jointly commissioned (Greater Manchester 2016).</summary>
    DevolvedPooled = 1,
}

/// <param name="QualifiedMajority">Weighted share in favour needed under a qualified-majority rule (for example 2/3).</param>
/// <param name="SettlementHorizonYears">How many years ahead a settlement fixes allocations; sets how far agents look.</param>
/// <param name="ScrutinyReferralProbability">Chance that a council opposing a proposal refers it to health scrutiny.</param>
/// <param name="ScrutinyDelayYears">Years a scrutiny referral delays an adopted proposal.</param>
/// <param name="ControlTotals">Whether control totals are judged trust by trust or for a whole system.</param>
public sealed record GovernanceParameters(
    AllocationRegime Allocation,
    DecisionRule DecisionRule,
    double QualifiedMajority,
    VoteWeighting Weighting,
    BailoutRegime Bailout,
    int SettlementHorizonYears,
    double ScrutinyReferralProbability,
    int ScrutinyDelayYears,
    ControlTotalLevel ControlTotals);
