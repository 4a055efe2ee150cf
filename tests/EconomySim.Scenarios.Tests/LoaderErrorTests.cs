using EconomySim.Domain;
using EconomySim.Testing;

namespace EconomySim.Scenarios.Tests;

/// <summary>Each kind of bad input gives one ScenarioException whose message names file, line, column and key, and says what is allowed.</summary>
public sealed class LoaderErrorTests : IDisposable
{
    private readonly TemporaryFolder _dir = new("economysim-scenarios-");
    private static readonly string England = File.ReadAllText(Repository.Config("england.yaml"));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_missing_file_is_named_without_a_line()
    {
        var path = Path.Combine(_dir.Path, "absent.yaml");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.Equal($"{path}: file not found", e.Message);
        Assert.Equal((path, 0, 0, (string?)null), (e.File, e.Line, e.Column, e.Key));
    }

    [Fact]
    public void A_directory_is_not_a_scenario_file()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(_dir.Path));
        Assert.Equal($"{_dir.Path}: is a directory, not a scenario file", e.Message);
    }

    [Fact]
    public void An_empty_file_says_what_a_scenario_file_holds()
    {
        var e = LoadFails("# nothing but a comment\n");
        Assert.Contains("the file is empty", e.Message);
        Assert.Contains("scenario, organisations, funder", e.Message);
    }

    [Fact]
    public void A_yaml_syntax_error_gives_the_parser_line()
    {
        var text = Replace(England, "pace_of_change: 0.25", "pace_of_change: [0.25");
        var e = LoadFails(text);
        Assert.Contains("YAML syntax error", e.Message);
        Assert.InRange(e.Line, LineOf(text, "pace_of_change"), LineOf(text, "pace_of_change") + 2);
        Assert.StartsWith($"{e.File}:{e.Line}:{e.Column}: YAML syntax error: ", e.Message);
    }

    [Fact]
    public void A_tab_used_for_indentation_is_reported_at_its_line()
    {
        var text = Replace(England, "  pace_of_change: 0.25", "\tpace_of_change: 0.25");
        var e = LoadFails(text);
        Assert.Equal((LineOf(text, "\tpace_of_change"), 1), (e.Line, e.Column));
        Assert.Contains("tab", e.Message);
        Assert.Contains("indent with spaces", e.Message);
    }

    [Fact]
    public void Absurdly_deep_nesting_is_refused_before_it_can_exhaust_the_stack()
    {
        var e = LoadFails("scenario: " + new string('[', 100_000) + new string(']', 100_000) + "\n");
        Assert.Equal(1, e.Line);
        Assert.Contains("nested more than 64 levels deep", e.Message);
    }

    [Fact]
    public void A_duplicate_key_is_a_syntax_error_at_the_second_occurrence()
    {
        var text = Replace(England, "  pace_of_change: 0.25", "  pace_of_change: 0.25\n  pace_of_change: 0.3");
        var e = LoadFails(text);
        Assert.Contains("Duplicate key", e.Message);
        Assert.Equal(LineOf(text, "pace_of_change") + 1, e.Line);
    }

    [Fact]
    public void An_unknown_key_lists_the_allowed_keys_and_suggests_the_nearest()
    {
        var text = Replace(England, "pace_of_change:", "pace_of_chnage:");
        var e = LoadFails(text);
        Assert.Equal($"{e.File}:{LineOf(text, "pace_of_chnage")}:3: funder.pace_of_chnage: unknown key `pace_of_chnage` (did you mean `pace_of_change`?); allowed keys in funder: commissioner_allocations_gbp, allocation_growth, pace_of_change, tariff_uplift, efficiency_factor, public_health_grant_gbp, social_care_grant_gbp, bailout_base_probability, bailout_probability_per_deficit_share, pump_prime_funding_gbp, pump_prime_years, transformation_fund_gbp, transformation_conditional_share, control_total_surplus_share, in_year_funding_gbp, pay_award_in_settlement", e.Message);
        Assert.Equal("funder.pace_of_chnage", e.Key);
    }

    [Fact]
    public void A_misspelt_section_is_one_error_that_suggests_the_section()
    {
        var text = Replace(England, "\nfunder:", "\nfundr:");
        var e = LoadFails(text);
        // Not also "funder is missing": one mistake, one error.
        var error = Assert.Single(e.Errors);
        Assert.Equal(("fundr", LineOf(text, "\nfundr:") + 1, 1), (error.Key, error.Line, error.Column));
        Assert.Equal("unknown key `fundr` (did you mean `funder`?)", error.Problem);
        Assert.StartsWith("allowed keys at the top level: extends, scenario, organisations, funder, commissioning", error.Allowed);
    }

    [Fact]
    public void A_missing_section_next_to_an_unrelated_unknown_key_is_still_reported()
    {
        var text = Replace(England, "\nfunder:", "\nsomething_else:");
        var e = LoadFails(text);
        Assert.Contains(e.Errors, x => x.Key == "something_else" && !x.Problem.Contains("did you mean", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Key == "funder" && x.Problem == "required section is missing");
    }

    [Fact]
    public void A_far_fetched_unknown_key_gets_no_suggestion()
    {
        var text = Replace(England, "  pace_of_change: 0.25", "  pace_of_change: 0.25\n  xyzzy: 1");
        var e = LoadFails(text);
        Assert.Equal("funder.xyzzy", e.Key);
        Assert.DoesNotContain("did you mean", e.Message);
    }

    [Fact]
    public void A_missing_required_key_is_reported_at_its_section()
    {
        var line = England.Split('\n').Single(l => l.TrimStart().StartsWith("pace_of_change:", StringComparison.Ordinal));
        var text = Replace(England, line + "\n", "");
        var e = LoadFails(text);
        Assert.Equal($"{e.File}:{LineOf(text, "\nfunder:") + 1}:1: funder.pace_of_change: required key is missing from `funder`; must be a number between 0 and 1", e.Message);
    }

    [Fact]
    public void A_missing_section_lists_the_keys_it_needs()
    {
        var text = England[..England.IndexOf("\nhealth:", StringComparison.Ordinal)] + "\n";
        var e = LoadFails(text);
        Assert.Equal("health", e.Key);
        Assert.Contains("required section is missing; add a `health:` section with keys public_health_cost_per_qaly_gbp, nhs_care_cost_per_qaly_gbp, waiting_qaly_loss_per_patient_year", e.Message);
    }

    [Fact]
    public void Text_where_a_number_is_wanted_is_a_type_error()
    {
        var text = Replace(England, "pace_of_change: 0.25", "pace_of_change: fast");
        var e = LoadFails(text);
        Assert.Equal($"{e.File}:{LineOf(text, "pace_of_change")}:19: funder.pace_of_change: expected a number but found the text `fast`; must be a number between 0 and 1", e.Message);
    }

    [Fact]
    public void A_quoted_number_is_text_as_the_schema_sees_it()
    {
        var e = LoadFails(Replace(England, "pace_of_change: 0.25", "pace_of_change: \"0.25\""));
        Assert.Contains("funder.pace_of_change: expected a number but found the text `0.25`", e.Message);
    }

    [Fact]
    public void A_fraction_where_a_whole_number_is_wanted_is_a_type_error()
    {
        var e = LoadFails(Replace(England, "years: 10", "years: 2.5"));
        Assert.Contains("scenario.years: expected a whole number but found the number 2.5; must be a whole number between 1 and 50", e.Message);
    }

    [Fact]
    public void A_value_out_of_range_says_the_range()
    {
        var text = Replace(England, "pace_of_change: 0.25", "pace_of_change: 1.5");
        var e = LoadFails(text);
        Assert.Equal($"{e.File}:{LineOf(text, "pace_of_change")}:19: funder.pace_of_change: 1.5 is out of range; must be a number between 0 and 1", e.Message);
    }

    [Fact]
    public void A_zero_price_is_out_of_range()
    {
        var e = LoadFails(Replace(England, "elective_price_gbp: 1_600", "elective_price_gbp: 0"));
        Assert.Contains("contracts.elective_price_gbp: 0 is out of range; must be a number greater than 0", e.Message);
    }

    [Fact]
    public void Money_with_fractions_of_a_penny_is_refused()
    {
        var e = LoadFails(Replace(England, "ae_price_gbp: 220", "ae_price_gbp: 220.005"));
        Assert.Contains("contracts.ae_price_gbp: 220.005 has fractions of a penny; money is in pounds with at most two decimal places", e.Message);
    }

    [Fact]
    public void A_start_year_before_the_nhs_is_out_of_range()
    {
        var e = LoadFails(Replace(England, "start_year: 2024", "start_year: 1900"));
        Assert.Contains("scenario.start_year: 1900 is out of range; must be a whole number between 1948 and 2100", e.Message);
    }

    [Fact]
    public void Allocation_shares_that_do_not_add_up_say_what_they_sum_to()
    {
        var text = Replace(England, "acute_share: 0.5 ", "acute_share: 0.45");
        var e = LoadFails(text);
        Assert.Equal($"{e.File}:{LineOf(text, "\ncommissioning:") + 1}:1: commissioning: the allocation shares acute_share + community_share + mental_health_share + primary_care_share + prevention_share + pooled_share + other_services_share + reserve_share add up to 0.95; they must sum to 1 (within 1e-6): adjust other_services_share to take up the rest", e.Message);
    }

    [Fact]
    public void Region_shares_that_do_not_add_up_are_refused()
    {
        var e = LoadFails(Replace(England, "population_share: 0.1009", "population_share: 0.2009"));
        Assert.Equal("organisations.regions", e.Key);
        Assert.Contains("the regions' population shares add up to 1.1; they must sum to 1", e.Message);
    }

    [Fact]
    public void An_unknown_payment_regime_lists_the_allowed_values()
    {
        var text = Replace(England, "acute_payment: blended", "acute_payment: blend");
        var e = LoadFails(text);
        Assert.Equal($"{e.File}:{LineOf(text, "acute_payment")}:18: contracts.acute_payment: unknown payment regime `blend` (did you mean `blended`?); allowed values: payment_by_results, block, blended, capitation, marginal_emergency_rate, outcome_based, personal_budgets", e.Message);
    }

    [Theory]
    [InlineData("decision_rule: unanimity", "decision_rule: consensus", "unknown decision rule `consensus`", "allowed values: unanimity, qualified_majority, national_override")]
    [InlineData("vote_weighting: budget", "vote_weighting: votes", "unknown vote weighting `votes`", "allowed values: budget, population")]
    [InlineData("bailout: per_trust", "bailout: always", "unknown bailout regime `always`", "allowed values: per_trust, system_distress, hard_budget")]
    [InlineData("allocation: central", "allocation: local", "unknown allocation regime `local`", "allowed values: central, devolved_pooled")]
    public void Every_enumerated_key_lists_its_allowed_values(string good, string bad, string problem, string allowed)
    {
        var e = LoadFails(Replace(England, good, bad));
        Assert.Contains($"{problem}", e.Message);
        Assert.EndsWith(allowed, e.Message);
    }

    [Fact]
    public void Fewer_acute_trusts_than_commissioners_is_too_few_for_the_structure()
    {
        var text = Replace(England, "acute_trusts: 145", "acute_trusts: 30");
        var e = LoadFails(text);
        Assert.Equal($"{e.File}:{LineOf(text, "acute_trusts: 30")}:17: organisations.acute_trusts: 30 acute trusts are fewer than the 42 commissioners; every commissioner needs at least one acute trust, so acute_trusts must be at least 42", e.Message);
    }

    [Fact]
    public void Fewer_beds_than_trusts_is_too_few_for_the_structure()
    {
        var e = LoadFails(Replace(England, "community_beds: 8_000", "community_beds: 10"));
        Assert.Contains("organisations.community_beds: 10 community beds are fewer than the 15 community trusts; every community trust needs at least one bed", e.Message);
    }

    [Fact]
    public void A_name_list_of_the_wrong_length_is_refused()
    {
        var text = File.ReadAllText(Repository.Config("greater-manchester-no-devolution.yaml"));
        text = Replace(text, "extends: england-2015.yaml", $"extends: {Repository.Config("england-2015.yaml")}");
        var e = LoadFails(Replace(text, "Trafford, Wigan]", "Trafford]"));
        Assert.Contains("organisations.council_names: 9 names for 10 councils; give exactly one name per organisation (10)", e.Message);
    }

    [Fact]
    public void A_scenario_name_that_cannot_be_part_of_a_run_id_is_refused()
    {
        var e = LoadFails(Replace(England, "name: england  ", "name: England!"));
        Assert.Contains("scenario.name: `England!` is not allowed; must be 1-64 lower-case letters, digits and hyphens", e.Message);
    }

    [Fact]
    public void Every_error_is_collected_and_the_first_in_the_file_is_the_message()
    {
        var text = Replace(Replace(England, "years: 10", "years: 0"), "pace_of_change: 0.25", "pace_of_change: -1");
        var e = LoadFails(text);
        Assert.Equal(2, e.Errors.Count);
        Assert.Equal("scenario.years", e.Key);
        Assert.Equal("funder.pace_of_change", e.Errors[1].Key);
        Assert.Equal(e.Errors[0].ToString(), e.Message);
    }

    [Fact]
    public void Underscores_separate_digits_and_plain_numbers_mean_the_same()
    {
        var plain = Replace(England, "commissioner_allocations_gbp: 127_000_000_000", "commissioner_allocations_gbp: 127000000000");
        var a = ScenarioLoader.Load(Repository.Config("england.yaml"));
        var b = ScenarioLoader.Load(_dir.Write("plain.yaml", plain));
        Assert.Equal(Money.FromPounds(127_000_000_000m), a.Parameters.Funder.CommissionerAllocations);
        Assert.Equal(a.Parameters, b.Parameters);
        Assert.NotEqual(a.Sha256, b.Sha256);
    }

    [Fact]
    public void A_missing_base_file_is_reported_at_the_extends_line()
    {
        var path = _dir.Write("child.yaml", "# a comment\nextends: nowhere.yaml\n");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.Equal($"{path}:2:10: extends: {Path.Combine(_dir.Path, "nowhere.yaml")}: file not found; extends must name an existing scenario file, relative to the file that extends it", e.Message);
    }

    [Fact]
    public void A_cycle_of_extends_is_reported_with_the_chain()
    {
        var a = _dir.Write("a.yaml", "extends: b.yaml\n");
        _dir.Write("b.yaml", "# b\nextends: a.yaml\n");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(a));
        Assert.Equal("extends", e.Key);
        Assert.Equal((Path.Combine(_dir.Path, "b.yaml"), 2), (e.File, e.Line));
        Assert.Contains($"cycle {a} -> {Path.Combine(_dir.Path, "b.yaml")} -> {Path.Combine(_dir.Path, "a.yaml")}", e.Message);
        Assert.Contains("a scenario may not extend itself", e.Message);
    }

    [Fact]
    public void A_file_extending_itself_is_a_cycle()
    {
        var a = _dir.Write("self.yaml", "extends: self.yaml\n");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(a));
        Assert.Contains("cycle", e.Message);
    }

    [Fact]
    public void An_error_inherited_from_a_base_file_names_the_base_file_and_its_line()
    {
        var baseText = Replace(England, "pace_of_change: 0.25", "pace_of_change: 7");
        var basePath = _dir.Write("base.yaml", baseText);
        var child = _dir.Write("child.yaml", "extends: base.yaml\nscenario:\n  name: child\n");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(child));
        Assert.Equal((Path.Combine(_dir.Path, "base.yaml"), LineOf(baseText, "pace_of_change")), (e.File, e.Line));
        Assert.Equal(Path.GetFullPath(basePath), Path.GetFullPath(e.File));
        Assert.Equal("funder.pace_of_change", e.Key);
    }

    [Fact]
    public void An_error_in_an_override_names_the_overriding_file_and_its_line()
    {
        _dir.Write("base.yaml", England);
        var child = _dir.Write("child.yaml", "extends: base.yaml\nfunder:\n  pace_of_change: 2\n");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(child));
        Assert.Equal($"{child}:3:19: funder.pace_of_change: 2 is out of range; must be a number between 0 and 1", e.Message);
    }

    [Fact]
    public void Extends_merges_mappings_and_replaces_lists_and_values()
    {
        _dir.Write("base.yaml", England);
        var child = _dir.Write("child.yaml", """
            extends: base.yaml
            scenario:
              name: one-region
            organisations:
              regions:
                - name: England
                  population_share: 1
                  market_forces_factor: 1
            funder:
              pace_of_change: 0.5
            """);
        var merged = ScenarioLoader.Load(child);
        var baseline = ScenarioLoader.Load(Path.Combine(_dir.Path, "base.yaml"));

        Assert.Equal("one-region", merged.Name);
        Assert.Equal(baseline.Description, merged.Description);
        Assert.Equal(new RegionDefinition("England", 1, 1), Assert.Single(merged.Organisations.Regions));
        Assert.Equal(0.5, merged.Parameters.Funder.PaceOfChange);
        Assert.Equal(baseline.Parameters with { Funder = baseline.Parameters.Funder with { PaceOfChange = 0.5 } }, merged.Parameters);
        Assert.Equal(new[] { child, Path.Combine(_dir.Path, "base.yaml") }, merged.Sources);
    }

    [Fact]
    public void The_hash_of_a_file_without_extends_is_its_sha256_and_a_base_edit_changes_a_child_hash()
    {
        var doc = ScenarioLoader.Load(Repository.Config("england.yaml"));
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Repository.Config("england.yaml"))));
        Assert.Equal(expected, doc.Sha256);
        Assert.Equal(File.ReadAllText(Repository.Config("england.yaml")), doc.Text);

        _dir.Write("base.yaml", England);
        var child = _dir.Write("child.yaml", "extends: base.yaml\n");
        var before = ScenarioLoader.Load(child).Sha256;
        _dir.Write("base.yaml", England + "# edited\n");
        Assert.NotEqual(before, ScenarioLoader.Load(child).Sha256);
    }

    [Fact]
    public void A_section_written_as_a_value_is_a_type_error()
    {
        var text = Replace(England, "\nhealth:\n", "\nhealth: 5\nunused:\n");
        var e = LoadFails(text);
        Assert.Contains(e.Errors, x => x.Key == "health" && x.Problem == "expected a section (a mapping of keys) but found the number 5");
    }

    [Fact]
    public void Malformed_input_never_escapes_as_anything_but_a_scenario_exception()
    {
        // Truncations and byte-level damage of a real file, deterministic so a failure can be replayed.
        var random = SimulationRandom.For(20240401, "loader-fuzz");
        var bytes = File.ReadAllBytes(Repository.Config("england.yaml"));
        var path = Path.Combine(_dir.Path, "damaged.yaml");
        var failures = 0;
        for (var round = 0; round < 150; round++)
        {
            var damaged = bytes.ToArray();
            if (round % 3 == 0) damaged = damaged[..(int)(random.NextDouble() * damaged.Length)];
            else
                for (var k = 0; k < 1 + round % 7; k++)
                    damaged[(int)(random.NextDouble() * damaged.Length)] = "\t:-[]{}&*!|>'\"%@`#,?\n 0x"u8[(int)(random.NextDouble() * 24)];
            File.WriteAllBytes(path, damaged);
            try
            {
                ScenarioLoader.Load(path);
            }
            catch (ScenarioException e)
            {
                failures++;
                Assert.StartsWith(path, e.Message);
                Assert.DoesNotContain('\n', e.Message);
            }
        }
        // Truncations alone (every third round) are nearly always refused; fewer would mean the damage never reached the loader.
        Assert.True(failures >= 40, $"only {failures} of 150 damaged files were refused");
    }

    private ScenarioException LoadFails(string text)
    {
        var path = _dir.Write("scenario.yaml", text);
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.Equal(path, e.File);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    private static string Replace(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(old, at + 1, StringComparison.Ordinal) < 0, $"`{old}` must occur exactly once");
        return text.Replace(old, replacement, StringComparison.Ordinal);
    }

    private static int LineOf(string text, string fragment) =>
        text[..text.IndexOf(fragment, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
}
