namespace EconomySim.Domain.Organisations;

/// <summary>A commissioner (CCG, now integrated care board): holds the allocation, contracts providers and pays them.</summary>
public sealed partial class Commissioner(CommissionerProfile profile, EconomyIndex economy, long runSeed) : Organisation(profile, economy, runSeed)
{
    private readonly CommissionerProfile _profile = profile;
    private BudgetShares _shares = BudgetShares.From(economy.Parameters.Commissioning);
    private BudgetShares _sharesSetFrom = BudgetShares.From(economy.Parameters.Commissioning);
    private SortedDictionary<int, ContractTerms> _offers = [];
    private SortedDictionary<int, ContractTerms> _contracts = [];
    private readonly SortedDictionary<int, ContractTerms> _lastYear = [];
    private readonly SortedDictionary<int, Money> _poolOffers = [];
    private readonly SortedDictionary<int, Money> _preventionFunding = [];
    private readonly SortedDictionary<int, Money> _providerCostThisYear = [];
    private readonly SortedDictionary<int, Money> _providerPaidThisYear = [];
    private readonly SortedDictionary<int, Money> _transformationShare = [];
    private readonly SortedSet<int> _failedContracts = [];
    private readonly List<(int EffectiveYear, double Shift)> _pendingShifts = [];
    private Money _incomeThisYear;
    private Money _spentThisYear;
    private Money _otherServices;
    private Money _reserve;
    private Money _transformationHeld;
    private Money _transformationPaid;
    private Money? _lastAcuteBudget;
    private Money _retainedForAvoidance;
    private double _preventionPerHeadSoFar;
    private int? _openProposal;
    private double _openProposalShift;

    public BudgetShares Shares => _shares;
    public IReadOnlyDictionary<int, ContractTerms> Contracts => _contracts;

    protected override void Act(StepContext context, Inbox inbox)
    {
        switch (context.Phase.Kind)
        {
            case PhaseKind.Planning: Plan(context, inbox); break;
            case PhaseKind.ContractSettlement: Settle(context, inbox); break;
            case PhaseKind.Payment: PayProviders(context, inbox); break;
            case PhaseKind.Proposals: Propose(context); break;
            case PhaseKind.Decisions: Decide(context, inbox); break;
            case PhaseKind.YearClose: CloseYear(context); break;
        }
    }
}
