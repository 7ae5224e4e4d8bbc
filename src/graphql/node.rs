//! Relay global ids and the `Node` interface.

use async_graphql::{Context, Interface};

use super::loaders::Loaders;
use super::occupation::Occupation;
use super::program::{Program, Provider};
use super::skill::Skill;
use crate::error::ApiError;

/// Any record with a global id.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "String", desc = "Global id, usable with `node(id:)`."))]
pub enum Node {
    Occupation(Occupation),
    Program(Program),
    Provider(Provider),
    Skill(Skill),
}

/// Kinds of record a global id can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Occupation,
    Program,
    Provider,
    Skill,
}

impl NodeKind {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "Occupation" => Some(Self::Occupation),
            "Program" => Some(Self::Program),
            "Provider" => Some(Self::Provider),
            "Skill" => Some(Self::Skill),
            _ => None,
        }
    }
}

/// Splits a global id such as "Program:nj-etpl-133-48.0508" into its kind and natural key.
pub fn parse_global_id(id: &str) -> Result<(NodeKind, String), ApiError> {
    let invalid = || ApiError::bad_input(format!(
        "The id \"{id}\" is not a global id. Use the `id` field of a record, such as \"Occupation:51-4121.00\"."
    ));
    let (kind, key) = id.split_once(':').ok_or_else(invalid)?;
    let kind = NodeKind::parse(kind).ok_or_else(invalid)?;
    if key.is_empty() {
        return Err(invalid());
    }
    Ok((kind, key.to_string()))
}

/// Loads one record by kind and natural key; `None` when it does not exist.
pub async fn load_node(ctx: &Context<'_>, kind: NodeKind, key: String) -> async_graphql::Result<Option<Node>> {
    let loaders = ctx.data_unchecked::<Loaders>();
    Ok(match kind {
        NodeKind::Occupation => loaders.occupations.load_one(key).await?.map(|r| Node::Occupation(Occupation(r))),
        NodeKind::Program => loaders.programs.load_one(key).await?.map(|r| Node::Program(Program(r))),
        NodeKind::Provider => loaders.providers.load_one(key).await?.map(|r| Node::Provider(Provider(r))),
        NodeKind::Skill => loaders.skills.load_one(key).await?.map(|r| Node::Skill(Skill(r))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_id_parses_kind_and_key() {
        let (kind, key) = parse_global_id("Program:nj-etpl-1-48.0508").unwrap();
        assert_eq!(kind, NodeKind::Program);
        assert_eq!(key, "nj-etpl-1-48.0508");
    }

    #[test]
    fn global_id_rejects_unknown_kind() {
        assert!(parse_global_id("Wallet:1").is_err());
        assert!(parse_global_id("Program:").is_err());
        assert!(parse_global_id("51-4121").is_err());
    }
}
