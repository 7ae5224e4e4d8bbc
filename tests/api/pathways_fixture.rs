//! Hand-built pathway graphs for tests: one target occupation with a CIP code of its own,
//! and programs, links and courses whose ids carry a random suffix. Tests running in
//! parallel against the shared seeded graph therefore never see each other's records.

use ler_registry::graph::Statement;
use rand::Rng;
use serde_json::{json, Value};

use crate::helpers::TestApp;

const BUILD_GRAPH: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/pathways/test/build_graph.cypher"));

pub struct Fixture {
    suffix: String,
    /// O*NET-SOC code of the target occupation, in SOC major group 99, which SOC 2018 does not use.
    pub onet: String,
    soc: String,
    cip: String,
    pub median_wage: f64,
    programs: Vec<Value>,
    links: Vec<Value>,
    courses: Vec<Value>,
}

/// One program of a fixture. Unset values stay absent from the node.
#[derive(Default, Clone)]
pub struct ProgramSpec {
    pub weeks: Option<f64>,
    pub cost: Option<f64>,
    pub credits: Option<f64>,
    pub level: Option<&'static str>,
    pub state: Option<&'static str>,
    /// `providerId` of the program, which decides who may link it.
    pub provider: Option<String>,
    pub opens_target: bool,
}

impl Fixture {
    pub fn new() -> Self {
        let mut rng = rand::thread_rng();
        // 99-9999 stays free for tests of a well-formed code that no occupation has.
        let group: u32 = rng.gen_range(0..9999);
        let detail: u32 = rng.gen_range(0..100);
        let soc = format!("99-{group:04}");
        Self {
            suffix: format!("{:08x}", rng.gen::<u32>()),
            onet: format!("{soc}.{detail:02}"),
            cip: format!("99.{:04}", rng.gen_range(0..10000)),
            soc,
            median_wage: 50_000.0,
            programs: Vec::new(),
            links: Vec::new(),
            courses: Vec::new(),
        }
    }

    /// Registry id of a program or course of this fixture.
    pub fn id(&self, name: &str) -> String {
        format!("test-path-{}-{name}", self.suffix)
    }

    pub fn program(mut self, name: &str, spec: ProgramSpec) -> Self {
        let mut props = json!({ "name": format!("{name} {}", self.suffix) });
        let map = props.as_object_mut().unwrap();
        for (key, value) in [("weeks", spec.weeks), ("costUsd", spec.cost), ("creditHours", spec.credits)] {
            if let Some(value) = value {
                map.insert(key.into(), json!(value));
            }
        }
        if let Some(level) = spec.level {
            map.insert("awardLevel".into(), json!(level));
        }
        if let Some(state) = spec.state {
            map.insert("state".into(), json!(state));
        }
        if let Some(provider) = spec.provider {
            map.insert("providerId".into(), json!(provider));
        }
        self.programs.push(json!({ "id": self.id(name), "props": props, "opensTarget": spec.opens_target }));
        self
    }

    pub fn link(mut self, from: &str, to: &str, kind: &str, credit_carried: Option<f64>) -> Self {
        self.links.push(json!({ "from": self.id(from), "to": self.id(to), "kind": kind, "creditCarried": credit_carried }));
        self
    }

    /// Adds a course of `part_of` (or of no program) that requires the courses `requires`.
    pub fn course(mut self, name: &str, credits: f64, part_of: Option<&str>, requires: &[&str]) -> Self {
        let requires: Vec<String> = requires.iter().map(|r| self.id(r)).collect();
        self.courses.push(json!({
            "id": self.id(name), "name": format!("{name} {}", self.suffix), "creditHours": credits,
            "partOf": part_of.map(|p| self.id(p)), "requires": requires
        }));
        self
    }

    pub fn wage(mut self, median_wage: f64) -> Self {
        self.median_wage = median_wage;
        self
    }

    pub async fn build(self, app: &TestApp) -> Self {
        let occupation = json!({
            "onet": self.onet, "soc": self.soc, "cip": self.cip, "title": format!("Test occupation {}", self.suffix),
            "medianWage": self.median_wage, "entryWage": self.median_wage * 0.6
        });
        let statement = Statement::new("test_build_pathway_graph", BUILD_GRAPH)
            .json_param("occupation", &occupation)
            .json_param("programs", &Value::Array(self.programs.clone()))
            .json_param("links", &Value::Array(self.links.clone()))
            .json_param("courses", &Value::Array(self.courses.clone()));
        app.graph.run(statement).await.expect("fixture graph is created");
        self
    }
}

pub fn opens(weeks: f64, cost: f64) -> ProgramSpec {
    ProgramSpec { weeks: Some(weeks), cost: Some(cost), opens_target: true, ..Default::default() }
}

pub fn step(weeks: f64, cost: f64) -> ProgramSpec {
    ProgramSpec { weeks: Some(weeks), cost: Some(cost), ..Default::default() }
}

pub const FASTEST: &str = "query($input: PathwayInput!) { fastestPathToEmployment(input: $input) {
  reason
  pathways { rank totalWeeks totalCostUsd estimated
    target { code title entryWage medianWage }
    steps { kind id name weeks costUsd weeksEstimated costEstimated estimateBasis credentialEarned skillsGained why } } } }";

/// Ids of the steps of each pathway, in rank order.
pub fn step_ids(data: &Value) -> Vec<Vec<String>> {
    data["fastestPathToEmployment"]["pathways"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["steps"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_string()).collect())
        .collect()
}
