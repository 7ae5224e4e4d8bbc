use super::*;

fn reference() -> Reference {
    let cip = vec![
        CipEntry { code: "48.0508".into(), title: "Welding Technology".into(), occupations: vec!["51-4121.00".into(), "51-4122.00".into()] },
        CipEntry { code: "48.0501".into(), title: "Machine Tool Technology".into(), occupations: vec!["51-4041.00".into()] },
        CipEntry { code: "51.3801".into(), title: "Registered Nursing".into(), occupations: vec!["29-1141.00".into()] },
        CipEntry { code: "11.0701".into(), title: "Computer Science".into(), occupations: vec!["15-1252.00".into(), "15-1251.00".into()] },
    ];
    let occupations = vec![
        OccupationEntry { soc_code: "51-4121".into(), title: "Welders, Cutters, Solderers, and Brazers".into(), median_wage: Some(51_000.0) },
        OccupationEntry { soc_code: "29-1141".into(), title: "Registered Nurses".into(), median_wage: None },
    ];
    Reference::new(cip, occupations).unwrap()
}

fn ids(records: &[Value]) -> Vec<String> {
    records.iter().map(|r| r["id"].as_str().or(r["props"]["id"].as_str()).unwrap().to_string()).collect()
}

#[test]
fn same_seed_gives_same_records() {
    let reference = reference();
    for index in 0..5 {
        assert_eq!(provider_records(&reference, 42, index), provider_records(&reference, 42, index));
    }
}

#[test]
fn other_seed_gives_other_records() {
    let reference = reference();
    let a = provider_records(&reference, 42, 0);
    let b = provider_records(&reference, 43, 0);
    assert_ne!(a.provider["id"], b.provider["id"]);
    assert_ne!(ids(&a.programs), ids(&b.programs));
}

#[test]
fn provider_has_fixed_shape() {
    let records = provider_records(&reference(), 7, 3);
    assert_eq!(records.provider["id"], "gen-7-prv-3");
    assert_eq!(records.programs.len(), 10);
    assert_eq!(records.courses.len(), 10 * COURSES_PER_PROGRAM + GENERAL_COURSES);
    assert_eq!(records.opportunities.len(), OPPORTUNITIES);
    assert_eq!(records.stacks.len(), 3 + 2 + 2);
    assert_eq!(records.node_count(), 1 + 10 + 52 + 4);
}

#[test]
fn every_record_is_marked_generated() {
    let records = provider_records(&reference(), 7, 0);
    let programs: Vec<&Value> = records.programs.iter().map(|p| &p["props"]).collect();
    let all = std::iter::once(&records.provider).chain(programs).chain(&records.courses).chain(&records.opportunities);
    for record in all {
        assert_eq!(record["generated"], true, "{record}");
        assert_eq!(record["generatorSeed"], 7, "{record}");
    }
}

#[test]
fn ids_are_unique_across_providers() {
    let reference = reference();
    let mut all = Vec::new();
    for index in 0..20 {
        let records = provider_records(&reference, 1, index);
        all.extend(ids(&records.programs));
        all.extend(ids(&records.courses));
        all.extend(ids(&records.opportunities));
    }
    let total = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), total);
}

#[test]
fn stacks_link_same_series_ascending() {
    let records = provider_records(&reference(), 11, 2);
    let program = |id: &Value| records.programs.iter().find(|p| p["props"]["id"] == *id).unwrap()["props"].clone();
    for stack in &records.stacks {
        let from = program(&stack["from"]);
        let to = program(&stack["to"]);
        let from_series: String = from["cipCode"].as_str().unwrap().chars().take(5).collect();
        let to_series: String = to["cipCode"].as_str().unwrap().chars().take(5).collect();
        assert_eq!(from_series, to_series);
        assert!(to["awardRank"].as_i64() > from["awardRank"].as_i64(), "{stack}");
        assert!(stack["sharedCourses"].as_u64().unwrap() >= COURSES_PER_PROGRAM as u64);
    }
}

#[test]
fn stack_shared_courses_match_part_of() {
    let records = provider_records(&reference(), 5, 9);
    for stack in &records.stacks {
        let courses_of = |program: &Value| -> Vec<String> {
            records.part_of.iter().filter(|l| l["to"] == *program).map(|l| l["from"].as_str().unwrap().to_string()).collect()
        };
        let lower = courses_of(&stack["from"]);
        let shared = courses_of(&stack["to"]).into_iter().filter(|c| lower.contains(c)).count();
        assert_eq!(stack["sharedCourses"].as_u64().unwrap() as usize, shared, "{stack}");
    }
}

#[test]
fn prerequisites_point_backwards_within_provider() {
    let records = provider_records(&reference(), 3, 4);
    let course_ids = ids(&records.courses);
    assert!(!records.prerequisites.is_empty());
    for link in &records.prerequisites {
        let from = course_ids.iter().position(|id| link["from"] == id.as_str()).unwrap();
        let to = course_ids.iter().position(|id| link["to"] == id.as_str()).unwrap();
        assert!(from < to, "{link}");
    }
}

#[test]
fn programs_prepare_for_crosswalked_occupations() {
    let records = provider_records(&reference(), 8, 1);
    let reference = reference();
    for program in &records.programs {
        let cip = program["cip"].as_str().unwrap();
        let entry = reference.series.iter().flatten().find(|e| e.code == cip).unwrap();
        for code in program["occupations"].as_array().unwrap() {
            assert!(entry.occupations.iter().any(|o| code == o.as_str()), "{code} is not crosswalked from {cip}");
        }
    }
}

#[test]
fn opportunity_salary_brackets_median() {
    let reference = reference();
    for index in 0..10 {
        for opportunity in provider_records(&reference, 2, index).opportunities {
            match opportunity["socCode"].as_str().unwrap() {
                "51-4121" => {
                    assert_eq!(opportunity["salaryMin"], 43_350.0);
                    assert_eq!(opportunity["salaryMax"], 58_650.0);
                }
                _ => assert!(opportunity.get("salaryMin").is_none()),
            }
        }
    }
}

#[test]
fn reference_needs_codes() {
    assert!(Reference::new(Vec::new(), reference().occupations).is_none());
}

#[test]
fn tiny_scale_stream_is_deterministic() {
    let reference = reference();
    let run = || -> (usize, usize, Vec<String>) {
        let stream: Vec<ProviderRecords> = (0..10).map(|index| provider_records(&reference, 99, index)).collect();
        let nodes = stream.iter().map(ProviderRecords::node_count).sum();
        let relationships = stream.iter().map(ProviderRecords::relationship_count).sum();
        let ids = stream.iter().flat_map(|r| ids(&r.programs).into_iter().chain(ids(&r.courses)).chain(ids(&r.opportunities))).collect();
        (nodes, relationships, ids)
    };
    let (nodes, relationships, first_ids) = run();
    let (nodes_again, relationships_again, second_ids) = run();
    assert_eq!(nodes, 670);
    assert_eq!(nodes, nodes_again);
    assert_eq!(relationships, relationships_again);
    assert_eq!(first_ids, second_ids);
}
