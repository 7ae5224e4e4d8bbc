//! Turns candidate chains into costed pathways, filters them by budget and weeks, and
//! ranks them by total weeks, then net cost. The rules are documented in
//! `docs/pathways.md`.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::estimate::{course_length, program_length, Stated};
use super::input::Request;
use super::types::{Pathway, PathwayResult, PathwayStep, PathwayTarget, StepKind};

/// One target occupation and its candidate chains, as `candidates.cypher` returns them.
#[derive(Deserialize, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct TargetRow {
    pub code: String,
    pub title: Option<String>,
    pub entry_wage: Option<f64>,
    pub median_wage: Option<f64>,
    /// Programs that open the target before any filter.
    pub openers: i64,
    pub chains: Vec<ChainRow>,
}

#[derive(Deserialize, Debug, Clone)]
pub struct ChainRow {
    /// Programs from the first to the one opening the target.
    pub programs: Vec<ChainProgram>,
    /// `links[i]` connects `programs[i]` to `programs[i + 1]`.
    pub links: Vec<ChainLink>,
}

#[derive(Deserialize, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct ChainProgram {
    pub id: String,
    pub name: Option<String>,
    pub award_level: Option<String>,
    pub credential_type: Option<String>,
    pub weeks: Option<f64>,
    pub cost_usd: Option<f64>,
    pub credit_hours: Option<f64>,
    pub weeks_estimated: Option<bool>,
    pub cost_estimated: Option<bool>,
    pub weeks_basis: Option<String>,
    pub cost_basis: Option<String>,
    pub held: bool,
    /// Credit hours of held courses that are part of this program.
    pub held_credit: f64,
    /// Prerequisite courses outside the program that the learner does not hold.
    pub missing_courses: Vec<MissingCourse>,
    pub apprenticeship: bool,
}

impl ChainProgram {
    fn stated(&self) -> Stated<'_> {
        Stated {
            award_level: self.award_level.as_deref(),
            weeks: self.weeks,
            cost_usd: self.cost_usd,
            weeks_estimated: self.weeks_estimated,
            cost_estimated: self.cost_estimated,
            weeks_basis: self.weeks_basis.as_deref(),
            cost_basis: self.cost_basis.as_deref(),
        }
    }
}

#[derive(Deserialize, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct MissingCourse {
    pub id: String,
    pub name: Option<String>,
    pub credit_hours: Option<f64>,
}

#[derive(Deserialize, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct ChainLink {
    pub kind: String,
    pub credit_carried: Option<f64>,
}

/// Rounds to cents or hundredths of a week, so equal totals compare as ties.
fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

fn format_number(value: f64) -> String {
    let rounded = round2(value);
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}

fn target_of(row: &TargetRow) -> PathwayTarget {
    PathwayTarget { code: row.code.clone(), title: row.title.clone(), entry_wage: row.entry_wage, median_wage: row.median_wage }
}

fn target_name(row: &TargetRow) -> String {
    match &row.title {
        Some(title) => format!("{title} ({})", row.code),
        None => row.code.clone(),
    }
}

/// Explains why an intermediate program precedes the next one.
fn link_reason(link: &ChainLink, next: &ChainProgram) -> String {
    let next_name = next.name.clone().unwrap_or_else(|| next.id.clone());
    match link.kind.as_str() {
        "PREREQUISITE_FOR" => format!("required before {next_name}"),
        "PREPARES_FOR_APPRENTICESHIP" => format!("prepares for the apprenticeship {next_name}"),
        _ => format!("stacks into {next_name}"),
    }
}

