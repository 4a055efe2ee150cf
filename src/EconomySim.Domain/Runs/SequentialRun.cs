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
        var book = new RunBook(economy);
        var context = new StepContext(economy);
        try
        {
            var woken = new List<(int Organisation, Delivery Mail)>();
            foreach (var phase in economy.Calendar)
            {
                // Wake hands every organisation its letters before any of the phase's are posted, for the clock as here.
                book.Wake(phase, woken);
                foreach (var (index, mail) in woken)
                {
                    mail.Letters.PutInCanonicalOrder(mail.TraceParents);
                    organisations[index].Activate(context, phase, mail.Letters);
                    var report = Report(organisations[index], context);
                    book.Completed(phase, report);
                    activated?.Invoke(phase, report);
                    hashers[index].AppendAll(context.Events);
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
        var count = context.LetterCount;
        // An activation that sends nothing shares the empty array rather than allocating its own.
        SentLetter[] letters = count == 0 ? [] : new SentLetter[count];
        for (var i = 0; i < count; i++) letters[i] = new SentLetter(context.RecipientOf(i), context.MoneyIn(i), context.ItemsOf(i));
        var (metrics, values) = context.OutcomeContributions();
        return new ActivationReport(organisation.Index, letters, context.Received, organisation.Cash,
            organisation.TotalExternalIncome, organisation.TotalExternalSpending, metrics, values, context.Events.Count);
    }
}
