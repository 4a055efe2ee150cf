#!/usr/bin/env python3
"""Writes the Grafana dashboards in this folder from one description, so every panel filters the same way.

Run it after changing a panel: `python3 dashboards/generate.py`. The JSON files it writes are committed; the
telemetry tests run every PromQL expression in them against a real Prometheus scraping a real run.
Metric names are the Prometheus names of the instruments in README.md (dots become underscores, GBP and seconds
are appended as units, counters end in _total).
"""
import json
import pathlib

HERE = pathlib.Path(__file__).parent
DS = {"type": "prometheus", "uid": "${datasource}"}
RUN = 'run_id=~"$run_id"'
SEL = '{run_id=~"$run_id", region=~"$region"}'


def variables(extra_variant=False):
    def query(name, label, expr, multi=True):
        return {
            "name": name, "label": label, "type": "query", "datasource": DS,
            "query": {"query": expr, "refId": f"{name}-values"}, "definition": expr,
            "refresh": 2, "includeAll": True, "multi": multi, "allValue": ".*",
            "current": {"selected": True, "text": ["All"], "value": ["$__all"]}, "sort": 1,
        }
    items = [
        {"name": "datasource", "label": "Prometheus", "type": "datasource", "query": "prometheus",
         "current": {}, "hide": 0},
        query("scenario", "Scenario", "label_values(economysim_engine_simulated_tick, scenario)"),
        query("run_id", "Run", 'label_values(economysim_engine_simulated_tick{scenario=~"$scenario"}, run_id)'),
        query("region", "Region", 'label_values(economysim_activity_waiting_list{run_id=~"$run_id"}, region)'),
    ]
    if extra_variant:
        items.append(query("variant", "Variant", 'label_values(economysim_engine_simulated_tick{run_id=~"$run_id"}, variant)'))
    return {"list": items}


class Layout:
    def __init__(self):
        self.x, self.y, self.id = 0, 0, 0

    def place(self, w, h):
        if self.x + w > 24:
            self.x, self.y = 0, self.y + self.row_h
        pos = {"x": self.x, "y": self.y, "w": w, "h": h}
        self.x += w
        self.row_h = h
        self.id += 1
        return pos, self.id


def panel(layout, title, targets, unit="short", kind="timeseries", w=12, h=8, description=""):
    pos, pid = layout.place(w, h)
    p = {
        "id": pid, "type": kind, "title": title, "description": description, "datasource": DS, "gridPos": pos,
        "targets": [{"refId": chr(65 + i), "datasource": DS, "expr": expr, "legendFormat": legend, "range": True}
                    for i, (expr, legend) in enumerate(targets)],
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "options": {"legend": {"displayMode": "list", "placement": "bottom"}, "tooltip": {"mode": "multi"}},
    }
    if kind in ("stat", "bargauge"):
        p["options"] = {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False}, "orientation": "horizontal"}
        for t in p["targets"]:
            t["instant"] = True
            t["range"] = False
    return p


def total(metric, by="run_id", sel=SEL):
    return f"sum by ({by}) ({metric}{sel})"


def by_region(metric, sel=SEL):
    """Derived outcomes (shares, ratios) are one series per region and run: averaged over the runs selected."""
    return f"avg by (region) ({metric}{sel})"


def dashboard(uid, title, description, panels_of, variant=False):
    layout = Layout()
    return {
        "uid": uid, "title": title, "description": description, "tags": ["economysim"],
        "schemaVersion": 39, "version": 1, "editable": True, "refresh": "5s", "graphTooltip": 1,
        "time": {"from": "now-15m", "to": "now"}, "timezone": "browser",
        "templating": variables(variant), "annotations": {"list": []},
        "links": [{"title": "EconomySim dashboards", "type": "dashboards", "tags": ["economysim"], "asDropdown": True}],
        "panels": panels_of(layout),
    }


