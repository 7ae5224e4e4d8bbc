//! Cache keys: a hash of the normalized document, the variables, the operation name and
//! the caller's scope, plus the list tags of the root fields a query selects.

use async_graphql::parser::types::{DocumentOperations, OperationType, Selection};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// What the cache may do with one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// A query: look it up under `key`, and tag a stored entry with `list_tags` as well as
    /// the records its resolvers touched.
    Cacheable { key: String, list_tags: Vec<String> },
    /// A mutation: never cached, but it invalidates the entries of the records it changes.
    Mutation,
    /// A document that does not parse, a subscription or an ambiguous operation.
    Uncacheable,
}

/// Builds the plan of one request. `scope` is `Principal::cache_scope()`, never a token.
pub fn plan(document: &str, variables: Option<&Value>, operation_name: Option<&str>, scope: &str) -> Plan {
    let Ok(parsed) = async_graphql::parser::parse_query(document) else {
        return Plan::Uncacheable;
    };
    let operation = match (&parsed.operations, operation_name) {
        (DocumentOperations::Single(op), _) => Some(&op.node),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name).map(|op| &op.node),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next().map(|op| &op.node),
        _ => None,
    };
    let Some(operation) = operation else { return Plan::Uncacheable };
    match operation.ty {
        OperationType::Mutation => return Plan::Mutation,
        OperationType::Subscription => return Plan::Uncacheable,
        OperationType::Query => {}
    }
    let mut list_tags = Vec::new();
    for selection in &operation.selection_set.node.items {
        match &selection.node {
            Selection::Field(field) if UNCACHED_FIELDS.contains(&field.node.name.node.as_str()) => return Plan::Uncacheable,
            Selection::Field(field) => list_tags.extend(list_tags_of(field.node.name.node.as_str())),
            // A fragment at the root may select any list, so tag the entry with all of them.
            Selection::FragmentSpread(_) | Selection::InlineFragment(_) => list_tags.extend(ALL_LISTS.iter().map(|k| list_tag(k))),
        }
    }
    list_tags.sort();
    list_tags.dedup();
    Plan::Cacheable { key: response_key(document, variables, operation_name, scope), list_tags }
}

/// Root fields whose answers depend on state no record tag tracks (credential status,
/// wallet items, eligibility rules), so a response that selects one is never cached.
const UNCACHED_FIELDS: &[&str] = &["verifyCredential", "wallet", "programEligibility", "householdEligibility", "auditTrail"];

/// Record kinds whose lists a root field can return.
const ALL_LISTS: &[&str] = &["Occupation", "Program", "Provider", "Skill", "Course", "Opportunity", "Service", "RegionalWage"];

/// Returns the tag that a mutation of any record of `kind` invalidates.
pub fn list_tag(kind: &str) -> String {
    format!("list:{kind}")
}

/// Returns the record tag that resolvers add when they read a record.
pub fn record_tag(kind: &str, id: &str) -> String {
    format!("{kind}:{id}")
}

fn list_tags_of(root_field: &str) -> Vec<String> {
    let kinds: &[&str] = match root_field {
        "occupations" => &["Occupation"],
        "programs" => &["Program"],
        "providers" => &["Provider"],
        "skills" => &["Skill"],
        "opportunities" => &["Opportunity"],
        "services" => &["Service"],
        "regionalWages" => &["RegionalWage"],
        // Pathways depend on links between records, which change with any program or course.
        "fastestPathToEmployment" | "stackability" => &["Program", "Course"],
        "mobilityPaths" => &["Occupation"],
        "search" | "byCode" | "crosswalk" | "node" => &["Occupation", "Program", "Provider", "Skill"],
        _ => &[],
    };
    kinds.iter().map(|k| list_tag(k)).collect()
}

