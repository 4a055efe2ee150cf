namespace EconomySim.Domain.Economics;

/// <param name="Overridden">Adopted by national override against a local veto or majority.</param>
/// <param name="ScrutinyReferrals">Councils that referred the proposal to health scrutiny.</param>
public sealed record DecisionOutcome(bool Adopted, double WeightInFavour, double WeightAgainst, int Vetoes, bool Overridden = false, int ScrutinyReferrals = 0)
{
    /// <summary>
    /// Years from the decision until an adopted proposal takes effect: the next financial year, plus the scrutiny delay
    /// when any council referred it.
    /// </summary>
    public int YearsToTakeEffect(int scrutinyDelayYears) => 1 + (ScrutinyReferrals > 0 ? scrutinyDelayYears : 0);
}

/// <summary>How a proposal is decided from the votes of the bodies it affects.</summary>
public static class DecisionRules
{
    /// <summary>
    /// Unanimity: adopted only if nobody votes against or vetoes. Qualified majority: adopted if the weighted share in
    /// favour reaches the threshold; a veto then counts only as a vote against, which is what pooling sovereignty means.
    /// National override: the national body decides for the reform whatever the local votes; votes and vetoes are
    /// recorded (they are consultation), and where they would have blocked it the outcome is marked overridden.
    /// </summary>
    public static DecisionOutcome Decide(DecisionRule rule, double qualifiedMajority, IReadOnlyList<VoteCast> votes)
    {
        double inFavour = 0, against = 0;
        int vetoes = 0, referrals = 0;
        foreach (var vote in votes)
        {
            if (vote.InFavour) inFavour += vote.Weight; else against += vote.Weight;
            if (vote.Veto) vetoes++;
            if (vote.ScrutinyReferral) referrals++;
        }
        var unanimous = votes.All(v => v.InFavour && !v.Veto);
        var (adopted, overridden) = rule switch
        {
            DecisionRule.Unanimity => (unanimous, false),
            DecisionRule.QualifiedMajority => (inFavour + against > 0 && inFavour / (inFavour + against) >= qualifiedMajority, false),
            DecisionRule.NationalOverride => (true, !unanimous),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown decision rule."),
        };
        return new DecisionOutcome(adopted, inFavour, against, vetoes, overridden, referrals);
    }
}
