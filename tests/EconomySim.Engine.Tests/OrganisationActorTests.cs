using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using EconomySim.Domain;
using EconomySim.Domain.Organisations;
using EconomySim.Domain.Runs;
using EconomySim.Domain.Tests;

namespace EconomySim.Engine.Tests;

/// <summary>
/// Each organisation actor, alone, with the test as its clock: what it sends in each phase of the calendar, given the
/// letters the phase's start hands it.
/// </summary>
public class OrganisationActorTests : TestKit
{
    private readonly EconomyIndex _economy;
    private PhaseCompleted? _last;

    public OrganisationActorTests()
    {
        _economy = new EconomyIndex(SmallEconomy.Build(SmallEconomy.Parameters() with
        {
            Governance = SmallEconomy.Parameters().Governance with { Bailout = BailoutRegime.SystemDistress },
        }));
    }

    private IActorRef Spawn(string code)
    {
        var profile = _economy.Profiles.Single(p => p.Code == code);
        return Sys.ActorOf(OrganisationActor.Props(Organisation.Create(profile, _economy, 3), _economy, new RunIdentity("spec", Persist: false)));
    }

    private int Phase(PhaseKind kind, int month = 0, int year = 0) =>
        _economy.Calendar.First(p => p.Kind == kind && p.Month == month && p.YearIndex == year).Index;

    private int IndexOf(string code) => _economy.Profiles.Single(p => p.Code == code).Index;

    private static Letter From(int sender, int phase, params EconomyMessage[] items) => new(phase, sender, items);

    private PhaseCompleted Act(IActorRef actor, int phase, params Letter[] letters)
    {
        actor.Tell(new PhaseStarted(phase, letters), TestActor);
        _last = ExpectMsg<PhaseCompleted>();
        return _last;
    }

    /// <summary>The letter the last activation sent to this organisation, or null.</summary>
    private SentLetter? SentTo(string code)
    {
        var completed = _last ?? throw new InvalidOperationException("nothing has acted yet");
        var at = Array.FindIndex(completed.Report.Letters, l => l.Recipient == IndexOf(code));
        return at < 0 ? null : completed.Report.Letters[at];
    }

    private T Received<T>(string code) where T : EconomyMessage =>
        (SentTo(code) ?? throw new InvalidOperationException($"nothing was sent to {code}")).Items.OfType<T>().Single();

    [Fact]
    public void A_completion_carries_each_letter_sent_with_its_recipient_and_the_money_in_it()
    {
        var funder = Spawn("NF");
        var completed = Act(funder, Phase(PhaseKind.Allocation));
        Assert.NotEmpty(completed.Report.Letters);
        Assert.Equal(completed.Report.Letters.Length, completed.Report.Letters.Select(l => l.Recipient).Distinct().Count());
        Assert.All(completed.Report.Letters, l => Assert.Equal(l.Items.OfType<Payment>().Sum(p => p.Amount.Pence), l.Money.Pence));
    }

    [Fact]
    public void An_organisation_acts_on_the_letters_its_phase_hands_it()
    {
        var council = Spawn("CNL-1");
        var planning = Phase(PhaseKind.Planning);
        var completed = Act(council, planning,
            From(0, planning - 1, new Payment(Money.FromPounds(10m), PaymentPurpose.SocialCareGrant)),
            From(0, planning - 2, new Payment(Money.FromPounds(5m), PaymentPurpose.PublicHealthGrant)));
        Assert.Equal(Money.FromPounds(15m), completed.Report.Received);
    }

    [Fact]
    public void Allocation_pays_every_commissioner_and_council_the_whole_envelope()
    {
        var funder = Spawn("NF");
        var completed = Act(funder, Phase(PhaseKind.Allocation));
        var toCommissioners = Received<Payment>("COM-1").Amount + Received<Payment>("COM-2").Amount;
        Assert.Equal(_economy.Parameters.Funder.CommissionerAllocations, toCommissioners);
        foreach (var council in _economy.Councils)
        {
            var letter = SentTo(council.Code)!.Value;
            Assert.Equal([PaymentPurpose.SocialCareGrant, PaymentPurpose.PublicHealthGrant], letter.Items.OfType<Payment>().Select(p => p.Purpose));
        }
        Assert.Equal(_economy.Commissioners.Count + _economy.Councils.Count, completed.Report.Letters.Length);
    }

    [Fact]
    public void Planning_offers_a_contract_to_each_provider_and_a_pool_to_each_council()
    {
        var commissioner = Spawn("COM-1");
        Act(commissioner, Phase(PhaseKind.Planning), From(0, 0, new Payment(Money.FromPounds(1_000_000_000m), PaymentPurpose.Allocation)));
        var acute = Received<ContractOffer>("TRA-1").Terms;
        Assert.Equal(PaymentRegime.PaymentByResults, acute.Regime);
        Assert.True(acute.PlannedElective > 0);
        Assert.Equal(PaymentRegime.Block, Received<ContractOffer>("TRC-1").Terms.Regime);
        Assert.Equal(PaymentRegime.Capitation, Received<ContractOffer>("GPF-1").Terms.Regime);
        Assert.Equal(Money.FromPounds(70_000_000m), Received<PoolProposal>("CNL-1").NhsContribution);
        Assert.Null(SentTo("TRA-3"));
    }