/// Costs one chain. Returns None when a held program follows one that is not held,
/// because such a chain repeats work the learner has already done.
fn cost_chain(chain: &ChainRow, row: &TargetRow, request: &Request) -> Option<Vec<PathwayStep>> {
    let first_open = chain.programs.iter().position(|p| !p.held)?;
    if chain.programs[first_open..].iter().any(|p| p.held) {
        return None;
    }
    let mut prior_learning_left = request.prior_learning_credits;
    let mut steps = Vec::new();
    let mut seen_courses = HashSet::new();
    for (index, program) in chain.programs.iter().enumerate().skip(first_open) {
        for course in &program.missing_courses {
            if !seen_courses.insert(course.id.clone()) {
                continue;
            }
            let length = course_length(course.credit_hours);
            steps.push(PathwayStep {
                kind: StepKind::Course,
                id: course.id.clone(),
                name: course.name.clone(),
                weeks: length.weeks,
                cost_usd: length.cost_usd,
                weeks_estimated: true,
                cost_estimated: true,
                estimate_basis: length.basis,
                credential_earned: None,
                skills_gained: Vec::new(),
                why: format!("prerequisite of a course in {}, and not held", program.name.as_deref().unwrap_or(&program.id)),
            });
        }

        let incoming = index.checked_sub(1).map(|i| &chain.links[i]);
        let carried = incoming.and_then(|l| l.credit_carried).unwrap_or(0.0);
        let length = program_length(&program.stated());
        let mut why = match chain.links.get(index) {
            Some(link) => link_reason(link, &chain.programs[index + 1]),
            None => format!("prepares for {}", target_name(row)),
        };
        let mut fraction = 1.0;
        match program.credit_hours.filter(|h| *h > 0.0) {
            Some(hours) => {
                let credited = (carried + program.held_credit).min(hours);
                let prior_learning = prior_learning_left.min(hours - credited);
                prior_learning_left -= prior_learning;
                fraction = (hours - credited - prior_learning) / hours;
                let mut parts = Vec::new();
                if carried > 0.0 {
                    let from = &chain.programs[index - 1];
                    parts.push(format!("{} credit hours carried from {}", format_number(carried), from.name.as_deref().unwrap_or(&from.id)));
                }
                if program.held_credit > 0.0 {
                    parts.push(format!("{} credit hours of held courses", format_number(program.held_credit)));
                }
                if prior_learning > 0.0 {
                    parts.push(format!("{} credit hours for prior learning", format_number(prior_learning)));
                }
                if !parts.is_empty() {
                    why.push_str(&format!("; {} of its {} credit hours reduce {} weeks to {}", parts.join(", "), format_number(hours), format_number(length.weeks), format_number(length.weeks * fraction)));
                }
            }
            None if carried > 0.0 || program.held_credit > 0.0 || prior_learning_left > 0.0 => {
                why.push_str("; it states no credit hours, so no credit reduces its weeks");
            }
            None => {}
        }
        let incoming_apprenticeship = incoming.is_some_and(|l| l.kind == "PREPARES_FOR_APPRENTICESHIP");
        steps.push(PathwayStep {
            kind: if program.apprenticeship || incoming_apprenticeship { StepKind::Apprenticeship } else { StepKind::Program },
            id: program.id.clone(),
            name: program.name.clone(),
            weeks: round2(length.weeks * fraction),
            cost_usd: round2(length.cost_usd * fraction),
            weeks_estimated: length.weeks_estimated,
            cost_estimated: length.cost_estimated,
            estimate_basis: length.basis,
            credential_earned: program.award_level.clone().or_else(|| program.credential_type.clone()),
            skills_gained: Vec::new(),
            why,
        });
    }
    Some(steps)
}

/// Finds the first held program that opens a target, with that target.
fn already_held(rows: &[TargetRow]) -> Option<(String, &TargetRow)> {
    rows.iter().find_map(|row| {
        row.chains
            .iter()
            .filter_map(|c| c.programs.last())
            .find(|p| p.held)
            .map(|p| (p.name.clone().unwrap_or_else(|| p.id.clone()), row))
    })
}

