//! Opportunities: jobs, apprenticeships, internships and work-based learning, with the
//! audience rule of closed applications and Schema.org JobPosting output for open posts.

use async_graphql::{Json, Object};
use ler_auth::{Principal, Role};
use serde_json::{json, Map, Value};

use super::status::RecordState;

/// An opportunity as read from the graph.
pub struct Opportunity(pub Map<String, Value>);

/// Returns whether `principal` may see an opportunity: anyone for OPEN and DESCRIPTION
/// posts; for CLOSED ones only admins, the posting provider and the listed audience.
pub fn is_visible(principal: &Principal, node: &Map<String, Value>) -> bool {
    if node.get("publication").and_then(Value::as_str) != Some("CLOSED") {
        return true;
    }
    if let Some(owner) = node.get("providerId").and_then(Value::as_str) {
        if principal.can_act_for_provider(owner) {
            return true;
        }
    }
    if principal.is_admin() {
        return true;
    }
    let listed = |property: &str, value: &str| node.get(property).and_then(Value::as_array).is_some_and(|items| items.iter().any(|item| item.as_str() == Some(value)));
    let learner_listed = principal.has_role(Role::Learner) && principal.learner_id().is_some_and(|id| listed("audienceLearnerIds", id));
    learner_listed || principal.roles().any(|role| listed("audienceRoles", role.as_str()))
}

impl Opportunity {
    fn text(&self, property: &str) -> Option<&str> {
        self.0.get(property).and_then(Value::as_str)
    }

    fn number(&self, property: &str) -> Option<f64> {
        self.0.get(property).and_then(Value::as_f64)
    }

    /// Builds the JSON-LD; `None` unless the post is OPEN.
    pub fn job_posting(&self) -> Option<Value> {
        if self.text("publication") != Some("OPEN") {
            return None;
        }
        let mut posting = json!({
            "@context": "https://schema.org/",
            "@type": "JobPosting",
            "identifier": { "@type": "PropertyValue", "name": "ler-registry", "value": self.text("id") },
            "title": self.text("title"),
            "description": self.text("description").or(self.text("title")),
            "datePosted": self.text("createdAt").map(|at| at.chars().take(10).collect::<String>()),
            "hiringOrganization": { "@type": "Organization", "name": self.text("employerName") },
            "jobLocation": { "@type": "Place", "address": {
                "@type": "PostalAddress",
                "addressLocality": self.text("city"),
                "addressRegion": self.text("state"),
                "addressCountry": "US",
            } },
        });
        let fields = posting.as_object_mut().expect("a JSON object literal");
        if let Some(until) = self.text("validThrough") {
            fields.insert("validThrough".into(), json!(until));
        }
        if let Some(url) = self.text("url") {
            fields.insert("url".into(), json!(url));
        }
        if let Some(soc) = self.text("socCode") {
            fields.insert("occupationalCategory".into(), json!(soc));
        }
        // schema.org employmentType has INTERN but no value for apprenticeships.
        if self.text("kind") == Some("INTERNSHIP") {
            fields.insert("employmentType".into(), json!("INTERN"));
        }
        let (min, max) = (self.number("salaryMin"), self.number("salaryMax"));
        if min.is_some() || max.is_some() {
            let mut value = json!({ "@type": "QuantitativeValue", "unitText": "YEAR" });
            if let Some(min) = min {
                value["minValue"] = json!(min);
            }
            if let Some(max) = max {
                value["maxValue"] = json!(max);
            }
            fields.insert("baseSalary".into(), json!({ "@type": "MonetaryAmount", "currency": "USD", "value": value }));
        }
        Some(posting)
    }
}

#[Object]
impl Opportunity {
    /// Global id, such as "Opportunity:opp-…".
    async fn id(&self) -> String {
        format!("Opportunity:{}", self.text("id").unwrap_or_default())
    }

    async fn registry_id(&self) -> Option<&str> {
        self.text("id")
    }

    async fn title(&self) -> Option<&str> {
        self.text("title")
    }

    /// JOB, APPRENTICESHIP, INTERNSHIP or WORK_BASED_LEARNING.
    async fn kind(&self) -> Option<&str> {
        self.text("kind")
    }

    /// OPEN, CLOSED or DESCRIPTION.
    async fn publication(&self) -> Option<&str> {
        self.text("publication")
    }

    async fn description(&self) -> Option<&str> {
        self.text("description")
    }

    async fn employer_name(&self) -> Option<&str> {
        self.text("employerName")
    }

    async fn city(&self) -> Option<&str> {
        self.text("city")
    }

    async fn state(&self) -> Option<&str> {
        self.text("state")
    }

    async fn url(&self) -> Option<&str> {
        self.text("url")
    }

    async fn soc_code(&self) -> Option<&str> {
        self.text("socCode")
    }

    /// Yearly base salary bounds in US dollars.
    async fn salary_min(&self) -> Option<f64> {
        self.number("salaryMin")
    }

    async fn salary_max(&self) -> Option<f64> {
        self.number("salaryMax")
    }

    /// Last day to apply, YYYY-MM-DD.
    async fn valid_through(&self) -> Option<&str> {
        self.text("validThrough")
    }

    /// Registry id of the posting provider.
    async fn provider_id(&self) -> Option<&str> {
        self.text("providerId")
    }

    #[graphql(flatten)]
    async fn record_state(&self) -> RecordState {
        RecordState::from_stored(self.0.get("version").and_then(Value::as_i64), self.text("verificationStatus"), self.0.contains_key("retiredAt"))
    }

    /// Schema.org JobPosting JSON-LD, for OPEN posts only.
    async fn schema_org(&self) -> Option<Json<Value>> {
        self.job_posting().map(Json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closed() -> Map<String, Value> {
        json!({ "id": "opp-1", "publication": "CLOSED", "providerId": "acme", "audienceLearnerIds": ["l-1"], "audienceRoles": ["counselor"] })
            .as_object()
            .unwrap()
            .clone()
    }

    #[test]
    fn closed_opportunity_hidden_from_anonymous() {
        assert!(!is_visible(&Principal::anonymous(), &closed()));
    }

    #[test]
    fn open_post_has_job_posting() {
        let node = json!({ "id": "opp-2", "publication": "OPEN", "title": "Welder", "salaryMin": 40000.0 }).as_object().unwrap().clone();
        let posting = Opportunity(node).job_posting().unwrap();
        assert_eq!(posting["@type"], "JobPosting");
        assert_eq!(posting["baseSalary"]["value"]["minValue"], 40000.0);
    }

    #[test]
    fn closed_post_has_no_job_posting() {
        assert!(Opportunity(closed()).job_posting().is_none());
    }
}
