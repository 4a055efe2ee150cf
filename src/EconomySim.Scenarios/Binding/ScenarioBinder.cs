using System.Globalization;
using EconomySim.Domain;
using EconomySim.Scenarios.Yaml;
using static EconomySim.Scenarios.Binding.ValueRange;

namespace EconomySim.Scenarios.Binding;

/// <summary>
/// The single mapping table between scenario-file keys and the Domain's records: one line per field. Adding a field to a
/// parameter record means one line here, one key in configs/scenario.schema.json and one line in each config (the tests
/// check that the schema and this table agree). Ranges are the honest ones: what the quantity can mean, not what today's
/// configs happen to use.
/// </summary>
internal static class ScenarioBinder
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
            Funder: r.Section("funder", s => new FunderParameters(
                CommissionerAllocations: s.Pounds("commissioner_allocations_gbp", Total),
                AllocationGrowth: s.Decimal("allocation_growth", AnnualChange),
                PaceOfChange: s.Number("pace_of_change", Fraction),
                TariffUplift: s.Decimal("tariff_uplift", AnnualChange),
                EfficiencyFactor: s.Decimal("efficiency_factor", Between(0, 0.5m)),
                PublicHealthGrant: s.Pounds("public_health_grant_gbp", Total),
                SocialCareGrant: s.Pounds("social_care_grant_gbp", Total),
                BailoutBaseProbability: s.Number("bailout_base_probability", Fraction),
                BailoutProbabilityPerDeficitShare: s.Number("bailout_probability_per_deficit_share", Between(0, 100)),
                PumpPrimeFunding: s.Pounds("pump_prime_funding_gbp", Total),
                PumpPrimeYears: s.Integer("pump_prime_years", Between(1, 50), 1),
                TransformationFund: s.Pounds("transformation_fund_gbp", Total, Money.Zero),
                TransformationConditionalShare: s.Number("transformation_conditional_share", Fraction, 0.7),
                ControlTotalSurplusShare: s.Number("control_total_surplus_share", Between(-0.5m, 0.5m), 0),
                InYearFunding: s.Pounds("in_year_funding_gbp", Total, Money.Zero),
                PayAwardInSettlement: OptionalNumber(s, "pay_award_in_settlement", AnnualChange))),
            Commissioning: r.Section("commissioning", Commissioning),
            Contracts: r.Section("contracts", s => new ContractParameters(
                Acute: s.Choice<PaymentRegime>("acute_payment"),
                Community: s.Choice<PaymentRegime>("community_payment"),
                MentalHealth: s.Choice<PaymentRegime>("mental_health_payment"),
                PrimaryCare: s.Choice<PaymentRegime>("primary_care_payment"),
                ElectivePrice: s.Pounds("elective_price_gbp", Price),
                EmergencyPrice: s.Pounds("emergency_price_gbp", Price),
                AandEPrice: s.Pounds("ae_price_gbp", Price),
                BlendedVariableRate: s.Number("blended_variable_rate", Fraction),
                CapitationDeadBand: s.Number("capitation_dead_band", Fraction),
                CapitationSharedFraction: s.Number("capitation_shared_fraction", Fraction),
                AcceptTolerance: s.Number("accept_tolerance", Fraction),
                RefuseThreshold: s.Number("refuse_threshold", Fraction),
                MaxConcession: s.Number("max_concession", Fraction),
                // Defaults for regime-specific terms, used only when a scenario picks the regime (sources in docs/MODEL.md).
                ElectiveVariableRate: s.Number("blended_elective_variable_rate", Fraction, (double)s.ValueOf("blended_variable_rate")),
                MarginalEmergencyRate: s.Number("marginal_emergency_rate", Fraction, 0.3),
                BlockNegotiatedGrowth: s.Number("block_negotiated_growth", AnnualChange, 0),
                CapitationCorridorCap: s.Number("capitation_corridor_cap", Fraction, 1),
                CapitationStopLoss: s.Number("capitation_stop_loss", Fraction, 1),
                OutcomeWithholdShare: s.Number("outcome_withhold_share", Fraction, 0.05),
                OutcomeTargetWithin18Weeks: s.Number("outcome_target_within_18_weeks", AboveZeroUpTo(1), 0.92),
                OutcomeFailureScore: s.Number("outcome_failure_score", Fraction, 0.5),
                PersonalBudgetSocialCareShare: s.Number("personal_budget_social_care_share", Fraction, 0.3))),
            Trusts: r.Section("trusts", s => new TrustParameters(
                ElectiveMarginalCostShare: s.Number("elective_marginal_cost_share", Between(0, 5)),
                EmergencyMarginalCostShare: s.Number("emergency_marginal_cost_share", Between(0, 5)),
                AltruismWeight: s.Number("altruism_weight", Fraction),
                ElectivePathwaysPerBedPerYear: s.Number("elective_pathways_per_bed_per_year", AboveZeroUpTo(100_000)),
                ElectiveBedDaysPerPathway: s.Number("elective_bed_days_per_pathway", Between(0, 365)),
                EmergencyLengthOfStay: s.Number("emergency_length_of_stay_days", AboveZeroUpTo(365)),
                OccupancyTarget: s.Number("occupancy_target", AboveZeroUpTo(1)),
                DelayedDischargeShareOfBeds: s.Number("delayed_discharge_share_of_beds", Fraction),
                SocialCareShareOfDelays: s.Number("social_care_share_of_delays", Fraction),
                CareSupplyElasticity: s.Number("care_supply_elasticity", Between(0, 10)),
                WaitingDropOutRate: s.Number("waiting_drop_out_rate", Fraction),
                EfficiencyEffort: s.Number("efficiency_effort", Fraction),
                SoftBudgetEffortLoss: s.Number("soft_budget_effort_loss", Fraction),
                VetoIncomeThreshold: s.Number("veto_income_threshold", Fraction),
                InitialWaitingListPerHead: s.Number("initial_waiting_list_per_head", Between(0, 10)),
                PayAward: OptionalNumber(s, "pay_award", AnnualChange),
                NonPayInflation: OptionalNumber(s, "non_pay_inflation", AnnualChange),
                PayShareOfCost: s.Number("pay_share_of_cost", Fraction, 0.6),
                CostIntensityGrowth: s.Number("cost_intensity_growth", Between(-0.5m, 0.5m), 0),
                PandemicCostShare: s.Number("pandemic_cost_share", Between(0, 1), 0),
                StaffGrowth: s.Number("staff_growth", AnnualChange, 0),
                BedGrowth: s.Number("bed_growth", AnnualChange, 0),
                ElectiveProductivity: s.Number("elective_productivity", YearLevel, 1),
                ElectiveMarginResponse: s.Number("elective_margin_response", Between(0, 10), 0),
                DeficitEffort: s.Number("deficit_effort", Between(0, 10), 0),
                InitialCostGap: s.Number("initial_cost_gap", Between(-0.5m, 0.5m), 0),
                InitialCostGapSpread: s.Number("initial_cost_gap_spread", Between(0, 0.5m), 0),
                AandEFourHourLogitAtTargetOccupancy: s.Number("ae_four_hour_logit_at_target_occupancy", Between(-20, 20), 0),
                AandEFourHourOccupancySlope: s.Number("ae_four_hour_occupancy_slope", Between(0, 1000), 0),
                TreatInTurnShare: s.Number("treat_in_turn_share", Fraction, 0),
                UrgentFirstShare: s.Number("urgent_first_share", Fraction, 0),
                BoughtCapacityShare: s.Number("bought_capacity_share", Fraction, 0),
                BoughtCapacityCostPremium: s.Number("bought_capacity_cost_premium", Between(1, 10), 1))),
            PrimaryCare: r.Section("primary_care", s => new PrimaryCareParameters(
                AppointmentsPerHead: s.Number("appointments_per_head", Between(0, 100)),
                CapacityPerHead: s.Number("capacity_per_head", Between(0, 100)),
                ReferralsPerAppointment: s.Number("referrals_per_appointment", Fraction),
                EmergencyAdmissionsPerHead: s.Number("emergency_admissions_per_head", Between(0, 10)),
                AvoidableShare: s.Number("avoidable_share", Fraction),
                AandEAttendancesPerHead: s.Number("ae_attendances_per_head", Between(0, 10)),
                AandEShareAfterFailedAccess: s.Number("ae_share_after_failed_access", Fraction),
                FixedCostShare: s.Number("fixed_cost_share", Fraction),
                PreventionLagYears: s.Integer("prevention_lag_years", Between(0, 50)),
                PreventionMaxEffect: s.Number("prevention_max_effect", Fraction),
                PreventionPoundsPerHeadForHalfEffect: s.Number("prevention_spend_per_head_for_half_effect_gbp", AboveZeroUpTo(1_000_000)),
                CapacityLevel: s.Number("capacity_level", YearLevel, 1))),
            SocialCare: r.Section("social_care", s => new SocialCareParameters(
                OwnResources: s.Pounds("own_resources_gbp", Total),
                CostPerPersonSupported: s.Pounds("cost_per_person_supported_gbp", Price),
                NeedPerOlderPerson: s.Number("need_per_older_person", Fraction),
                SupplyAdjustment: s.Number("supply_adjustment", Fraction),
                PublicHealthShareOfGrant: s.Number("public_health_share_of_grant", Fraction),
                CostInflation: OptionalNumber(s, "cost_inflation", AnnualChange),
                OwnResourcesGrowth: OptionalNumber(s, "own_resources_growth", AnnualChange))),
            Governance: r.Section("governance", s => new GovernanceParameters(
                Allocation: s.Choice<AllocationRegime>("allocation"),
                DecisionRule: s.Choice<DecisionRule>("decision_rule"),
                QualifiedMajority: s.Number("qualified_majority", Between(0.5m, 1)),
                Weighting: s.Choice<VoteWeighting>("vote_weighting"),
                Bailout: s.Choice<BailoutRegime>("bailout"),
                SettlementHorizonYears: s.Integer("settlement_horizon_years", YearCounts),
                ScrutinyReferralProbability: s.Number("scrutiny_referral_probability", Fraction, 0),
                ScrutinyDelayYears: s.Integer("scrutiny_delay_years", Between(0, 50), 1),
                ControlTotals: s.Choice("control_totals", ControlTotalLevel.Trust))),
            Health: r.Section("health", s => new HealthParameters(
                PublicHealthPoundsPerQaly: s.Decimal("public_health_cost_per_qaly_gbp", Price),
                NhsCarePoundsPerQaly: s.Decimal("nhs_care_cost_per_qaly_gbp", Price),
                WaitingQalyLossPerPatientYear: s.Number("waiting_qaly_loss_per_patient_year", Fraction),
                AvoidableAdmissionQalyLoss: s.Number("avoidable_admission_qaly_loss", Fraction),
                UnmetCareQalyLossPerPersonYear: s.Number("unmet_care_need_qaly_loss_per_person_year", Fraction),
                WithinCouncilDeprivationSpread: s.Number("within_council_deprivation_spread", AboveZeroUpTo(2)),
                EmergencyAdmissionsRatioMostDeprived: s.Number("emergency_admissions_ratio_most_deprived", AboveZeroUpTo(10)),
                ElectiveRatioMostDeprived: s.Number("elective_ratio_most_deprived", AboveZeroUpTo(10)),
                IllHealthRatioMostDeprived: s.Number("ill_health_ratio_most_deprived", AboveZeroUpTo(10)),
                CareQualityOfLifeAtReference: s.Number("care_quality_of_life_at_reference", Between(0, 24)),
                CareQualityOfLifeWithoutCare: s.Number("care_quality_of_life_without_care", Between(0, 24)),
                CareIntensityElasticity: s.Number("care_intensity_elasticity", Fraction))),
            PolicyChanges: [],
            Demand: r.Section("demand", s => new DemandParameters(
                PopulationGrowth: s.Number("population_growth", AnnualChange, 0),
                OlderPopulationGrowth: s.Number("older_population_growth", AnnualChange, 0),
                OlderRelativeUse: s.Number("older_relative_use", AboveZeroUpTo(20), 1),
                GpAppointmentsGrowth: s.Number("gp_appointments_growth", AnnualChange, 0),
                ReferralsGrowth: s.Number("referrals_growth", AnnualChange, 0),
                AandEAttendancesGrowth: s.Number("ae_attendances_growth", AnnualChange, 0),
                EmergencyAdmissionsGrowth: s.Number("emergency_admissions_growth", AnnualChange, 0),
                GpAppointmentsLevel: s.Number("gp_appointments_level", YearLevel, 1),
                ReferralsLevel: s.Number("referrals_level", YearLevel, 1),
                AandEAttendancesLevel: s.Number("ae_attendances_level", YearLevel, 1),
                EmergencyAdmissionsLevel: s.Number("emergency_admissions_level", YearLevel, 1)), required: false));
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

    private static CommissioningParameters Commissioning(SectionReader s)
    {
        var p = new CommissioningParameters(
            AcuteShare: s.Number("acute_share", Fraction),
            CommunityShare: s.Number("community_share", Fraction),
            MentalHealthShare: s.Number("mental_health_share", Fraction),
            PrimaryCareShare: s.Number("primary_care_share", Fraction),
            PreventionShare: s.Number("prevention_share", Fraction),
            PooledShare: s.Number("pooled_share", Fraction),
            OtherServicesShare: s.Number("other_services_share", Fraction),
            ReserveShare: s.Number("reserve_share", Fraction),
            ProposalProbability: s.Number("proposal_probability", Fraction),
            ProposedShift: s.Number("proposed_shift", Fraction),
            AcuteGrowth: s.Choice("acute_growth", AcuteGrowthPolicy.ShareOfAllocation),
            GrowthToPrimaryCare: s.Number("flat_cash_growth_to_primary_care", Fraction, 1.0 / 3),
            GrowthToCommunity: s.Number("flat_cash_growth_to_community", Fraction, 1.0 / 3),
            GrowthToPrevention: s.Number("flat_cash_growth_to_prevention", Fraction, 1.0 / 3),
            PreventionInvestmentShare: s.Number("prevention_investment_share", Fraction, 0),
            DiscountRate: s.Number("discount_rate", Fraction, 0.035),
            EmergencyDepartmentClosureProbability: s.Number("emergency_department_closure_probability", Fraction, 0),
            ReserveReleaseShare: s.Number("reserve_release_share", Fraction, 0));
        string[] growthShares = ["flat_cash_growth_to_primary_care", "flat_cash_growth_to_community", "flat_cash_growth_to_prevention"];
        if (p.AcuteGrowth == AcuteGrowthPolicy.FlatCash && growthShares.Any(s.Has) && growthShares.All(k => !s.IsBad(k)))
        {
            var sum = (decimal)(p.GrowthToPrimaryCare + p.GrowthToCommunity + p.GrowthToPrevention);
            if (Math.Abs(sum - 1m) > 1e-6m)
                s.FailSection($"under acute_growth: flat_cash the growth shares {string.Join(" + ", growthShares)} add up to {Show(sum)}",
                    "they must sum to 1 (within 1e-6): all growth above acute inflation goes to primary care, community and prevention");
        }
        if (s.AllValid(AllocationShares))
        {
            var sum = AllocationShares.Sum(s.ValueOf);
            if (Math.Abs(sum - 1m) > 1e-6m)
                s.FailSection($"the allocation shares {string.Join(" + ", AllocationShares)} add up to {Show(sum)}",
                    "they must sum to 1 (within 1e-6): adjust other_services_share to take up the rest");
        }
        return p;
    }

    private static OrganisationStructure Organisations(SectionReader s)
    {
        var o = new OrganisationStructure(
            Regions: s.SectionList("regions", r => new RegionDefinition(
                Name: r.Text("name"),
                PopulationShare: r.Number("population_share", AboveZeroUpTo(1)),
                MarketForcesFactor: r.Number("market_forces_factor", Between(0.5m, 2))), minimumItems: 1),
            Population: s.Long("population", People),
            Commissioners: s.Integer("commissioners", Counts),
            AcuteTrusts: s.Integer("acute_trusts", Counts),
            CommunityTrusts: s.Integer("community_trusts", Counts),
            MentalHealthTrusts: s.Integer("mental_health_trusts", Counts),
            GpFederations: s.Integer("gp_federations", Counts),
            Councils: s.Integer("councils", Counts),
            GeneralAndAcuteBeds: s.Integer("general_and_acute_beds", Beds),
            CommunityBeds: s.Integer("community_beds", Beds),
            MentalHealthBeds: s.Integer("mental_health_beds", Beds),
            OlderPopulationShare: s.Number("older_population_share", Fraction),
            CommissionerSizeSpread: s.Number("commissioner_size_spread", Spread),
            NeedIndexSpread: s.Number("need_index_spread", Spread),
            InitialDistanceFromTargetSpread: s.Number("initial_distance_from_target_spread", Spread),
            TrustSizeSpread: s.Number("trust_size_spread", Spread),
            GpFederationSizeSpread: s.Number("gp_federation_size_spread", Spread),
            GpFederationNeedSpread: s.Number("gp_federation_need_spread", Spread),
            CouncilSizeSpread: s.Number("council_size_spread", Spread),
            DeprivationSpread: s.Number("deprivation_spread", Spread),
            EmergencyDepartmentShare: s.Number("emergency_department_share", Fraction),
            MaternityUnitShare: s.Number("maternity_unit_share", Fraction),
            Names: new OrganisationNames(
                Commissioners: s.TextList("commissioner_names"),
                AcuteTrusts: s.TextList("acute_trust_names"),
                CommunityTrusts: s.TextList("community_trust_names"),
                MentalHealthTrusts: s.TextList("mental_health_trust_names"),
                GpFederations: s.TextList("gp_federation_names"),
                Councils: s.TextList("council_names")));
        CheckStructure(s, o);
        return o;
    }

    /// <summary>Counts and totals the generator cannot lay out; said in the file's terms, at the key to change.</summary>
    private static void CheckStructure(SectionReader s, OrganisationStructure o)
    {
        if (s.AllValid("regions"))
        {
            var sum = o.Regions.Sum(r => (decimal)r.PopulationShare);
            if (Math.Abs(sum - 1m) > 1e-6m)
                s.Fail("regions", $"the regions' population shares add up to {Show(sum)}", "they must sum to 1 (within 1e-6)");
            var duplicate = o.Regions.GroupBy(r => r.Name).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
                s.Fail("regions", $"the region `{duplicate.Key}` is listed {duplicate.Count()} times", "each region once, with a distinct name");
        }
        if (s.AllValid("regions", "commissioners") && o.Commissioners < o.Regions.Count)
            s.Fail("commissioners", $"{o.Commissioners} commissioner(s) cannot cover {o.Regions.Count} regions",
                $"every region needs at least one commissioner, so commissioners must be at least {o.Regions.Count}");
        AtLeastAsMany(s, "acute_trusts", o.AcuteTrusts, "acute trusts", "commissioners", o.Commissioners,
            "every commissioner needs at least one acute trust");
        AtLeastAsMany(s, "gp_federations", o.GpFederations, "GP federations", "commissioners", o.Commissioners,
            "every commissioner needs at least one GP federation");
        AtLeastAsMany(s, "general_and_acute_beds", o.GeneralAndAcuteBeds, "general and acute beds", "acute_trusts", o.AcuteTrusts,
            "every acute trust needs at least one bed");
        AtLeastAsMany(s, "community_beds", o.CommunityBeds, "community beds", "community_trusts", o.CommunityTrusts,
            "every community trust needs at least one bed");
        AtLeastAsMany(s, "mental_health_beds", o.MentalHealthBeds, "mental health beds", "mental_health_trusts", o.MentalHealthTrusts,
            "every mental health trust needs at least one bed");
        if (s.AllValid("population", "gp_federations", "councils"))
        {
            var needed = Math.Max(o.GpFederations, o.Councils);
            if (o.Population < needed)
                s.Fail("population", $"{o.Population} people cannot fill {o.GpFederations} GP federations and {o.Councils} councils",
                    $"every GP federation and council needs at least one resident, so population must be at least {needed}");
        }
        NamesMatch(s, "commissioner_names", o.Names.Commissioners, "commissioners", o.Commissioners);
        NamesMatch(s, "acute_trust_names", o.Names.AcuteTrusts, "acute_trusts", o.AcuteTrusts);
        NamesMatch(s, "community_trust_names", o.Names.CommunityTrusts, "community_trusts", o.CommunityTrusts);
        NamesMatch(s, "mental_health_trust_names", o.Names.MentalHealthTrusts, "mental_health_trusts", o.MentalHealthTrusts);
        NamesMatch(s, "gp_federation_names", o.Names.GpFederations, "gp_federations", o.GpFederations);
        NamesMatch(s, "council_names", o.Names.Councils, "councils", o.Councils);
    }

    private static void AtLeastAsMany(SectionReader s, string key, int value, string what, string otherKey, int other, string why)
    {
        if (s.AllValid(key, otherKey) && value < other)
            s.Fail(key, $"{value} {what} are fewer than the {other} {otherKey.Replace('_', ' ')}",
                $"{why}, so {key} must be at least {other}");
    }

    private static void NamesMatch(SectionReader s, string key, IReadOnlyList<string> names, string countKey, int count)
    {
        if (names.Count > 0 && s.AllValid(key, countKey) && names.Count != count)
            s.Fail(key, $"{names.Count} names for {count} {countKey.Replace('_', ' ')}",
                $"give exactly one name per organisation ({count}), or leave {key} out to generate names from codes");
        // Names tell organisations apart in every table and chart; two alike (in any case) would be read as one.
        var duplicate = names.GroupBy(n => n.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null && s.AllValid(key))
            s.Fail(key, $"the name `{duplicate.Key}` is given {duplicate.Count()} times",
                "each organisation needs a name of its own");
    }

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