def overview(l):
    return [
        panel(l, "Simulated month reached", [(f"economysim_engine_simulated_tick{{{RUN}}}", "{{run_id}}")], "none", "stat", 8, 5),
        panel(l, "Elective waiting list", [(total("economysim_activity_waiting_list"), "{{run_id}}")], "short", "stat", 8, 5),
        panel(l, "Trusts' surplus (deficit below zero)", [(total("economysim_finance_trust_surplus_GBP"), "{{run_id}}")], "currencyGBP", "stat", 8, 5),
        panel(l, "Waiting list and patients waiting over 18 weeks", [
            (total("economysim_activity_waiting_list"), "waiting {{run_id}}"),
            (total("economysim_activity_waiting_over_18_weeks"), "over 18 weeks {{run_id}}")]),
        panel(l, "Emergency and avoidable admissions (running total)", [
            (total("economysim_activity_emergency_admissions_total"), "emergency {{run_id}}"),
            (total("economysim_activity_avoidable_admissions_total"), "avoidable {{run_id}}")]),
        panel(l, "Bailouts and vetoes (running total)", [
            (total("economysim_finance_bailouts_total"), "bailouts {{run_id}}"),
            (total("economysim_governance_vetoes_total"), "vetoes {{run_id}}")]),
        panel(l, "Health: QALYs gained from public health and lost to waits, avoidable admissions and unmet care (running total)", [
            (total("economysim_population_health_qalys_public_health_total"), "gained, public health {{run_id}}"),
            (total("economysim_population_health_qalys_lost_waiting_total"), "lost, waiting {{run_id}}"),
            (total("economysim_population_health_qalys_lost_avoidable_admissions_total"), "lost, avoidable admissions {{run_id}}"),
            (total("economysim_population_health_qalys_lost_unmet_care_total"), "lost, unmet care {{run_id}}")]),
        panel(l, "Health and care spending per head, by region (latest month)", [(by_region("economysim_population_cost_per_head_GBP"), "{{region}}")], "currencyGBP"),
        panel(l, "Health gap: net QALYs per 1,000 residents, least less most deprived fifth (running total)", [(
            f'1000 * ({total("economysim_population_health_net_qalys_least_deprived")} / {total("economysim_population_population_least_deprived")}'
            f' - {total("economysim_population_health_net_qalys_most_deprived")} / {total("economysim_population_population_most_deprived")})', "{{run_id}}")]),
        panel(l, "Engine: simulated months and letters per second", [
            (f"economysim_engine_ticks_per_second{{{RUN}}}", "months/s {{run_id}}"),
            (f"economysim_engine_messages_per_second{{{RUN}}}", "letters/s {{run_id}}"),
            (f"economysim_engine_events_per_second{{{RUN}}}", "events/s {{run_id}}")], "short", w=12),
        panel(l, "Engine: phase duration, 95th percentile by phase", [
            (f'histogram_quantile(0.95, sum by (le, phase_kind) (rate(economysim_engine_phase_duration_seconds_bucket{{{RUN}}}[$__rate_interval])))',
             "{{phase_kind}}")], "s", w=12),
        panel(l, "Engine: letters and events (running total)", [
            (f"sum by (run_id) (economysim_engine_messages_total{{{RUN}}})", "letters {{run_id}}"),
            (f"sum by (run_id) (economysim_engine_events_total{{{RUN}}})", "events {{run_id}}"),
            (f"sum by (run_id) (economysim_engine_phases_total{{{RUN}}})", "phases {{run_id}}")], w=24),
    ]


SPEND = [("spend_acute", "acute trusts"), ("spend_community", "community trusts"), ("spend_mental_health", "mental health trusts"),
         ("spend_primary_care", "GP federations"), ("spend_prevention", "prevention"), ("spend_other_services", "other services"),
         ("pooled_transfers", "pooled with councils")]


def finance(l):
    return [
        panel(l, "Money from the national funder (running total)", [
            (total("economysim_finance_commissioner_allocations_GBP_total"), "to commissioners {{run_id}}"),
            (total("economysim_finance_social_care_grants_GBP_total"), "to councils {{run_id}}"),
            (total("economysim_finance_pump_prime_GBP_total"), "pump prime {{run_id}}")], "currencyGBP"),
        panel(l, "Commissioners' payments by kind of provider (running total)", [
            (total(f"economysim_finance_{m}_GBP_total"), f"{name} {{{{run_id}}}}") for m, name in SPEND], "currencyGBP"),
        panel(l, "Trusts' income and cost (running total)", [
            (total("economysim_finance_trust_income_GBP_total"), "income {{run_id}}"),
            (total("economysim_finance_trust_cost_GBP_total"), "cost {{run_id}}")], "currencyGBP"),
        panel(l, "Trusts' surplus by region (deficit below zero)", [
            (total("economysim_finance_trust_surplus_GBP", "region"), "{{region}}")], "currencyGBP"),
        panel(l, "Commissioners' surplus by region", [
            (total("economysim_finance_commissioner_surplus_GBP", "region"), "{{region}}")], "currencyGBP"),
        panel(l, "Trusts in deficit at year end (running total)", [(total("economysim_finance_trusts_in_deficit_total"), "{{run_id}}")]),
        panel(l, "Bailouts and distress funding", [
            (total("economysim_finance_bailout_value_GBP_total"), "value {{run_id}}")], "currencyGBP"),
        panel(l, "Bailouts granted (running total)", [(total("economysim_finance_bailouts_total"), "{{run_id}}")]),
        panel(l, "Councils' spending (running total)", [
            (total("economysim_finance_social_care_spend_GBP_total"), "adult social care {{run_id}}"),
            (total("economysim_finance_public_health_spend_GBP_total"), "public health {{run_id}}"),
            (total("economysim_finance_personal_budget_care_spend_GBP_total"), "personal budgets {{run_id}}")], "currencyGBP"),
        panel(l, "System surplus (trusts and commissioners) by region, latest month", [(by_region("economysim_finance_system_surplus_GBP"), "{{region}}")], "currencyGBP"),
        panel(l, "Transformation money paid and withheld (running total)", [
            (total("economysim_finance_transformation_fund_paid_GBP_total"), "paid {{run_id}}"),
            (total("economysim_finance_transformation_fund_withheld_GBP_total"), "withheld {{run_id}}")], "currencyGBP"),
        panel(l, "Prevention bought, emergency money retained, withholds kept (running total)", [
            (total("economysim_finance_prevention_investment_GBP_total"), "prevention investment {{run_id}}"),
            (total("economysim_finance_marginal_emergency_retained_GBP_total"), "marginal emergency retained {{run_id}}"),
            (total("economysim_finance_outcome_withhold_kept_GBP_total"), "outcome withholds kept {{run_id}}")], "currencyGBP"),
        panel(l, "Mix: share of spend on acute trusts by region (latest month)", [(by_region("economysim_mix_share_acute"), "{{region}}")], "percentunit"),
        panel(l, "Mix: shares of spend on primary care, community, mental health, social care and prevention", [
            (f"avg by (run_id) (economysim_mix_share_{m}{SEL})", f"{name} {{{{run_id}}}}") for m, name in
            [("primary_care", "primary care"), ("community", "community"), ("mental_health", "mental health"), ("social_care", "social care"), ("prevention", "prevention")]],
            "percentunit"),
    ]


