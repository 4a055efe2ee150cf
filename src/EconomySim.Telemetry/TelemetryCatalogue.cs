using EconomySim.Domain;

namespace EconomySim.Telemetry;

/// <summary>What kind of OpenTelemetry instrument carries a metric, which decides how Prometheus shows it.</summary>
public enum InstrumentKind
{
    /// <summary>A running total that only grows (Prometheus: counter, name ends in _total).</summary>
    Counter,
    /// <summary>A running total that can fall, such as a surplus (Prometheus: gauge).</summary>
    UpDownCounter,
    /// <summary>A level at the latest simulated month, such as a waiting list (Prometheus: gauge).</summary>
    Gauge,
    /// <summary>A distribution of durations (Prometheus: histogram with _bucket, _sum and _count).</summary>
    Histogram,
}

/// <param name="Name">OpenTelemetry instrument name, economysim.&lt;area&gt;.&lt;quantity&gt;.</param>
/// <param name="Unit">UCUM-style unit: GBP, s, or a count in braces such as {admission}.</param>
/// <param name="Attributes">The attributes every measurement carries; all of them are low in cardinality.</param>
/// <param name="Outcome">The model outcome the instrument reports, or null for the engine's own health.</param>
public sealed record InstrumentInfo(string Name, string Unit, InstrumentKind Kind, IReadOnlyList<string> Attributes, string Meaning, Metric? Outcome)
{
    public string Area => Name.Split('.')[1];

    /// <summary>
    /// The name Prometheus shows (the exporter's default translation): dots become underscores, a unit that is not an
    /// annotation in braces or the dimensionless "1" is appended (seconds spelled out), and a counter ends in _total.
    /// </summary>
    public string PrometheusName
    {
        get
        {
            var name = Name.Replace('.', '_');
            var unit = Unit switch
            {
                "s" => "seconds",
                "1" => "",
                _ when Unit.StartsWith('{') => "",
                _ => Unit,
            };
            if (unit.Length > 0) name += "_" + unit;
            return Kind == InstrumentKind.Counter ? name + "_total" : name;
        }
    }
}

/// <summary>
/// Every instrument EconomySim emits. The outcome instruments are derived from the domain's <see cref="MetricCatalogue"/>
/// (one list of outcomes), each placed in an area; the engine's health instruments are listed here.
/// </summary>
public static class TelemetryCatalogue
{
    public const string RunId = "run_id";
    public const string Scenario = "scenario";
    public const string Variant = "variant";
    public const string Regime = "regime";
    public const string OrganisationKind = "organisation_kind";
    public const string Region = "region";
    public const string PhaseKind = "phase_kind";

    public static readonly IReadOnlyList<string> RunAttributes = [RunId, Scenario, Variant, Regime];
    public static readonly IReadOnlyList<string> OutcomeAttributes = [RunId, Scenario, Variant, Regime, OrganisationKind, Region];

    /// <summary>Derived outcomes (shares, ratios) are not additive over organisation kinds, so they are reported by region.</summary>
    public static readonly IReadOnlyList<string> DerivedAttributes = [RunId, Scenario, Variant, Regime, Region];

    /// <summary>Outcomes that are running totals but can fall (a deficit is a negative surplus, a gap can turn).</summary>
    private static readonly HashSet<Metric> Signed = [Metric.TrustSurplus, Metric.CommissionerSurplus, Metric.NetQalysMostDeprivedMilli, Metric.NetQalysLeastDeprivedMilli];

