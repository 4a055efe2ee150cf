namespace EconomySim.Domain.Economics;

/// <summary>How providers answer contract offers and how commissioners settle them.</summary>
public static class Negotiation
{
    /// <summary>
    /// A provider accepts an offer within the accept tolerance of its expected cost, refuses one short by more than the
    /// refuse threshold, and otherwise counters by asking for its expected cost.
    /// </summary>
    public static ContractReply Answer(int year, Money offered, Money expectedCost, ContractParameters rules)
    {
        if (expectedCost <= Money.Zero || offered >= expectedCost.Times(1 - rules.AcceptTolerance))
            return new ContractReply(year, ContractReplyKind.Accept, offered);
        var shortfall = (double)(expectedCost - offered).Pence / expectedCost.Pence;
        return shortfall > rules.RefuseThreshold
            ? new ContractReply(year, ContractReplyKind.Refuse, expectedCost)
            : new ContractReply(year, ContractReplyKind.Counter, expectedCost);
    }

    /// <summary>
    /// The annual value a commissioner settles at. A counter-offer within the commissioner's concession limit is agreed;
    /// beyond it the difference is split. A refusal falls back on the rolled-over value of last year's contract when there
    /// is one (the national default), otherwise on the offer.
    /// </summary>
    public static Money Settle(Money offered, ContractReply reply, Money? rolledOver, ContractParameters rules) => reply.Kind switch
    {
        ContractReplyKind.Accept => offered,
        ContractReplyKind.Counter => reply.AskedValue <= offered.Times(1 + rules.MaxConcession)
            ? reply.AskedValue
            : new Money(offered.Pence + (reply.AskedValue.Pence - offered.Pence) / 2),
        _ => rolledOver ?? offered,
    };

    /// <summary>Re-prices agreed terms at a settled value, keeping tariff prices and plan and moving the non-tariff block.</summary>
    public static ContractTerms AtValue(ContractTerms terms, Money value)
    {
        var difference = value - terms.AnnualValue;
        return terms with
        {
            AnnualValue = value,
            OtherServicesValue = Money.Max(Money.Zero, terms.OtherServicesValue + difference),
        };
    }
}
