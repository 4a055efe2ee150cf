using System.Globalization;
using EconomySim.Domain;
using EconomySim.Scenarios.Yaml;
using static EconomySim.Scenarios.Binding.ValueRange;

namespace EconomySim.Scenarios.Binding;

/// <summary>
/// The single mapping table between scenario-file keys and the Domain's records: one line per field, in one file per
/// section (<c>trusts:</c> in ScenarioBinder.Trusts.cs). Adding a field to a parameter record means one line there, one
/// key in configs/scenario.schema.json and one line in each config (the tests check that the schema and this table agree).
/// Ranges are the honest ones: what the quantity can mean, not what today's configs happen to use.
/// </summary>
internal static partial class ScenarioBinder
{
    internal sealed record Bound(string Name, string Description, long StructureSeed, OrganisationStructure Organisations, EconomyParameters Parameters);

    // The NHS began in 1948; beyond 2100 nothing in the file could be calibrated.
    private static readonly ValueRange StartYears = Between(1948, 2100);
    private static readonly ValueRange YearCounts = Between(1, 50);
    // Upper bounds far beyond any real health economy keep every count, scaled by the generator, inside an int.
    private static readonly ValueRange Counts = Between(1, 1_000_000);
    private static readonly ValueRange Beds = Between(1, 1_000_000);
    private static readonly ValueRange People = Between(1, 10_000_000_000);
    private static readonly ValueRange Spread = Between(0, 2);

    // Cash totals are capped so that any scale the generator allows stays far inside whole pence in a long.
    private static readonly ValueRange Total = Between(0, 1_000_000_000_000m);
    private static readonly ValueRange Price = new(0m, 1_000_000m, ExclusiveMinimum: true);

    // Annual rates of change (growth, uplift): a fall of half or a doubling in one year is already beyond any settlement.
    private static readonly ValueRange AnnualChange = Between(-0.5m, 1m);

    internal const string NamePattern = "^[a-z0-9][a-z0-9-]{0,63}$";

    /// <summary>The sections a policy change may override; the economy's structure and the run's calendar cannot change.</summary>
    internal static readonly string[] PolicySections = ["funder", "commissioning", "contracts", "trusts", "primary_care", "social_care", "governance", "health", "demand"];

    // Levels of demand or throughput in one year relative to trend: a pandemic year halves some, none triples.
    private static readonly ValueRange YearLevel = Between(0, 3);

    public static Bound Bind(SectionReader r) => Bind(r, readPolicyChanges: true);

    private static Bound Bind(SectionReader r, bool readPolicyChanges)
    {
        r.Text(ScenarioSource.ExtendsKey, required: false);
        var (name, description, startYear, years, seed) = r.Section("scenario", s => (
            s.Text("name", pattern: NamePattern, meaning: "must be 1-64 lower-case letters, digits and hyphens, starting with a letter or digit (it becomes part of run ids)"),
            s.Text("description", required: false),
            s.Integer("start_year", StartYears),
            s.Integer("years", YearCounts),
            s.Long("structure_seed", AtLeast(0))));
        var organisations = r.Section("organisations", Organisations);
        var parameters = new EconomyParameters(
            StartYear: startYear,
            Years: years,
            Funder: r.Section("funder", Funder),
            Commissioning: r.Section("commissioning", Commissioning),
            Contracts: r.Section("contracts", Contracts),
            Trusts: r.Section("trusts", Trusts),
            PrimaryCare: r.Section("primary_care", PrimaryCare),
            SocialCare: r.Section("social_care", SocialCare),
            Governance: r.Section("governance", Governance),
            Health: r.Section("health", Health),
            PolicyChanges: [],
            Demand: r.Section("demand", Demand, required: false));
        if (readPolicyChanges)
        {
            var runYears = years > 1 ? Between(startYear + 1, startYear + years - 1) : (ValueRange?)null;
            var changes = r.OverrideList("policy_changes", StartYears, PolicySections, runYears ?? new ValueRange(1, 0));
            parameters = parameters with { PolicyChanges = BindPolicyChanges(r, changes) };
        }
        r.Finish();
        return new Bound(name, description, seed, organisations, parameters);
    }

    /// <summary>
    /// Each policy change is its overrides merged over the scenario as it stood after the previous change, bound by the same
    /// rules as the scenario itself, so a mistake in a change is reported where it was written, with the same messages.
    /// Bound only when the scenario itself is valid: otherwise every change would repeat the scenario's own errors.
    /// </summary>
    private static IReadOnlyList<PolicyChange> BindPolicyChanges(SectionReader r, IReadOnlyList<(int Year, string Description, TreeMap Overlay, string Path)> changes)
    {
        if (changes.Count == 0 || r.Map is not { } root || r.Context is not { } context || context.Errors.Count > 0) return [];
        var result = new List<PolicyChange>();
        TreeNode merged = root.Without("policy_changes");
        foreach (var (year, description, overlay, path) in changes)
        {
            merged = TreeMerge.Merge(merged, overlay);
            var before = context.Errors.Count;
            var bound = Bind(SectionReader.ForDocument(context, (TreeMap)merged, path), readPolicyChanges: false);
            if (context.Errors.Count > before) continue;
            result.Add(new PolicyChange(year, description.Length > 0 ? description : $"policy change from {year}", bound.Parameters));
        }
        return result;
    }

    /// <summary>The shares of a commissioner's allocation, which must account for all of it.</summary>
    internal static readonly string[] AllocationShares =
        ["acute_share", "community_share", "mental_health_share", "primary_care_share", "prevention_share", "pooled_share", "other_services_share", "reserve_share"];

    /// <summary>An optional number whose absence means "follow another key" rather than a fixed default.</summary>
    private static double? OptionalNumber(SectionReader s, string key, ValueRange range)
    {
        var value = s.Number(key, range, double.NaN);
        return s.Has(key) ? value : null;
    }

    private static string Show(decimal d) => d.ToString("0.##########", CultureInfo.InvariantCulture);

    private static readonly Lazy<IReadOnlyList<KeySpec>> CatalogueOnce = new(() =>
    {
        var reader = SectionReader.ForCatalogue();
        Bind(reader);
        return reader.Specs;
    });

    /// <summary>Every key the format accepts, section by section, learnt by running <see cref="Bind"/> over no document.</summary>
    public static IReadOnlyList<KeySpec> Catalogue() => CatalogueOnce.Value;
}
