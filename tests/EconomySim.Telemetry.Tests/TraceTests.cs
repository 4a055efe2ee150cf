using System.Diagnostics;
using Akka.TestKit.Xunit2;
using EconomySim.Domain.Tests;
using EconomySim.Telemetry.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace EconomySim.Telemetry.Tests;

public class TraceTests : TestKit
{
    private static async Task<List<Activity>> TracedRunAsync(Akka.Actor.ActorSystem system, string runId, long seed)
    {
        var spans = new List<Activity>();
        using (var tracers = Sdk.CreateTracerProviderBuilder().AddSource(EconomySimTelemetry.Name).AddInMemoryExporter(spans).Build())
        {
            var (_, telemetry) = await ObservedRuns.RunAsync(system, SmallEconomy.Build(), seed, runId, metrics: false);
            telemetry.Dispose();
            tracers.ForceFlush();
        }
        var run = spans.Single(s => s.OperationName == "run" && (string?)s.GetTagItem(TelemetryCatalogue.RunId) == runId);
        // The run's own trace (years and phases) and the negotiations it carried, each in a trace of its own.
        return spans.Where(s => s.TraceId == run.TraceId || (string?)s.GetTagItem(TelemetryCatalogue.RunId) == runId).ToList();
    }

    [Fact]
    public async Task A_run_has_a_span_per_simulated_year_and_per_phase_under_its_run_span()
    {
        var spans = await TracedRunAsync(Sys, "trace-years", 2);
        var run = spans.Single(s => s.OperationName == "run");
        var years = spans.Where(s => s.OperationName == "year").ToList();
        var phases = spans.Where(s => s.OperationName == "phase").ToList();
        Assert.Equal(3, years.Count);
        Assert.All(years, y => Assert.Equal(run.SpanId, y.ParentSpanId));
        Assert.Equal(EconomySim.Domain.Calendar.Build(2024, 3).Count, phases.Count);
        Assert.All(phases, p => Assert.Contains(years, y => y.SpanId == p.ParentSpanId));
        Assert.Equal(ActivityStatusCode.Ok, run.Status);
    }

    [Fact]
    public async Task A_contract_negotiation_offer_reply_and_agreement_share_one_trace_across_actors()
    {
        var spans = await TracedRunAsync(Sys, "trace-contracts", 2);
        var offers = spans.Where(s => s.OperationName == NegotiationTracer.ContractOffer).ToList();
        // Small economy: each year two commissioners offer contracts to five trusts and four GP federations.
        Assert.Equal(3 * 9, offers.Count);
        Assert.Equal(offers.Count, offers.Select(o => o.TraceId).Distinct().Count());
        foreach (var offer in offers)
        {
            var reply = Assert.Single(spans, s => s.OperationName == NegotiationTracer.ContractReply && s.ParentSpanId == offer.SpanId);
            var agreed = Assert.Single(spans, s => s.OperationName == NegotiationTracer.ContractAgreed && s.ParentSpanId == reply.SpanId);
            Assert.Equal(offer.TraceId, reply.TraceId);
            Assert.Equal(offer.TraceId, agreed.TraceId);
            // Three organisations' actors took part: the commissioner offered and settled, the provider replied.
            Assert.Equal(offer.GetTagItem("economysim.organisation"), agreed.GetTagItem("economysim.organisation"));
            Assert.Equal(offer.GetTagItem("economysim.counterparty"), reply.GetTagItem("economysim.organisation"));
            Assert.Equal(reply.GetTagItem("economysim.contract.reply"), agreed.GetTagItem("economysim.contract.reply"));
            Assert.Contains(reply.GetTagItem("economysim.contract.reply"), new object[] { "accept", "counter", "refuse" });
        }
        var run = spans.Single(s => s.OperationName == "run");
        Assert.DoesNotContain(offers, o => o.TraceId == run.TraceId);
        Assert.All(offers, o => Assert.Contains(spans, p => p.OperationName == "phase" && o.Links.Any(l => l.Context.SpanId == p.SpanId)));
    }

    [Fact]
    public async Task A_reform_proposal_its_votes_or_vetoes_and_the_decision_share_one_trace()
    {
        var spans = await TracedRunAsync(Sys, "trace-reforms", 2);
        var proposals = spans.Where(s => s.OperationName == NegotiationTracer.ReformProposal).ToList();
        Assert.NotEmpty(proposals);
        foreach (var proposal in proposals)
        {
            var votes = spans.Where(s => s.OperationName == NegotiationTracer.ReformVote && s.ParentSpanId == proposal.SpanId).ToList();
            Assert.Equal(proposal.GetTagItem("economysim.reform.bodies"), votes.Count);
            var decision = Assert.Single(spans, s => s.OperationName == NegotiationTracer.ReformDecision && s.ParentSpanId == proposal.SpanId);
            Assert.All(votes, v => Assert.Equal(proposal.TraceId, v.TraceId));
            Assert.Equal(proposal.TraceId, decision.TraceId);
            Assert.Equal(votes.Select(v => v.SpanId.ToHexString()).Order(), decision.Links.Select(l => l.Context.SpanId.ToHexString()).Order());
            Assert.Equal(votes.Count(v => (bool)v.GetTagItem("economysim.vote.veto")!), decision.GetTagItem("economysim.reform.vetoes"));
        }
    }
}