    /// <summary>The area of each outcome; the tests require every outcome of the model to have one.</summary>
    public static string? AreaOf(Metric metric) => metric switch
    {
        Metric.CommissionerAllocations or Metric.SocialCareGrants or Metric.PumpPrime or Metric.SettlementAdditions or Metric.SpendAcute or Metric.SpendCommunity
            or Metric.SpendMentalHealth or Metric.SpendPrimaryCare or Metric.SpendPrevention or Metric.SpendOtherServices
            or Metric.PooledTransfers or Metric.SocialCareSpend or Metric.PublicHealthSpend or Metric.TrustIncome or Metric.TrustCost
            or Metric.TrustSurplus or Metric.TrustsInDeficit or Metric.TrustsReporting or Metric.TrustsInDeficitShare or Metric.CommissionerSurplus or Metric.BailoutCount or Metric.BailoutValue
            or Metric.TransformationFundPaid or Metric.TransformationFundWithheld or Metric.PreventionInvestment or Metric.MarginalEmergencyRetained
            or Metric.OutcomeWithholdKept or Metric.PersonalBudgetCareSpend or Metric.TrustCostAtBasePrices or Metric.SystemSurplus => "finance",
        Metric.GpAppointments or Metric.FailedGpAccess or Metric.AandEAttendances or Metric.EmergencyAdmissions or Metric.AvoidableAdmissions
            or Metric.ElectiveReferrals or Metric.ElectiveTreated or Metric.WaitingList or Metric.WaitingOver18Weeks
            or Metric.DelayedDischargeBedDays or Metric.BedDaysAvailable or Metric.BedDaysUsed or Metric.CostWeightedActivity
            or Metric.WaitingOver18WeeksShare or Metric.BedOccupancy or Metric.Productivity
            or Metric.AandEWithinFourHours or Metric.DelayedDischargeBeds or Metric.WaitingWithin18WeeksShare or Metric.AandEWithinFourHoursShare => "activity",
        Metric.PeopleSupported or Metric.UnmetSocialCareNeed or Metric.CareQualityOfLifePointsMilli or Metric.CareRelatedQualityOfLife => "social_care",
        Metric.ContractsAccepted or Metric.ContractsCountered or Metric.ContractsRefused or Metric.PoolsAgreed or Metric.Proposals
            or Metric.VotesInFavour or Metric.VotesAgainst or Metric.Vetoes or Metric.ReformsAdopted or Metric.ContractFailures
            or Metric.ScrutinyReferrals or Metric.NationalOverrides or Metric.AdoptionDelayYears or Metric.MeanYearsToAdopt => "governance",
        Metric.ShareAcute or Metric.SharePrimaryCare or Metric.ShareCommunity or Metric.ShareMentalHealth or Metric.ShareSocialCare
            or Metric.SharePrevention => "mix",
        Metric.PublicHealthQalysMilli or Metric.Population or Metric.HealthGapMilliPerThousand or Metric.CostPerHead
            or Metric.OlderPopulation or Metric.Population65PlusShare or Metric.QalysLostWaitingMilli or Metric.QalysLostAvoidableAdmissionsMilli
            or Metric.QalysLostUnmetCareMilli or Metric.QalysLostMilli or Metric.NetHealthQalysMilli or Metric.NetQalysMostDeprivedMilli
            or Metric.NetQalysLeastDeprivedMilli or Metric.PopulationMostDeprived or Metric.PopulationLeastDeprived => "population",
        _ => null,
    };

    public static InstrumentKind KindOf(MetricInfo info) => info.Aggregation switch
    {
        Aggregation.Last or Aggregation.Derived => InstrumentKind.Gauge,
        _ when Signed.Contains(info.Metric) => InstrumentKind.UpDownCounter,
        _ => InstrumentKind.Counter,
    };

    /// <summary>The instrument that reports an outcome. An outcome added to the model without an area lands in "outcome".</summary>
    public static InstrumentInfo ForOutcome(MetricInfo info)
    {
        var kind = KindOf(info);
        var meaning = info.Aggregation switch
        {
            Aggregation.Derived => $"{info.Meaning}, in the latest simulated month, by region",
            Aggregation.Last => $"{info.Meaning}, at the latest simulated month",
            _ => $"{info.Meaning}, total since the run started",
        };
        var attributes = info.Aggregation == Aggregation.Derived ? DerivedAttributes : OutcomeAttributes;
        return new InstrumentInfo($"economysim.{AreaOf(info.Metric) ?? "outcome"}.{info.Name}", info.Unit, kind, attributes, meaning, info.Metric);
    }

