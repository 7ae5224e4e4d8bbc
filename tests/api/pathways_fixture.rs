//! Hand-built pathway graphs for tests. Each test names its own slot, a seeded occupation
//! that no seeded program prepares for, and its programs, links and courses carry a random
//! suffix. Tests running in parallel against the shared seeded graph therefore never see
//! each other's records, and no seeded node changes or is added to a counted label.

use ler_registry::graph::Statement;
use rand::Rng;
use serde_json::{json, Value};

use crate::helpers::TestApp;

const BUILD_GRAPH: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/pathways/test/build_graph.cypher"));
const DELETE_GRAPH: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/pathways/test/delete_graph.cypher"));

/// Seeded O*NET-SOC occupations that no seeded program prepares for, one per test slot.
/// Some are crosswalked only to CIP 99.9999, which opens no occupation.
const SLOTS: &[&str] = &[
    "45-2011.00", "45-2021.00", "45-2041.00", "45-2091.00", "45-2092.00", "45-2093.00", "45-2099.00", "45-4011.00",
    "45-4021.00", "45-4023.00", "45-4029.00", "49-9011.00", "49-9031.00", "49-9061.00", "49-9062.00", "49-9063.00",
    "49-9064.00", "49-9091.00", "49-9094.00", "49-9096.00", "49-9098.00", "53-1041.00", "53-2021.00", "53-2022.00",
    "53-2031.00", "53-3011.00", "53-3031.00", "53-3054.00", "53-3099.00", "53-4011.00", "53-4013.00", "53-4022.00",
];

pub struct Fixture {
    suffix: String,
    /// O*NET-SOC code of the target occupation.
    pub onet: String,
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
    /// Starts a fixture on slot `slot`, which no other test may use.
    pub fn new(slot: usize) -> Self {
        Self {
            suffix: format!("{:08x}", rand::thread_rng().gen::<u32>()),
            onet: SLOTS[slot].to_string(),
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

    pub async fn build(self, app: &TestApp) -> Self {
        let statement = Statement::new("test_build_pathway_graph", BUILD_GRAPH)
            .param("onet", self.onet.as_str())
            .json_param("programs", &Value::Array(self.programs.clone()))
            .json_param("links", &Value::Array(self.links.clone()))
            .json_param("courses", &Value::Array(self.courses.clone()));
        app.graph.run(statement).await.expect("fixture graph is created");
        self
    }

    /// Deletes the fixture's programs and courses.
    pub async fn remove(&self, app: &TestApp) {
        let ids: Vec<Value> = self.programs.iter().chain(&self.courses).map(|item| item["id"].clone()).collect();
        let statement = Statement::new("test_delete_pathway_graph", DELETE_GRAPH).json_param("ids", &Value::Array(ids));
        app.graph.run(statement).await.expect("fixture graph is deleted");
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