def activity(l):
    return [
        panel(l, "GP appointments and failed attempts (running total)", [
            (total("economysim_activity_gp_appointments_total"), "appointments {{run_id}}"),
            (total("economysim_activity_failed_gp_access_total"), "failed attempts {{run_id}}")]),
        panel(l, "A&E attendances and emergency admissions (running total)", [
            (total("economysim_activity_ae_attendances_total"), "A&E {{run_id}}"),
            (total("economysim_activity_emergency_admissions_total"), "emergency {{run_id}}"),
            (total("economysim_activity_avoidable_admissions_total"), "avoidable {{run_id}}")]),
        panel(l, "Elective referrals and treatment (running total)", [
            (total("economysim_activity_elective_referrals_total"), "referred {{run_id}}"),
            (total("economysim_activity_elective_treated_total"), "treated {{run_id}}")]),
        panel(l, "Waiting list by region", [(total("economysim_activity_waiting_list", "region"), "{{region}}")]),
        panel(l, "Patients waiting over 18 weeks by region", [(total("economysim_activity_waiting_over_18_weeks", "region"), "{{region}}")]),
        panel(l, "Delayed-discharge bed-days by region (running total)", [
            (total("economysim_activity_delayed_discharge_bed_days_total", "region"), "{{region}}")]),
        panel(l, "Bed occupancy since the start (bed-days used over available)", [
            (f"{total('economysim_activity_bed_days_used_total')} / {total('economysim_activity_bed_days_available_total')}", "{{run_id}}")],
            "percentunit"),
        panel(l, "Bed occupancy by region (latest month)", [(by_region("economysim_activity_bed_occupancy"), "{{region}}")], "percentunit"),
        panel(l, "Share of the waiting list over 18 weeks, by region", [(by_region("economysim_activity_waiting_over_18_weeks_share"), "{{region}}")], "percentunit"),
        panel(l, "Productivity: cost-weighted activity per pound at first-year prices, by region", [(by_region("economysim_activity_productivity"), "{{region}}")]),
        panel(l, "Adult social care: people supported and unmet need", [
            (total("economysim_social_care_people_supported"), "supported {{run_id}}"),
            (total("economysim_social_care_unmet_social_care_need"), "unmet need {{run_id}}")]),
    ]


def governance(l):
    return [
        panel(l, "Contract offers: accepted, countered, refused (running total)", [
            (total("economysim_governance_contracts_accepted_total"), "accepted {{run_id}}"),
            (total("economysim_governance_contracts_countered_total"), "counter-offers {{run_id}}"),
            (total("economysim_governance_contracts_refused_total"), "refused {{run_id}}")]),
        panel(l, "Pooled budgets agreed (running total)", [(total("economysim_governance_pools_agreed_total"), "{{run_id}}")]),
        panel(l, "Proposals and reforms adopted (running total)", [
            (total("economysim_governance_proposals_total"), "proposals {{run_id}}"),
            (total("economysim_governance_reforms_adopted_total"), "adopted {{run_id}}")]),
        panel(l, "Votes for and against, and vetoes (running total)", [
            (total("economysim_governance_votes_in_favour_total"), "for {{run_id}}"),
            (total("economysim_governance_votes_against_total"), "against {{run_id}}"),
            (total("economysim_governance_vetoes_total"), "vetoes {{run_id}}")]),
        panel(l, "Vetoes by region (running total)", [(total("economysim_governance_vetoes_total", "region"), "{{region}}")]),
        panel(l, "Outcome contracts failed, scrutiny referrals, national overrides (running total)", [
            (total("economysim_governance_contract_failures_total"), "contract failures {{run_id}}"),
            (total("economysim_governance_scrutiny_referrals_total"), "scrutiny referrals {{run_id}}"),
            (total("economysim_governance_national_overrides_total"), "national overrides {{run_id}}")]),
        panel(l, "Mean years from decision to effect of adopted reforms, by region", [(by_region("economysim_governance_mean_years_to_adopt"), "{{region}}")]),
        panel(l, "Share of proposals adopted", [
            (f"{total('economysim_governance_reforms_adopted_total')} / clamp_min({total('economysim_governance_proposals_total')}, 1)",
             "{{run_id}}")], "percentunit"),
    ]