/// Hashes the request parts with a length prefix each, so no two requests share a stream.
fn response_key(document: &str, variables: Option<&Value>, operation_name: Option<&str>, scope: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"ler-registry response v1\n");
    let variables = canonical_json(variables.unwrap_or(&Value::Null));
    for part in [normalize_document(document).as_str(), variables.as_str(), operation_name.unwrap_or(""), scope] {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// Serializes JSON with object keys sorted, so `{"a":1,"b":2}` and `{"b":2,"a":1}` match.
pub fn canonical_json(value: &Value) -> String {
    fn sorted(value: &Value) -> Value {
        match value {
            Value::Object(map) => {
                let mut entries: Vec<(&String, &Value)> = map.iter().collect();
                entries.sort_by(|a, b| a.0.cmp(b.0));
                Value::Object(entries.into_iter().map(|(k, v)| (k.clone(), sorted(v))).collect())
            }
            Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    sorted(value).to_string()
}

/// Drops comments, commas and insignificant whitespace outside strings, keeping one space
/// only between two name or number tokens, so formatting alone never changes the key.
pub fn normalize_document(document: &str) -> String {
    let chars: Vec<char> = document.chars().collect();
    let mut out = String::with_capacity(document.len());
    let mut pending_space = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '#' {
            while i < chars.len() && chars[i] != '\n' && chars[i] != '\r' {
                i += 1;
            }
            pending_space = true;
            continue;
        }
        if c.is_whitespace() || c == ',' || c == '\u{feff}' {
            pending_space = true;
            i += 1;
            continue;
        }
        if pending_space && is_word(c) && out.chars().last().is_some_and(is_word) {
            out.push(' ');
        }
        pending_space = false;
        if c == '"' {
            i = copy_string(&chars, i, &mut out);
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-' || c == '.'
}

/// Copies a string or block string starting at `start` verbatim and returns the index after it.
fn copy_string(chars: &[char], start: usize, out: &mut String) -> usize {
    let block = chars.get(start..start + 3) == Some(&['"', '"', '"'][..]);
    let mut i = start + if block { 3 } else { 1 };
    out.push_str(if block { "\"\"\"" } else { "\"" });
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            out.push(c);
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if block && chars.get(i..i + 3) == Some(&['"', '"', '"'][..]) {
            out.push_str("\"\"\"");
            return i + 3;
        }
        out.push(c);
        i += 1;
        if !block && (c == '"' || c == '\n') {
            return i;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn key_of(plan: Plan) -> String {
        match plan {
            Plan::Cacheable { key, .. } => key,
            other => panic!("expected a cacheable plan, got {other:?}"),
        }
    }

    #[test]
    fn normalize_ignores_whitespace_and_comments() {
        let a = normalize_document("query Q($id: ID!) {\n  program(id: $id) { name, state } # trailing\n}");
        let b = normalize_document("query Q($id:ID!){program(id:$id){name state}}");
        assert_eq!(a, b);
    }

    #[test]
    fn normalize_keeps_string_contents() {
        let normalized = normalize_document("{ search(text: \"a  b, # c\") { score } }");
        assert!(normalized.contains("\"a  b, # c\""), "{normalized}");
    }

    #[test]
    fn normalize_keeps_space_between_names() {
        assert_eq!(normalize_document("query   Q { a  b }"), "query Q{a b}");
    }

    #[test]
    fn key_ignores_variable_order() {
        let a = plan("{ a }", Some(&json!({"x": 1, "y": 2})), None, "s");
        let b = plan("{ a }", Some(&json!({"y": 2, "x": 1})), None, "s");
        assert_eq!(key_of(a), key_of(b));
    }

    #[test]
    fn key_differs_by_scope() {
        let a = plan("{ a }", None, None, "scope-a");
        let b = plan("{ a }", None, None, "scope-b");
        assert_ne!(key_of(a), key_of(b));
    }

    #[test]
    fn key_differs_by_operation_name() {
        let document = "query A { a } query B { b }";
        assert_ne!(key_of(plan(document, None, Some("A"), "s")), key_of(plan(document, None, Some("B"), "s")));
    }

    #[test]
    fn mutation_is_never_cacheable() {
        assert_eq!(plan("mutation { retire }", None, None, "s"), Plan::Mutation);
    }

    #[test]
    fn unparsable_document_is_uncacheable() {
        assert_eq!(plan("{ a(", None, None, "s"), Plan::Uncacheable);
    }

    #[test]
    fn list_query_carries_list_tag() {
        let Plan::Cacheable { list_tags, .. } = plan("{ programs { edges { cursor } } }", None, None, "s") else { panic!("not cacheable") };
        assert_eq!(list_tags, vec!["list:Program".to_string()]);
    }
}
