using System.Collections.Concurrent;
using System.Diagnostics;
using EconomySim.Domain;
using EconomySim.Engine;

namespace EconomySim.Telemetry;

/// <summary>
/// Follows each negotiation between organisations as one trace, across actors and phases, with the W3C trace context
/// carried in the letters: a contract offer, the provider's acceptance, counter-offer or refusal, and the agreement;
/// a pooled-budget proposal, the council's answer and the settlement; a reconfiguration proposal, each affected body's
/// vote or veto, and the decision. Each negotiation is its own trace, linked to the calendar phase it started in.
/// </summary>
public sealed class NegotiationTracer(RunTelemetry run) : ILetterTracer
{
    public const string ContractOffer = "contract.offer";
    public const string ContractReply = "contract.reply";
    public const string ContractAgreed = "contract.agreed";
    public const string PoolProposal = "pool.proposal";
    public const string PoolReply = "pool.reply";
    public const string PoolSettled = "pool.settled";
    public const string ReformProposal = "reform.proposal";
    public const string ReformVote = "reform.vote";
    public const string ReformDecision = "reform.decision";

    private static readonly string[] KindLabels = Enum.GetValues<OrganisationKind>().Select(k => TelemetryCatalogue.Label(k)).ToArray();

    /// <summary>The open proposal of each commissioner, written and read only by that commissioner's actor.</summary>
    private readonly ConcurrentDictionary<int, ActivityContext> _proposals = new();

    public bool Follows(PhaseKind phase) => phase is PhaseKind.Planning or PhaseKind.ContractReplies or PhaseKind.ContractSettlement
        or PhaseKind.Proposals or PhaseKind.Votes or PhaseKind.Decisions;

    public void Activated(OrganisationProfile organisation, CalendarPhase phase, IReadOnlyList<Letter> inbox, IReadOnlyList<string?> inboundTraceParents,
        IReadOnlyList<HistoryEvent> events, IReadOnlyList<OutgoingLetter> outgoing, string?[] outboundTraceParents)
    {
        switch (phase.Kind)
        {
            case PhaseKind.Planning:
                Open(organisation, phase, outgoing, outboundTraceParents);
                break;
            case PhaseKind.ContractReplies:
            case PhaseKind.Votes:
                Answer(organisation, phase, inbox, inboundTraceParents, outgoing, outboundTraceParents);
                break;
            case PhaseKind.ContractSettlement:
                Settle(organisation, phase, inbox, inboundTraceParents, events);
                break;
            case PhaseKind.Proposals:
                Propose(organisation, phase, outgoing, outboundTraceParents);
                break;
            case PhaseKind.Decisions:
                Decide(organisation, phase, inbox, inboundTraceParents, events);
                break;
        }
    }

    /// <summary>Each contract offer or pool proposal starts a trace of its own.</summary>
    private void Open(OrganisationProfile organisation, CalendarPhase phase, IReadOnlyList<OutgoingLetter> outgoing, string?[] outbound)
    {
        for (var i = 0; i < outgoing.Count; i++)
        {
            foreach (var item in outgoing[i].Items)
            {
                var name = item switch
                {
                    Domain.ContractOffer => ContractOffer,
                    Domain.PoolProposal => PoolProposal,
                    _ => null,
                };
                if (name is null) continue;
                using var span = Start(name, default, ActivityKind.Producer, organisation, phase, PhaseLink());
                if (span is null) continue;
                var recipient = outgoing[i].Recipient;
                span.SetTag("economysim.counterparty", Counterparty(recipient));
                switch (item)
                {
                    case Domain.ContractOffer offer:
                        span.DisplayName = $"contract offer {organisation.Code} to {Counterparty(recipient)}";
                        span.SetTag("economysim.contract.regime", TelemetryCatalogue.Label(offer.Terms.Regime));
                        span.SetTag("economysim.contract.offered_gbp", (double)offer.Terms.AnnualValue.Pounds);
                        break;
                    case Domain.PoolProposal pool:
                        span.DisplayName = $"pool proposal {organisation.Code} to {Counterparty(recipient)}";
                        span.SetTag("economysim.pool.nhs_contribution_gbp", (double)pool.NhsContribution.Pounds);
                        break;
                }
                outbound[i] = span.Id;
                break;
            }
        }
    }