    private ContractTerms AcuteTerms(PaymentRegime regime, decimal value) => new(2024, regime, Money.FromPounds(value), Money.Zero,
        Money.FromPounds(1_100m), Money.FromPounds(3_800m), Money.FromPounds(250m), 12_000, 6_000, 24_000, 0.2, 0.02, 0.5);

    [Fact]
    public void A_trust_accepts_an_offer_at_its_first_cost_and_counters_one_that_falls_short_later()
    {
        var trust = Spawn("TRA-1");
        var replies = Phase(PhaseKind.ContractReplies);
        Act(trust, replies, From(1, replies - 1, new ContractOffer(AcuteTerms(PaymentRegime.Block, 300_000_000m))));
        Assert.Equal(ContractReplyKind.Accept, Received<ContractReply>("COM-1").Kind);

        var nextYear = Phase(PhaseKind.ContractReplies, year: 1);
        Act(trust, nextYear, From(1, nextYear - 1, new ContractOffer(AcuteTerms(PaymentRegime.Block, 290_000_000m))));
        var reply = Received<ContractReply>("COM-1");
        Assert.Equal(ContractReplyKind.Counter, reply.Kind);
        Assert.True(reply.AskedValue > Money.FromPounds(290_000_000m));
    }

    [Fact]
    public void A_gp_federation_sends_its_patients_to_its_acute_trusts()
    {
        var gp = Spawn("GPF-1");
        var replies = Phase(PhaseKind.ContractReplies);
        var terms = new ContractTerms(2024, PaymentRegime.Capitation, Money.FromPounds(40_000_000m), Money.FromPounds(40_000_000m),
            Money.Zero, Money.Zero, Money.Zero, 0, 0, 0, 0, 0.02, 0.5);
        Act(gp, replies, From(1, replies - 1, new ContractOffer(terms)));
        var month = Phase(PhaseKind.PrimaryAndSocialCare, month: 1);
        var completed = Act(gp, month, From(1, replies + 1, new ContractAgreed(terms, ContractReplyKind.Accept)));
        var toLarger = Received<PatientFlow>("TRA-1");
        var toSmaller = Received<PatientFlow>("TRA-2");
        Assert.True(toLarger.ElectiveReferrals > toSmaller.ElectiveReferrals);
        Assert.True(toLarger.EmergencyAdmissions + toSmaller.EmergencyAdmissions > 0);
        Assert.True(completed.Report.TotalExternalSpending > Money.Zero);
    }

    [Fact]
    public void A_trust_treats_patients_and_invoices_its_commissioner_monthly()
    {
        var trust = Spawn("TRA-1");
        var replies = Phase(PhaseKind.ContractReplies);
        var terms = AcuteTerms(PaymentRegime.PaymentByResults, 300_000_000m);
        Act(trust, replies, From(1, replies - 1, new ContractOffer(terms)));
        var month = Phase(PhaseKind.HospitalActivity, month: 1);
        Act(trust, month,
            From(1, replies + 1, new ContractAgreed(terms, ContractReplyKind.Accept)),
            From(8, month - 1, new PatientFlow(1_000, 500, 100, 2_000)),
            From(12, month - 1, new DischargeCapacity(1.0, 1.0)));
        var report = Received<ActivityReport>("COM-1");
        Assert.Equal(500, report.EmergencyAdmissions);
        Assert.True(report.ElectiveTreated > 0);
        Assert.True(report.Cost > Money.Zero);
    }

    [Fact]
    public void A_trust_vetoes_a_reconfiguration_that_cuts_its_income_beyond_the_threshold()
    {
        var trust = Spawn("TRA-1");
        var votes = Phase(PhaseKind.Votes);
        var contract = new ContractAgreed(AcuteTerms(PaymentRegime.Block, 300_000_000m), ContractReplyKind.Accept);
        // 1m is a third of one percent of turnover, under the 1.5% threshold; 50m is far over it.
        Act(trust, votes, From(1, 3, contract), From(1, votes - 1, new ReconfigurationProposal(1, 2024, 0.05, Money.FromPounds(-1_000_000m), false)));
        var small = Received<VoteCast>("COM-1");
        Assert.False(small.Veto);
        Assert.False(small.InFavour);
        Act(trust, votes, From(1, votes - 1, new ReconfigurationProposal(2, 2024, 0.05, Money.FromPounds(-50_000_000m), false)));
        var vote = Received<VoteCast>("COM-1");
        Assert.True(vote.Veto);
        Assert.False(vote.InFavour);
    }

    [Fact]
    public void The_funder_gives_distress_funding_for_a_systems_net_deficit_only()
    {
        var funder = Spawn("NF");
        var bailouts = Phase(PhaseKind.Bailouts);
        Act(funder, bailouts,
            From(1, bailouts - 1, new YearEndReport(2024, Money.Zero, Money.FromPounds(1_000m))),
            From(3, bailouts - 1, new YearEndReport(2024, Money.FromPounds(-30m), Money.FromPounds(1_000m))),
            From(4, bailouts - 1, new YearEndReport(2024, Money.FromPounds(10m), Money.FromPounds(1_000m))),
            From(5, bailouts - 1, new YearEndReport(2024, Money.FromPounds(-7m), Money.FromPounds(1_000m))));
        Assert.Equal(new Payment(Money.FromPounds(20m), PaymentPurpose.DistressFunding), Received<Payment>("TRA-1"));
        Assert.Equal(new Payment(Money.FromPounds(7m), PaymentPurpose.DistressFunding), Received<Payment>("TRA-3"));
        Assert.Null(SentTo("TRA-2"));
    }
}