/// Costs, filters and ranks every candidate, and returns the first `k` with the reason.
pub fn rank(rows: &[TargetRow], request: &Request) -> PathwayResult {
    let targets = match rows {
        [one] => target_name(one),
        _ => format!("{} target occupations", rows.len()),
    };
    if let Some((name, row)) = already_held(rows) {
        return PathwayResult::empty(format!("You already hold {name}, which prepares for {}.", target_name(row)));
    }
    if rows.iter().all(|r| r.openers == 0) {
        return PathwayResult::empty(format!("No program in the registry prepares for {targets}."));
    }

    let mut best: HashMap<(String, Vec<String>), Pathway> = HashMap::new();
    for row in rows {
        for chain in &row.chains {
            let Some(steps) = cost_chain(chain, row, request) else { continue };
            let total_weeks = round2(steps.iter().map(|s| s.weeks).sum());
            let total_cost = round2(steps.iter().map(|s| s.cost_usd).sum());
            let estimated = steps.iter().any(|s| s.weeks_estimated || s.cost_estimated);
            let key = (row.code.clone(), steps.iter().map(|s| s.id.clone()).collect());
            let pathway = Pathway { rank: 0, steps, total_weeks, total_cost_usd: total_cost, estimated, target: target_of(row) };
            let better = best.get(&key).is_none_or(|old| (total_weeks, total_cost) < (old.total_weeks, old.total_cost_usd));
            if better {
                best.insert(key, pathway);
            }
        }
    }
    if best.is_empty() {
        let openers: i64 = rows.iter().map(|r| r.openers).sum();
        return PathwayResult::empty(format!(
            "{openers} programs prepare for {targets}, but none is reachable: each is outside the requested state or modality, or needs a prerequisite program that is neither held nor reachable within 4 links."
        ));
    }

    let found = best.len();
    let reached: HashSet<&String> = best.keys().map(|(code, _)| code).collect();
    let reached = match rows {
        [_] => targets.clone(),
        _ => format!("{} of {} target occupations", reached.len(), rows.len()),
    };
    let mut over_budget = 0;
    let mut over_weeks = 0;
    let mut pathways: Vec<Pathway> = Vec::new();
    for pathway in best.into_values() {
        if request.budget_usd.is_some_and(|b| pathway.total_cost_usd > b) {
            over_budget += 1;
        } else if request.max_weeks.is_some_and(|w| pathway.total_weeks > w) {
            over_weeks += 1;
        } else {
            pathways.push(pathway);
        }
    }
    if pathways.is_empty() {
        let mut limits = Vec::new();
        if let Some(budget) = request.budget_usd {
            limits.push(format!("{over_budget} cost more than the budget of ${}", format_number(budget)));
        }
        if let Some(weeks) = request.max_weeks {
            limits.push(format!("{over_weeks} take longer than {} weeks", format_number(weeks)));
        }
        return PathwayResult::empty(format!("{found} pathways reach {targets}, but none fits the limits: {}. Raise a limit to see them.", limits.join(" and ")));
    }

    pathways.sort_by(|a, b| {
        a.total_weeks
            .total_cmp(&b.total_weeks)
            .then(a.total_cost_usd.total_cmp(&b.total_cost_usd))
            .then_with(|| a.target.code.cmp(&b.target.code))
            .then_with(|| a.steps.iter().map(|s| &s.id).cmp(b.steps.iter().map(|s| &s.id)))
    });
    let fitting = pathways.len();
    pathways.truncate(request.k);
    for (index, pathway) in pathways.iter_mut().enumerate() {
        pathway.rank = index as i32 + 1;
    }
    let excluded = found - fitting;
    let mut reason = format!("{fitting} pathways reach {reached}");
    if excluded > 0 {
        reason.push_str(&format!(" within the limits ({excluded} more exceed them)"));
    }
    if fitting < request.k {
        reason.push_str(&format!("; all are returned, fewer than the {} requested", request.k));
    } else {
        reason.push_str(&format!("; the {} fastest are returned", pathways.len()));
    }
    reason.push_str(", ranked by total weeks, then net cost.");
    PathwayResult { pathways, reason, unknown_held: Vec::new() }
}