    public static readonly InstrumentInfo SimulatedTick = new("economysim.engine.simulated_tick", "{month}", InstrumentKind.Gauge, RunAttributes,
        "Simulated months completed by the run (0 before the first month ends)", null);
    public static readonly InstrumentInfo TicksPerSecond = new("economysim.engine.ticks_per_second", "{month}/s", InstrumentKind.Gauge, RunAttributes,
        "Simulated months completed per second of wall time, over the last second or so", null);
    public static readonly InstrumentInfo MessagesPerSecond = new("economysim.engine.messages_per_second", "{message}/s", InstrumentKind.Gauge, RunAttributes,
        "Letters between organisations per second of wall time, over the last second or so", null);
    public static readonly InstrumentInfo EventsPerSecond = new("economysim.engine.events_per_second", "{event}/s", InstrumentKind.Gauge, RunAttributes,
        "History events recorded (and persisted, when the run has a store) per second of wall time, over the last second or so", null);
    public static readonly InstrumentInfo Phases = new("economysim.engine.phases", "{phase}", InstrumentKind.Counter, RunAttributes,
        "Calendar phases completed", null);
    public static readonly InstrumentInfo Messages = new("economysim.engine.messages", "{message}", InstrumentKind.Counter, RunAttributes,
        "Letters sent between organisations", null);
    public static readonly InstrumentInfo Events = new("economysim.engine.events", "{event}", InstrumentKind.Counter, RunAttributes,
        "History events recorded (and persisted, when the run has a store)", null);
    public static readonly InstrumentInfo PhaseDuration = new("economysim.engine.phase_duration", "s", InstrumentKind.Histogram, [.. RunAttributes, PhaseKind],
        "Wall time of one calendar phase, from waking its organisations to closing its books", null);

    public static readonly IReadOnlyList<InstrumentInfo> Engine = [SimulatedTick, TicksPerSecond, MessagesPerSecond, EventsPerSecond, Phases, Messages, Events, PhaseDuration];

    public static IReadOnlyList<InstrumentInfo> Outcomes { get; } = MetricCatalogue.All.Select(ForOutcome).ToList();

    public static IReadOnlyList<InstrumentInfo> All { get; } = [.. Outcomes, .. Engine];

    /// <summary>The catalogue as the Markdown table of dashboards/README.md.</summary>
    public static string MarkdownTable()
    {
        var b = new System.Text.StringBuilder();
        b.AppendLine("| instrument | Prometheus name | unit | kind | attributes | meaning |");
        b.AppendLine("|---|---|---|---|---|---|");
        foreach (var i in All)
        {
            var kind = i.Kind switch
            {
                InstrumentKind.Counter => "counter",
                InstrumentKind.UpDownCounter => "up-down counter",
                InstrumentKind.Gauge => "gauge",
                _ => "histogram",
            };
            b.AppendLine($"| `{i.Name}` | `{i.PrometheusName}` | `{i.Unit}` | {kind} | {string.Join(", ", i.Attributes)} | {i.Meaning} |");
        }
        return b.ToString();
    }

    /// <summary>Attribute values are snake_case words, as Prometheus label values are usually written.</summary>
    public static string Label<T>(T value) where T : struct, Enum => SnakeCase(value.ToString());

    public static string SnakeCase(string pascal)
    {
        var b = new System.Text.StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) b.Append('_');
            b.Append(char.ToLowerInvariant(pascal[i]));
        }
        return b.ToString();
    }

    /// <summary>The regime label of a run: allocation, acute payment, decision rule and bailout regime.</summary>
    public static string RegimeOf(EconomyParameters parameters) =>
        $"{Label(parameters.Governance.Allocation)}+{Label(parameters.Contracts.Acute)}+{Label(parameters.Governance.DecisionRule)}+{Label(parameters.Governance.Bailout)}";
}
