//! The generator's record stream: a pure function from (reference data, seed, provider
//! index) to that provider's synthetic records, so the output is deterministic and testable
//! without Neo4j.
//!
//! Shape of one provider: three CIP series with 4, 3 and 3 programs at ascending award
//! levels (10 programs), 4 new courses per program plus 12 general-education courses
//! (52 courses), and 4 opportunities. A series course is part of the program that
//! introduces it and of every higher program of its series, so each program stacks into the
//! next one of its series, as the stack derivation rule requires.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::rng::SplitMix64;

/// Award levels generated programs use, lowest first, with `awardRank` and `stage` as the
/// stack derivation stores them, credit hours, weeks and cost ranges (US dollars).
const LEVELS: [Level; 4] = [
    Level { name: "CERTIFICATE", credential: "Certificate", rank: 1, stage: "FOUNDATION", credits: (9, 30), weeks: (8, 26), cost: (1_500, 6_000) },
    Level { name: "DIPLOMA", credential: "Diploma", rank: 2, stage: "INTERMEDIATE", credits: (30, 45), weeks: (26, 52), cost: (4_000, 12_000) },
    Level { name: "ASSOCIATE", credential: "AssociateDegree", rank: 3, stage: "ADVANCED", credits: (60, 64), weeks: (80, 104), cost: (8_000, 25_000) },
    Level { name: "BACHELOR", credential: "BachelorDegree", rank: 4, stage: "TERMINAL", credits: (120, 128), weeks: (160, 208), cost: (30_000, 120_000) },
];

/// Programs per series for the three series of a provider.
const SERIES_PROGRAMS: [usize; 3] = [4, 3, 3];
/// New courses each program adds to its series.
const COURSES_PER_PROGRAM: usize = 4;
/// General-education courses, part of every ASSOCIATE and BACHELOR program.
const GENERAL_COURSES: usize = 12;
const OPPORTUNITIES: usize = 4;
/// Occupations each program is linked to with PREPARES_FOR, at most.
const OCCUPATIONS_PER_PROGRAM: usize = 2;

const STATES: [&str; 51] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD",
    "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC",
    "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
];
const OPPORTUNITY_KINDS: [&str; 4] = ["JOB", "APPRENTICESHIP", "INTERNSHIP", "WORK_BASED_LEARNING"];

/// Value of `source` on every generated record.
pub const SOURCE: &str = "ler-registry generate: synthetic records, not real data";
/// Fixed creation time, so two runs with one seed write identical properties.
const CREATED_AT: &str = "2026-01-01T00:00:00Z";

struct Level {
    name: &'static str,
    credential: &'static str,
    rank: i64,
    stage: &'static str,
    credits: (usize, usize),
    weeks: (usize, usize),
    cost: (usize, usize),
}

/// A CIP code that crosswalks to at least one seeded occupation.
#[derive(Debug, Clone, PartialEq)]
pub struct CipEntry {
    pub code: String,
    pub title: String,
    /// O*NET-SOC codes of the occupations the CIP-SOC crosswalk links it to.
    pub occupations: Vec<String>,
}

/// A seeded occupation opportunities can point at.
#[derive(Debug, Clone, PartialEq)]
pub struct OccupationEntry {
    pub soc_code: String,
    pub title: String,
    pub median_wage: Option<f64>,
}

/// Real codes the synthetic records refer to.
#[derive(Debug, Clone)]
pub struct Reference {
    /// CIP codes by series (the first five characters, "48.05"), only series with at least
    /// one code.
    series: Vec<Vec<CipEntry>>,
    occupations: Vec<OccupationEntry>,
}

impl Reference {
    /// Groups CIP codes by series, in code order. Returns `None` when either list is empty,
    /// because the generator then has nothing real to attach records to.
    pub fn new(mut cip: Vec<CipEntry>, occupations: Vec<OccupationEntry>) -> Option<Self> {
        cip.sort_by(|a, b| a.code.cmp(&b.code));
        let mut series: BTreeMap<String, Vec<CipEntry>> = BTreeMap::new();
        for entry in cip {
            let key: String = entry.code.chars().take(5).collect();
            series.entry(key).or_default().push(entry);
        }
        let series: Vec<Vec<CipEntry>> = series.into_values().collect();
        if series.is_empty() || occupations.is_empty() {
            return None;
        }
        Some(Self { series, occupations })
    }
}

