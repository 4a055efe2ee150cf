using EconomySim.Domain.Organisations;

namespace EconomySim.Domain.Runs;

public sealed record RunSummary(string Digest, RunOutcomes Outcomes, long Letters, long Events, int Phases, int PhasesConserved);

/// <summary>
/// The model run as a plain loop: the same organisations, the same canonical letter order and the same books as the
/// actor engine, with no actors. It is the engine's reference: both must produce the same digest, and the engine's
/// speed is measured against it.
/// </summary>
public static class SequentialRun
{
    /// <param name="activated">Sees every organisation's report as the clock receives it, for breakdowns the book does not keep.</param>
    public static RunSummary Run(EconomyDefinition definition, long seed, Action<CalendarPhase>? afterPhase = null, Action<CalendarPhase, ActivationReport>? activated = null)
    {
        var economy = new EconomyIndex(definition);
        var organisations = economy.Profiles.Select(p => Organisation.Create(p, economy, seed)).ToArray();
        var hashers = organisations.Select(_ => new HistoryHasher()).ToArray();
        var post = new LetterPost(organisations.Length);
        var book = new RunBook(economy);
        var context = new StepContext(economy);
        try
        {
            foreach (var phase in economy.Calendar)
            {
                // As the clock does: every woken organisation's letters are taken before any of the phase's are posted.
                var woken = book.Wake(phase);
                var inboxes = new Letter[woken.Count][];
                for (var w = 0; w < woken.Count; w++)
                {
                    var (index, expected) = woken[w];
                    inboxes[w] = post.Deliver(index).Letters;
                    if (inboxes[w].Length != expected) throw new InvalidOperationException($"{economy[index].Code} expected {expected} letters and holds {inboxes[w].Length}.");
                }
                for (var w = 0; w < woken.Count; w++)
                {
                    var index = woken[w].Organisation;
                    organisations[index].Activate(context, phase, inboxes[w]);
                    var report = Report(organisations[index], context);
                    book.Completed(phase, report);
                    activated?.Invoke(phase, report);
                    var events = context.Events;
                    for (var i = 0; i < events.Count; i++) hashers[index].Append(events[i]);
                    var letters = context.Letters;
                    for (var i = 0; i < letters.Count; i++)
                        post.Post(letters[i].Recipient, new Letter(phase.Index, index, letters[i].Items));
                }
                book.EndPhase(phase);
                afterPhase?.Invoke(phase);
            }
            var digest = HistoryHasher.Combine(organisations.Select((o, i) => (o.Profile.Code, hashers[i].Current())).ToList());
            return new RunSummary(digest, book.Outcomes(), book.MessagesSent, book.EventsRecorded, economy.Calendar.Count, book.PhasesConserved);
        }
        finally
        {
            foreach (var h in hashers) h.Dispose();
        }
    }

    /// <summary>What an organisation's host reports to the clock after an activation.</summary>
    public static ActivationReport Report(Organisation organisation, StepContext context)
    {
        var letters = context.Letters;
        var recipients = new int[letters.Count];
        var pence = new long[letters.Count];
        for (var i = 0; i < letters.Count; i++)
        {
            recipients[i] = letters[i].Recipient;
            pence[i] = letters[i].Money.Pence;
        }
        var (metrics, values) = context.OutcomeContributions();
        return new ActivationReport(organisation.Index, recipients, pence, context.Received, organisation.Cash,
            organisation.TotalExternalIncome, organisation.TotalExternalSpending, metrics, values, context.Events.Count);
    }
}
