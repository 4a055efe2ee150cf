using EconomySim.Domain.Economics;

namespace EconomySim.Domain.Organisations;

/// <summary>Reconfiguration proposals and the decision on them.</summary>
public sealed partial class Commissioner
{
    private void Propose(StepContext context)
    {
        _openProposal = null;
        var c = Parameters.Commissioning;
        if (c.ProposedShift <= 0 || !Random.NextBernoulli(c.ProposalProbability)) return;
        var proposalId = checked(Index * 10_000 + context.Phase.Year);
        var shift = c.ProposedShift;
        var trusts = Economy.TrustsOf(Index);
        var gps = Economy.GpFederationsOf(Index);
        // Some reconfigurations also close the emergency department of the system's smallest acute trust that has one,
        // where another remains; drawn only when the scenario allows closures, so other runs draw nothing extra.
        TrustProfile? closing = null;
        if (c.EmergencyDepartmentClosureProbability > 0 && Random.NextBernoulli(c.EmergencyDepartmentClosureProbability))
        {
            var withDepartments = trusts.Where(t => t.Type == TrustType.Acute && t.HasEmergencyDepartment).ToList();
            if (withDepartments.Count >= 2) closing = withDepartments.OrderBy(t => t.Beds).ThenBy(t => t.Index).First();
        }
        var acuteTotal = Money.Zero;
        foreach (var t in trusts)
            if (t.Type == TrustType.Acute && _contracts.TryGetValue(t.Index, out var terms))
                acuteTotal += terms.AnnualValue;
        var moved = acuteTotal.Times(shift);
        var communityTrusts = trusts.Where(t => t.Type == TrustType.Community).ToList();
        var toCommunity = communityTrusts.Count > 0 ? new Money(moved.Pence / 2) : Money.Zero;
        var toPrimary = moved - toCommunity;
        var communityGains = MoneySplit.ByWeights(toCommunity, communityTrusts.Select(t => t.ShareOfTypeBudget).ToArray());
        var primaryGains = MoneySplit.ByWeights(toPrimary, gps.Select(g => (double)g.ListSize).ToArray());

        var affected = 0;
        foreach (var t in trusts)
        {
            var change = t.Type switch
            {
                TrustType.Acute => -(_contracts.TryGetValue(t.Index, out var terms) ? terms.AnnualValue.Times(shift) : Money.Zero),
                TrustType.Community => communityGains[communityTrusts.IndexOf(t)],
                _ => Money.Zero,
            };
            if (t.Type == TrustType.MentalHealth) continue;
            context.Send(t.Index, new ReconfigurationProposal(proposalId, context.Phase.Year, shift, change, closing?.Index == t.Index));
            affected++;
        }
        for (var i = 0; i < gps.Count; i++)
        {
            context.Send(gps[i].Index, new ReconfigurationProposal(proposalId, context.Phase.Year, shift, primaryGains[i], false));
            affected++;
        }
        foreach (var council in Economy.CouncilsOf(Index))
        {
            // Residents lose a service when an emergency department closes: the council is told, whichever trust it is.
            context.Send(council.Index, new ReconfigurationProposal(proposalId, context.Phase.Year, shift, Money.Zero, closing is not null));
            affected++;
        }
        _openProposal = proposalId;
        _openProposalShift = shift;
        context.Add(Metric.Proposals, 1);
        context.Record(new ProposalMade(context.Phase.Index, proposalId, shift, affected, closing?.Code));
    }

    /// <summary>The commissioner's own vote on its proposal: in favour, weighted like everyone else's.</summary>
    public static VoteCast OwnVote(int proposalId, VoteWeighting weighting, Money allocation, long population) =>
        new(proposalId, true, false, weighting == VoteWeighting.Budget ? (double)allocation.Pounds : population);

    private void Decide(StepContext context, Inbox inbox)
    {
        if (_openProposal is not { } proposalId) return;
        var g = Parameters.Governance;
        // The proposing commissioner is an affected body too (it sits on the joint board that decides).
        var votes = Items<VoteCast>(inbox).Select(v => v.Item).Where(v => v.ProposalId == proposalId)
            .Append(OwnVote(proposalId, g.Weighting, _incomeThisYear, _profile.Population)).ToList();
        var outcome = DecisionRules.Decide(g.DecisionRule, g.QualifiedMajority, votes);
        var years = outcome.YearsToTakeEffect(g.ScrutinyDelayYears);
        if (outcome.Adopted) _pendingShifts.Add((context.Phase.Year + years, _openProposalShift));
        context.Add(Metric.VotesInFavour, votes.Count(v => v.InFavour));
        context.Add(Metric.VotesAgainst, votes.Count(v => !v.InFavour));
        context.Add(Metric.Vetoes, outcome.Vetoes);
        context.Add(Metric.ScrutinyReferrals, outcome.ScrutinyReferrals);
        context.Add(Metric.ReformsAdopted, outcome.Adopted ? 1 : 0);
        context.Add(Metric.AdoptionDelayYears, outcome.Adopted ? years : 0);
        context.Add(Metric.NationalOverrides, outcome.Adopted && outcome.Overridden ? 1 : 0);
        context.Record(new ProposalDecided(context.Phase.Index, proposalId, g.DecisionRule, outcome.Adopted, outcome.WeightInFavour, outcome.WeightAgainst, outcome.Vetoes,
            outcome.Overridden, outcome.ScrutinyReferrals, outcome.Adopted ? context.Phase.Year + years : null));
        _openProposal = null;
    }
}
