//! Every Cypher statement the server runs, loaded from `cypher/` at build time.

macro_rules! cypher {
    ($($name:ident => $path:literal),* $(,)?) => {
        $(pub const $name: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/", $path));)*
    };
}

cypher! {
    CONSTRAINTS => "schema/constraints.cypher",
    BY_CODE => "query/by_code.cypher",
    CODE_COUNTS => "query/code_counts.cypher",
    CODE_LOOKUP => "query/code_lookup.cypher",
    COUNTS => "query/counts.cypher",
    CROSSWALK => "query/crosswalk.cypher",
    OCCUPATION_BY_CODE => "query/occupation_by_code.cypher",
    OCCUPATION_PROGRAMS => "query/occupation_programs.cypher",
    OCCUPATION_RELATED => "query/occupation_related.cypher",
    OCCUPATION_SKILLS => "query/occupation_skills.cypher",
    OCCUPATIONS_BY_KEY => "query/occupations_by_key.cypher",
    OCCUPATIONS_BY_SOC => "query/occupations_by_soc.cypher",
    OCCUPATIONS_COUNT => "query/occupations_count.cypher",
    OCCUPATIONS_PAGE => "query/occupations_page.cypher",
    PROGRAM_CODES => "query/program_codes.cypher",
    PROGRAM_OCCUPATIONS => "query/program_occupations.cypher",
    PROGRAM_PROVIDERS => "query/program_providers.cypher",
    PROGRAMS_BY_KEY => "query/programs_by_key.cypher",
    PROGRAMS_COUNT => "query/programs_count.cypher",
    PROGRAMS_PAGE => "query/programs_page.cypher",
    PROVIDER_CODES => "query/provider_codes.cypher",
    PROVIDER_PROGRAMS => "query/provider_programs.cypher",
    PROVIDERS_BY_KEY => "query/providers_by_key.cypher",
    PROVIDERS_COUNT => "query/providers_count.cypher",
    PROVIDERS_PAGE => "query/providers_page.cypher",
    SEARCH => "query/search.cypher",
    SKILLS_BY_KEY => "query/skills_by_key.cypher",
    SKILLS_COUNT => "query/skills_count.cypher",
    SKILLS_PAGE => "query/skills_page.cypher",
    AUDIT_TRAIL => "registry/audit_trail.cypher",
    OPPORTUNITIES_BY_KEY => "registry/opportunities_by_key.cypher",
    OPPORTUNITIES_PAGE => "registry/opportunities_page.cypher",
    SERVICES_BY_KEY => "registry/services_by_key.cypher",
    SERVICES_PAGE => "registry/services_page.cypher",
}

/// Seed statements in load order: each takes `$rows` from `seeds/<name>.jsonl.gz`.
pub const SEED_STEPS: &[(&str, &str)] = &[
    ("soc_codes", include_str!("../../cypher/seed/soc_codes.cypher")),
    ("cip_codes", include_str!("../../cypher/seed/cip_codes.cypher")),
    ("cip_soc", include_str!("../../cypher/seed/cip_soc.cypher")),
    ("occupations", include_str!("../../cypher/seed/occupations.cypher")),
    ("skills", include_str!("../../cypher/seed/skills.cypher")),
    ("occupation_skills", include_str!("../../cypher/seed/occupation_skills.cypher")),
    ("related_occupations", include_str!("../../cypher/seed/related_occupations.cypher")),
    ("onet_2010", include_str!("../../cypher/seed/onet_2010.cypher")),
    ("naics_codes", include_str!("../../cypher/seed/naics_codes.cypher")),
    ("staffing_pattern", include_str!("../../cypher/seed/staffing_pattern.cypher")),
    ("ipeds_providers", include_str!("../../cypher/seed/ipeds_providers.cypher")),
    ("nj_providers", include_str!("../../cypher/seed/nj_providers.cypher")),
    ("nj_programs", include_str!("../../cypher/seed/nj_programs.cypher")),
    ("nj_in_demand_socs", include_str!("../../cypher/seed/nj_in_demand_socs.cypher")),
    ("ca_top", include_str!("../../cypher/seed/ca_top.cypher")),
    ("ctdl_programs", include_str!("../../cypher/seed/ctdl_programs.cypher")),
];