VSEL = '{run_id=~"$run_id", variant=~"$variant", region=~"$region"}'


def variants(l):
    def by_variant(metric):
        return total(metric, "variant", VSEL)
    return [
        panel(l, "Simulated month reached by variant",
              [('max by (variant) (economysim_engine_simulated_tick{run_id=~"$run_id", variant=~"$variant"})', "{{variant}}")],
              "none", "bargauge", 24, 5),
        panel(l, "Waiting list by variant", [(by_variant("economysim_activity_waiting_list"), "{{variant}}")]),
        panel(l, "Emergency admissions by variant (running total)", [(by_variant("economysim_activity_emergency_admissions_total"), "{{variant}}")]),
        panel(l, "Trusts' surplus by variant", [(by_variant("economysim_finance_trust_surplus_GBP"), "{{variant}}")], "currencyGBP"),
        panel(l, "Bailouts paid by variant (running total)", [(by_variant("economysim_finance_bailout_value_GBP_total"), "{{variant}}")], "currencyGBP"),
        panel(l, "Delayed-discharge bed-days by variant (running total)", [(by_variant("economysim_activity_delayed_discharge_bed_days_total"), "{{variant}}")]),
        panel(l, "Vetoes and reforms adopted by variant (running total)", [
            (by_variant("economysim_governance_vetoes_total"), "vetoes {{variant}}"),
            (by_variant("economysim_governance_reforms_adopted_total"), "adopted {{variant}}")]),
        panel(l, "Spending on prevention and primary care by variant (running total)", [
            (by_variant("economysim_finance_spend_prevention_GBP_total"), "prevention {{variant}}"),
            (by_variant("economysim_finance_spend_primary_care_GBP_total"), "primary care {{variant}}")], "currencyGBP"),
        panel(l, "Net health by variant: QALYs gained from public health less QALYs lost (running total)", [(
            f'{by_variant("economysim_population_health_qalys_public_health_total")} - {by_variant("economysim_population_health_qalys_lost_waiting_total")}'
            f' - {by_variant("economysim_population_health_qalys_lost_avoidable_admissions_total")} - {by_variant("economysim_population_health_qalys_lost_unmet_care_total")}',
            "{{variant}}")]),
        panel(l, "Share of spend on prevention by variant (mean over regions)", [
            ('avg by (variant) (economysim_mix_share_prevention{run_id=~"$run_id", variant=~"$variant", region=~"$region"})', "{{variant}}")], "percentunit"),
        panel(l, "Health and care spending per head by variant (mean over regions)", [
            ('avg by (variant) (economysim_population_cost_per_head_GBP{run_id=~"$run_id", variant=~"$variant", region=~"$region"})', "{{variant}}")], "currencyGBP"),
    ]


DASHBOARDS = {
    "overview.json": dashboard("economysim-overview", "EconomySim: overview",
                               "Where each run is, its headline outcomes and the engine's health.", overview),
    "finance.json": dashboard("economysim-finance", "EconomySim: finance",
                              "Money between the national funder, commissioners, trusts, GP federations and councils; deficits and bailouts.", finance),
    "activity.json": dashboard("economysim-activity", "EconomySim: activity",
                               "GP access, A&E, admissions, electives and waiting lists, delayed discharges, beds, social care.", activity),
    "governance.json": dashboard("economysim-governance", "EconomySim: governance",
                                 "Contract negotiations, pooled budgets, reconfiguration proposals, votes, vetoes and reforms.", governance),
    "variants.json": dashboard("economysim-variants", "EconomySim: variant comparison",
                               "An experiment's variants side by side (the variant label of each run).", variants, variant=True),
}

if __name__ == "__main__":
    for name, board in DASHBOARDS.items():
        (HERE / name).write_text(json.dumps(board, indent=2) + "\n", encoding="utf-8")
        print(f"wrote dashboards/{name}")
