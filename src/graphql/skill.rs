use async_graphql::Object;

use super::records::SkillRecord;

/// An O*NET skill or knowledge element.
pub struct Skill(pub SkillRecord);

#[Object]
impl Skill {
    /// Global id, usable with `node(id:)`.
    pub async fn id(&self) -> String {
        format!("Skill:{}", self.0.element_id)
    }

    /// O*NET content model element id, for example "2.A.1.a".
    async fn element_id(&self) -> &str {
        &self.0.element_id
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    /// SKILL or KNOWLEDGE.
    async fn kind(&self) -> &str {
        &self.0.kind
    }
}
