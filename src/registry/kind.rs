//! Kinds of registry record, their node labels and the label-specific statements.

use std::collections::HashMap;
use std::sync::LazyLock;

/// A kind of record that registration can create, update and retire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKind {
    Program,
    Course,
    Provider,
    Opportunity,
    Service,
    RegionalWage,
}

impl RecordKind {
    pub const ALL: [RecordKind; 6] = [Self::Program, Self::Course, Self::Provider, Self::Opportunity, Self::Service, Self::RegionalWage];

    /// Returns the node label, which is also the kind part of global ids and cache tags.
    pub fn label(self) -> &'static str {
        match self {
            Self::Program => "Program",
            Self::Course => "Course",
            Self::Provider => "Provider",
            Self::Opportunity => "Opportunity",
            Self::Service => "Service",
            Self::RegionalWage => "RegionalWage",
        }
    }

    pub fn parse(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.label() == label)
    }

    /// Returns the prefix of server-generated ids.
    pub fn id_prefix(self) -> &'static str {
        match self {
            Self::Program => "prg",
            Self::Course => "crs",
            Self::Provider => "prv",
            Self::Opportunity => "opp",
            Self::Service => "svc",
            Self::RegionalWage => "wage",
        }
    }
}

/// Statement templates whose `__LABEL__` is replaced by a [`RecordKind::label`]. Labels
/// cannot be Cypher parameters, and a literal label keeps the index seek on `id`. Only
/// the fixed labels above are ever substituted, never user input.
const TEMPLATES: &[(&str, &str)] = &[
    ("record_by_id", include_str!("../../cypher/registry/record_by_id.cypher")),
    ("record_create", include_str!("../../cypher/registry/record_create.cypher")),
    ("record_update", include_str!("../../cypher/registry/record_update.cypher")),
];

static STATEMENTS: LazyLock<HashMap<(RecordKind, &'static str), &'static str>> = LazyLock::new(|| {
    let mut statements = HashMap::new();
    for kind in RecordKind::ALL {
        for (name, template) in TEMPLATES {
            // Leaked once per kind and template at first use: 18 short strings in total.
            let text: &'static str = Box::leak(template.replace("__LABEL__", kind.label()).into_boxed_str());
            statements.insert((kind, *name), text);
        }
    }
    statements
});

/// Returns the statement `name` for `kind`. Panics on a name missing from [`TEMPLATES`].
pub fn statement(kind: RecordKind, name: &'static str) -> &'static str {
    STATEMENTS.get(&(kind, name)).copied().unwrap_or_else(|| panic!("no registry statement named {name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statement_substitutes_label() {
        let text = statement(RecordKind::Opportunity, "record_by_id");
        assert!(text.contains("(n:Opportunity {id: $id})"), "{text}");
        assert!(!text.contains("__LABEL__"));
    }

    #[test]
    fn kind_parse_round_trips() {
        for kind in RecordKind::ALL {
            assert_eq!(RecordKind::parse(kind.label()), Some(kind));
        }
        assert_eq!(RecordKind::parse("Wallet"), None);
    }
}