    /// <summary>A reply to an offer or a vote on a proposal continues the trace the offer or proposal started.</summary>
    private void Answer(OrganisationProfile organisation, CalendarPhase phase, IReadOnlyList<Letter> inbox, IReadOnlyList<string?> inbound,
        IReadOnlyList<OutgoingLetter> outgoing, string?[] outbound)
    {
        for (var i = 0; i < outgoing.Count; i++)
        {
            var recipient = outgoing[i].Recipient;
            if (ParentFrom(recipient, inbox, inbound) is not { } parent) continue;
            foreach (var item in outgoing[i].Items)
            {
                Activity? span;
                switch (item)
                {
                    case Domain.ContractReply reply:
                        span = Start(ContractReply, parent, ActivityKind.Consumer, organisation, phase);
                        if (span is null) break;
                        var word = reply.Kind switch
                        {
                            ContractReplyKind.Accept => "accepted",
                            ContractReplyKind.Counter => "counter-offer",
                            _ => "refused",
                        };
                        span.DisplayName = $"contract {word} by {organisation.Code}";
                        span.SetTag("economysim.contract.reply", TelemetryCatalogue.Label(reply.Kind));
                        span.SetTag("economysim.contract.asked_gbp", (double)reply.AskedValue.Pounds);
                        break;
                    case Domain.PoolReply reply:
                        span = Start(PoolReply, parent, ActivityKind.Consumer, organisation, phase);
                        if (span is null) break;
                        span.DisplayName = $"pool {(reply.Accepted ? "accepted" : "refused")} by {organisation.Code}";
                        span.SetTag("economysim.pool.accepted", reply.Accepted);
                        break;
                    case VoteCast vote:
                        span = Start(ReformVote, parent, ActivityKind.Consumer, organisation, phase);
                        if (span is null) break;
                        span.DisplayName = vote.Veto ? $"veto by {organisation.Code}" : $"vote {(vote.InFavour ? "for" : "against")} by {organisation.Code}";
                        span.SetTag("economysim.vote.in_favour", vote.InFavour);
                        span.SetTag("economysim.vote.veto", vote.Veto);
                        break;
                    default:
                        continue;
                }
                if (span is null) break;
                span.SetTag("economysim.counterparty", Counterparty(recipient));
                outbound[i] = span.Id;
                span.Stop();
                break;
            }
        }
    }

    /// <summary>The commissioner settles each negotiation whose reply it holds; the trace ends with the agreement.</summary>
    private void Settle(OrganisationProfile organisation, CalendarPhase phase, IReadOnlyList<Letter> inbox, IReadOnlyList<string?> inbound, IReadOnlyList<HistoryEvent> events)
    {
        for (var i = 0; i < inbox.Count; i++)
        {
            if (inbound[i] is not { } traceParent || !ActivityContext.TryParse(traceParent, null, out var parent)) continue;
            var counterparty = Counterparty(inbox[i].Sender);
            foreach (var item in inbox[i].Items)
            {
                if (item is Domain.ContractReply)
                {
                    using var span = Start(ContractAgreed, parent, ActivityKind.Internal, organisation, phase);
                    if (span is null) break;
                    span.DisplayName = $"contract agreed {organisation.Code} with {counterparty}";
                    span.SetTag("economysim.counterparty", counterparty);
                    foreach (var e in events)
                        if (e is ContractSettled settled && settled.Provider == counterparty)
                        {
                            span.SetTag("economysim.contract.reply", TelemetryCatalogue.Label(settled.ProviderReply));
                            span.SetTag("economysim.contract.agreed_gbp", (double)settled.Terms.AnnualValue.Pounds);
                        }
                    break;
                }
                if (item is Domain.PoolReply)
                {
                    using var span = Start(PoolSettled, parent, ActivityKind.Internal, organisation, phase);
                    if (span is null) break;
                    span.DisplayName = $"pool settled {organisation.Code} with {counterparty}";
                    span.SetTag("economysim.counterparty", counterparty);
                    foreach (var e in events)
                        if (e is Domain.PoolSettled settled && settled.Council == counterparty)
                        {
                            span.SetTag("economysim.pool.agreed", settled.Agreed);
                            span.SetTag("economysim.pool.transferred_gbp", (double)settled.Transferred.Pounds);
                        }
                    break;
                }
            }
        }
    }

