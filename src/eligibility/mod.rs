//! Eligibility in the graph: rules and income tables stored as nodes, and verdicts served
//! over GraphQL through the `ler-eligibility` engine.
//!
//! The seed step writes `(:AidProgram|Service)-[:HAS_RULE]->(:Rule)` and `(:IncomeLimit)`
//! nodes. Resolvers read them on every request, so changing a threshold in the graph
//! changes the verdicts without a code change or restart.

pub mod facts;
pub mod input;
pub mod loader;
pub mod query;
pub mod seed;
pub mod store;
pub mod types;

pub use loader::EligibilityLoaders;
pub use query::EligibilityQuery;
pub use seed::seed_eligibility;

/// Every Cypher statement of this module, loaded from `cypher/eligibility/` at build time.
pub mod cypher {
    macro_rules! cypher {
        ($($name:ident => $path:literal),* $(,)?) => {
            $(pub const $name: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/eligibility/", $path));)*
        };
    }

    cypher! {
        CONSTRAINTS => "constraints.cypher",
        SEED_AID_PROGRAMS => "seed_aid_programs.cypher",
        SEED_SERVICES => "seed_services.cypher",
        SEED_RULES => "seed_rules.cypher",
        SEED_INCOME_LIMITS => "seed_income_limits.cypher",
        RULES => "rules.cypher",
        INCOME_LIMITS => "income_limits.cypher",
        SUBJECT_NAMES => "subject_names.cypher",
        PROGRAM_FACTS => "program_facts.cypher",
    }
}