/// The records of one synthetic provider, as rows for the UNWIND statements.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProviderRecords {
    pub provider: Value,
    /// `{props, cip, occupations}` per program.
    pub programs: Vec<Value>,
    pub courses: Vec<Value>,
    /// `{from: course id, to: program id, position, required}`.
    pub part_of: Vec<Value>,
    /// `{from: course id, to: course id}`.
    pub prerequisites: Vec<Value>,
    /// `{from, to, creditCarried, sharedCourses, derivation}`.
    pub stacks: Vec<Value>,
    pub opportunities: Vec<Value>,
}

impl ProviderRecords {
    /// Nodes this provider adds.
    pub fn node_count(&self) -> usize {
        1 + self.programs.len() + self.courses.len() + self.opportunities.len()
    }

    /// Relationships this provider adds: OFFERED_BY, CLASSIFIED_AS and PREPARES_FOR of each
    /// program, PART_OF, PREREQUISITE_FOR, STACKS_INTO and OFFERED_BY of each opportunity.
    pub fn relationship_count(&self) -> usize {
        let program_links: usize = self.programs.iter().map(|p| 2 + p["occupations"].as_array().map_or(0, Vec::len)).sum();
        program_links + self.part_of.len() + self.prerequisites.len() + self.stacks.len() + self.opportunities.len()
    }
}