    /// <summary>One proposal goes to every affected body; all their letters carry the proposal's context.</summary>
    private void Propose(OrganisationProfile organisation, CalendarPhase phase, IReadOnlyList<OutgoingLetter> outgoing, string?[] outbound)
    {
        Activity? span = null;
        var bodies = 0;
        for (var i = 0; i < outgoing.Count; i++)
        {
            if (outgoing[i].Items.OfType<ReconfigurationProposal>().FirstOrDefault() is not { } proposal) continue;
            if (span is null)
            {
                span = Start(ReformProposal, default, ActivityKind.Producer, organisation, phase, PhaseLink());
                if (span is null) return;
                span.DisplayName = $"reform proposal by {organisation.Code}";
                span.SetTag("economysim.reform.acute_shift", proposal.AcuteShift);
            }
            outbound[i] = span.Id;
            bodies++;
        }
        if (span is null) return;
        span.SetTag("economysim.reform.bodies", bodies);
        _proposals[organisation.Index] = span.Context;
        span.Stop();
    }

    /// <summary>The decision closes the proposal's trace, linked to every vote it counted.</summary>
    private void Decide(OrganisationProfile organisation, CalendarPhase phase, IReadOnlyList<Letter> inbox, IReadOnlyList<string?> inbound, IReadOnlyList<HistoryEvent> events)
    {
        var votes = new List<ActivityLink>();
        for (var i = 0; i < inbox.Count; i++)
            if (inbound[i] is { } traceParent && ActivityContext.TryParse(traceParent, null, out var vote))
                votes.Add(new ActivityLink(vote));
        if (votes.Count == 0) return;
        var parent = _proposals.TryRemove(organisation.Index, out var proposal) ? proposal : votes[0].Context;
        using var span = Start(ReformDecision, parent, ActivityKind.Internal, organisation, phase, votes);
        if (span is null) return;
        span.DisplayName = $"reform decision by {organisation.Code}";
        span.SetTag("economysim.reform.votes", votes.Count);
        foreach (var e in events)
            if (e is ProposalDecided decided)
            {
                span.DisplayName = $"reform {(decided.Adopted ? "adopted" : "rejected")} by {organisation.Code}";
                span.SetTag("economysim.reform.adopted", decided.Adopted);
                span.SetTag("economysim.reform.vetoes", decided.Vetoes);
                span.SetTag("economysim.reform.rule", TelemetryCatalogue.Label(decided.Rule));
            }
    }

    private ActivityLink[]? PhaseLink() => run.CurrentPhase is { } phase && phase != default ? [new ActivityLink(phase)] : null;

    private static ActivityContext? ParentFrom(int sender, IReadOnlyList<Letter> inbox, IReadOnlyList<string?> inbound)
    {
        for (var i = 0; i < inbox.Count; i++)
            if (inbox[i].Sender == sender && inbound[i] is { } traceParent && ActivityContext.TryParse(traceParent, null, out var context))
                return context;
        return null;
    }

    private string Counterparty(int index) => _economy?[index].Code ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private EconomyIndex? _economy;

    internal void Attach(EconomyIndex economy) => _economy = economy;

    private Activity? Start(string name, ActivityContext parent, ActivityKind kind, OrganisationProfile organisation, CalendarPhase phase, IEnumerable<ActivityLink>? links = null)
    {
        var span = RunTelemetry.StartSpan(name, parent, kind, links);
        if (span is null) return null;
        // Few tags: a run has tens of thousands of negotiation spans. Scenario, variant and regime are on the run's span.
        span.SetTag(TelemetryCatalogue.RunId, run.Labels.RunId);
        span.SetTag("economysim.organisation", organisation.Code);
        span.SetTag("economysim.organisation_kind", KindLabels[(int)organisation.Kind]);
        span.SetTag("economysim.year", phase.Year);
        return span;
    }
}
