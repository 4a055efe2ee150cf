namespace EconomySim.Domain.Economics;

public sealed record DecisionOutcome(bool Adopted, double WeightInFavour, double WeightAgainst, int Vetoes);

/// <summary>How a proposal is decided from the votes of the bodies it affects.</summary>
public static class DecisionRules
{
    /// <summary>
    /// Unanimity: adopted only if nobody votes against or vetoes. Qualified majority: adopted if the weighted share in
    /// favour reaches the threshold; a veto then counts only as a vote against, which is what pooling sovereignty means.
    /// </summary>
    public static DecisionOutcome Decide(DecisionRule rule, double qualifiedMajority, IReadOnlyList<VoteCast> votes)
    {
        double inFavour = 0, against = 0;
        var vetoes = 0;
        foreach (var vote in votes)
        {
            if (vote.InFavour) inFavour += vote.Weight; else against += vote.Weight;
            if (vote.Veto) vetoes++;
        }
        var adopted = rule switch
        {
            DecisionRule.Unanimity => votes.All(v => v.InFavour && !v.Veto),
            DecisionRule.QualifiedMajority => inFavour + against > 0 && inFavour / (inFavour + against) >= qualifiedMajority,
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown decision rule."),
        };
        return new DecisionOutcome(adopted, inFavour, against, vetoes);
    }
}