/// Builds the records of provider `index` for `seed`. The same arguments always return
/// the same records.
pub fn provider_records(reference: &Reference, seed: u64, index: u64) -> ProviderRecords {
    let mut rng = SplitMix64::for_item(seed, index);
    let provider_id = format!("gen-{seed}-prv-{index}");
    let state = *rng.pick(&STATES);
    let common = |kind_props: Value| -> Value {
        let mut map = kind_props.as_object().cloned().unwrap_or_default();
        map.insert("generated".into(), json!(true));
        map.insert("generatorSeed".into(), json!(seed));
        map.insert("source".into(), json!(SOURCE));
        Value::Object(map)
    };

    let mut out = ProviderRecords {
        provider: common(json!({
            "id": provider_id, "name": format!("Generated Training Provider {index}"), "kind": "TRAINING_PROVIDER", "state": state,
        })),
        ..ProviderRecords::default()
    };

    let general: Vec<String> = (0..GENERAL_COURSES).map(|k| format!("{provider_id}-crs-gen-{k}")).collect();
    for (k, id) in general.iter().enumerate() {
        out.courses.push(common(json!({
            "id": id, "code": format!("GEN{}", 101 + k), "title": format!("General Education {}", k + 1),
            "creditHours": 3.0, "providerId": provider_id, "status": "PUBLISHED", "createdAt": CREATED_AT,
        })));
        if k > 0 && rng.below(2) == 0 {
            out.prerequisites.push(json!({"from": general[rng.below(k)], "to": id}));
        }
    }

    let mut series_used: Vec<usize> = Vec::new();
    let mut program_number = 0;
    for (series_number, program_total) in SERIES_PROGRAMS.iter().enumerate() {
        let series_index = distinct_pick(&mut rng, reference.series.len(), &series_used);
        series_used.push(series_index);
        let series = &reference.series[series_index];
        let levels = ascending_levels(&mut rng, *program_total);

        let mut series_courses: Vec<(String, f64)> = Vec::new();
        let mut series_programs: Vec<(String, usize)> = Vec::new();
        for (position, level_index) in levels.iter().enumerate() {
            let level = &LEVELS[*level_index];
            let cip = rng.pick(series);
            let program_id = format!("{provider_id}-prg-{program_number}");
            program_number += 1;

            for k in 0..COURSES_PER_PROGRAM {
                let course_id = format!("{provider_id}-crs-{series_number}-{position}-{k}");
                let credit = if rng.below(4) == 0 { 4.0 } else { 3.0 };
                out.courses.push(common(json!({
                    "id": course_id, "code": format!("S{series_number}{}{:02}", position + 1, k + 1),
                    "title": format!("{} {}.{}", cip.title, position + 1, k + 1),
                    "creditHours": credit, "providerId": provider_id, "status": "PUBLISHED", "createdAt": CREATED_AT,
                })));
                let earlier = series_courses.len();
                let mut prerequisites: Vec<usize> = Vec::new();
                if earlier > 0 {
                    for _ in 0..rng.between(2, 4).min(earlier) {
                        let pick = rng.below(earlier);
                        if !prerequisites.contains(&pick) {
                            prerequisites.push(pick);
                            out.prerequisites.push(json!({"from": series_courses[pick].0, "to": course_id}));
                        }
                    }
                }
                series_courses.push((course_id, credit));
            }

            let occupations: Vec<String> = pick_occupations(&mut rng, &cip.occupations);
            out.programs.push(json!({
                "props": common(json!({
                    "id": program_id, "name": format!("{} {}", cip.title, level.credential), "credentialType": level.credential,
                    "awardLevel": level.name, "awardRank": level.rank, "stage": level.stage, "cipCode": cip.code,
                    "creditHours": rng.between(level.credits.0, level.credits.1) as f64,
                    "weeks": rng.between(level.weeks.0, level.weeks.1) as f64,
                    "costUsd": rng.between(level.cost.0, level.cost.1) as f64,
                    "providerId": provider_id, "state": state, "status": "PUBLISHED", "createdAt": CREATED_AT,
                })),
                "cip": cip.code,
                "occupations": occupations,
            }));
            series_programs.push((program_id, *level_index));
        }

        // Every series course is part of the program that adds it and of all higher ones.
        for (course_position, (course_id, _)) in series_courses.iter().enumerate() {
            let introduced_by = course_position / COURSES_PER_PROGRAM;
            for (program_id, _) in &series_programs[introduced_by..] {
                out.part_of.push(json!({"from": course_id, "to": program_id, "position": course_position, "required": true}));
            }
        }
        for (program_id, level_index) in &series_programs {
            if *level_index >= 2 {
                for (position, course_id) in general.iter().enumerate() {
                    out.part_of.push(json!({"from": course_id, "to": program_id, "position": 100 + position, "required": true}));
                }
            }
        }
        let series_code: String = series[0].code.chars().take(5).collect();
        for pair in 0..series_programs.len().saturating_sub(1) {
            let (from, from_level) = &series_programs[pair];
            let (to, to_level) = &series_programs[pair + 1];
            let series_shared = &series_courses[..(pair + 1) * COURSES_PER_PROGRAM];
            let mut shared = series_shared.len();
            let mut credit: f64 = series_shared.iter().map(|(_, c)| c).sum();
            if *from_level >= 2 && *to_level >= 2 {
                shared += GENERAL_COURSES;
                credit += 3.0 * GENERAL_COURSES as f64;
            }
            out.stacks.push(json!({
                "from": from, "to": to, "creditCarried": credit, "sharedCourses": shared,
                "derivation": format!("same provider, CIP series {series_code}, next award level {}, {shared} shared courses", LEVELS[*to_level].name),
            }));
        }
    }

    for k in 0..OPPORTUNITIES {
        let occupation = rng.pick(&reference.occupations);
        let mut props = json!({
            "id": format!("{provider_id}-opp-{k}"), "title": format!("{} (generated)", occupation.title),
            "kind": *rng.pick(&OPPORTUNITY_KINDS), "publication": "OPEN", "employerName": format!("Generated Employer {}", rng.below(100_000)),
            "state": state, "socCode": occupation.soc_code, "providerId": provider_id, "version": 1,
            "verificationStatus": "AWAITING_VERIFICATION", "createdAt": CREATED_AT, "updatedAt": CREATED_AT,
        });
        if let Some(wage) = occupation.median_wage {
            props["salaryMin"] = json!((wage * 0.85).round());
            props["salaryMax"] = json!((wage * 1.15).round());
        }
        out.opportunities.push(common(props));
    }
    out
}

/// Picks an index in `0..len` not in `used`, unless every index is used.
fn distinct_pick(rng: &mut SplitMix64, len: usize, used: &[usize]) -> usize {
    let first = rng.below(len);
    if used.len() >= len {
        return first;
    }
    (0..len).map(|step| (first + step) % len).find(|i| !used.contains(i)).unwrap_or(first)
}

/// Picks `count` distinct award levels, lowest first.
fn ascending_levels(rng: &mut SplitMix64, count: usize) -> Vec<usize> {
    let mut levels: Vec<usize> = (0..LEVELS.len()).collect();
    while levels.len() > count {
        levels.remove(rng.below(levels.len()));
    }
    levels
}

fn pick_occupations(rng: &mut SplitMix64, occupations: &[String]) -> Vec<String> {
    let mut picked: Vec<String> = Vec::new();
    for _ in 0..OCCUPATIONS_PER_PROGRAM.min(occupations.len()) {
        let code = rng.pick(occupations);
        if !picked.contains(code) {
            picked.push(code.clone());
        }
    }
    picked.sort();
    picked
}

#[cfg(test)]
#[path = "records_tests.rs"]
mod tests;
