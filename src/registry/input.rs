//! Registration inputs. Creates and updates take the same input: an update changes only
//! the fields it passes, and the merged record must still pass the create checks.

use async_graphql::{Enum, InputObject};
use ler_auth::Role;
use serde_json::Value;

use super::error::{RegistryError, RegistryResult};
use super::validate::{self as v, put, require, Props, MAX_DESCRIPTION, MAX_NAME};

#[derive(InputObject, Default)]
pub struct ProgramInput {
    pub name: Option<String>,
    pub description: Option<String>,
    /// Credential type, for example "Certificate" or "AssociateDegree".
    pub credential_type: Option<String>,
    /// Two-letter state where the program is offered.
    pub state: Option<String>,
    /// CIP 2020 code, for example "48.0508".
    pub cip_code: Option<String>,
    pub url: Option<String>,
}

#[derive(InputObject, Default)]
pub struct CourseInput {
    pub name: Option<String>,
    pub description: Option<String>,
    /// The provider's own course code, for example "WLD-101".
    pub course_code: Option<String>,
    pub credit_hours: Option<f64>,
    /// Registry id of the program the course belongs to.
    pub program_id: Option<String>,
    pub url: Option<String>,
}

#[derive(InputObject, Default)]
pub struct ProviderInput {
    pub name: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub postal_code: Option<String>,
    pub url: Option<String>,
}

#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum OpportunityKind {
    Job,
    Apprenticeship,
    Internship,
    WorkBasedLearning,
}

/// How an opportunity is published.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum Publication {
    /// A public post, also published as Schema.org JobPosting JSON-LD.
    Open,
    /// A closed application: visible only to its audience, its poster and admins.
    Closed,
    /// A description of the opportunity without a way to apply.
    Description,
}

#[derive(InputObject, Default)]
pub struct OpportunityInput {
    pub title: Option<String>,
    pub kind: Option<OpportunityKind>,
    pub publication: Option<Publication>,
    /// Learner ids that may see a CLOSED opportunity.
    pub audience_learner_ids: Option<Vec<String>>,
    /// Roles that may see a CLOSED opportunity, for example "counselor".
    pub audience_roles: Option<Vec<String>>,
    pub description: Option<String>,
    pub employer_name: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub url: Option<String>,
    /// SOC 2018 or O*NET-SOC code of the occupation.
    pub soc_code: Option<String>,
    /// Yearly base salary range in US dollars.
    pub salary_min: Option<f64>,
    pub salary_max: Option<f64>,
    /// Last day to apply, YYYY-MM-DD.
    pub valid_through: Option<String>,
}

#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum ServiceKind {
    /// Supplemental Nutrition Assistance Program.
    Snap,
    /// Temporary Assistance for Needy Families.
    Tanf,
    /// Special Supplemental Nutrition Program for Women, Infants, and Children.
    Wic,
    /// Child Care and Development Fund childcare assistance.
    Ccdf,
    /// Low Income Home Energy Assistance Program.
    Liheap,
    Transportation,
    Housing,
}

impl ServiceKind {
    /// Returns the kind of a seeded benefit program by its eligibility subject id, such as
    /// "snap" or "housing_emergency_aid".
    pub fn of_seeded(subject: &str) -> Option<Self> {
        match subject {
            "snap" => Some(Self::Snap),
            "tanf" => Some(Self::Tanf),
            "wic" => Some(Self::Wic),
            "ccdf" => Some(Self::Ccdf),
            "liheap" => Some(Self::Liheap),
            "transportation_assistance" => Some(Self::Transportation),
            "housing_emergency_aid" => Some(Self::Housing),
            _ => None,
        }
    }
}

#[derive(InputObject, Default)]
pub struct ServiceInput {
    pub name: Option<String>,
    pub kind: Option<ServiceKind>,
    pub description: Option<String>,
    /// Two-letter state the service covers.
    pub state: Option<String>,
    pub url: Option<String>,
}

/// Local wage data for one occupation in one state, written by that state's portal.
#[derive(InputObject, Default)]
pub struct RegionalWageInput {
    /// SOC 2018 code, for example "51-4121".
    pub occupation_code: Option<String>,
    pub state: Option<String>,
    /// Area within the state, for example a metropolitan area name.
    pub area_name: Option<String>,
    pub median_annual_wage: Option<f64>,
    pub entry_annual_wage: Option<f64>,
    /// Reference year of the wages.
    pub year: Option<i32>,
}

pub(crate) fn enum_name<T: std::fmt::Debug>(value: T) -> Value {
    // Stored in SCREAMING_SNAKE_CASE, as GraphQL shows enum values.
    let name = format!("{value:?}");
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    Value::String(out)
}

impl ProgramInput {
    pub fn props(&self) -> RegistryResult<Props> {
        let mut p = Props::new();
        put(&mut p, "name", self.name.as_deref().map(|s| v::text("name", s, MAX_NAME)))?;
        put(&mut p, "description", self.description.as_deref().map(|s| v::text("description", s, MAX_DESCRIPTION)))?;
        put(&mut p, "credentialType", self.credential_type.as_deref().map(|s| v::text("credentialType", s, 100)))?;
        put(&mut p, "state", self.state.as_deref().map(|s| v::state("state", s)))?;
        put(&mut p, "cipCode", self.cip_code.as_deref().map(|s| v::code("cipCode", s, "99.9999", "48.0508")))?;
        put(&mut p, "url", self.url.as_deref().map(|s| v::url("url", s)))?;
        Ok(p)
    }

    pub fn check(merged: &Props) -> RegistryResult<()> {
        require(merged, "name", "name")
    }
}

impl CourseInput {
    pub fn props(&self) -> RegistryResult<Props> {
        let mut p = Props::new();
        // Stored under the property names of catalog courses, which `Course` reads.
        put(&mut p, "title", self.name.as_deref().map(|s| v::text("name", s, MAX_NAME)))?;
        put(&mut p, "description", self.description.as_deref().map(|s| v::text("description", s, MAX_DESCRIPTION)))?;
        put(&mut p, "code", self.course_code.as_deref().map(|s| v::text("courseCode", s, 50)))?;
        if let Some(hours) = self.credit_hours {
            if !(hours.is_finite() && (0.0..=200.0).contains(&hours)) {
                return Err(RegistryError::invalid("creditHours", format!("`creditHours` is {hours}, but it must be between 0 and 200.")));
            }
            p.insert("creditHours".into(), Value::from(hours));
        }
        put(&mut p, "programId", self.program_id.as_deref().map(|s| v::text("programId", s, 200)))?;
        put(&mut p, "url", self.url.as_deref().map(|s| v::url("url", s)))?;
        Ok(p)
    }

    pub fn check(merged: &Props) -> RegistryResult<()> {
        require(merged, "name", "title")
    }
}

impl ProviderInput {
    pub fn props(&self) -> RegistryResult<Props> {
        let mut p = Props::new();
        put(&mut p, "name", self.name.as_deref().map(|s| v::text("name", s, MAX_NAME)))?;
        put(&mut p, "city", self.city.as_deref().map(|s| v::text("city", s, 100)))?;
        put(&mut p, "state", self.state.as_deref().map(|s| v::state("state", s)))?;
        put(&mut p, "postalCode", self.postal_code.as_deref().map(|s| v::code("postalCode", s, "99999", "07102")))?;
        put(&mut p, "url", self.url.as_deref().map(|s| v::url("url", s)))?;
        Ok(p)
    }

    pub fn check(merged: &Props) -> RegistryResult<()> {
        require(merged, "name", "name")
    }
}

impl OpportunityInput {
    pub fn props(&self) -> RegistryResult<Props> {
        let mut p = Props::new();
        put(&mut p, "title", self.title.as_deref().map(|s| v::text("title", s, MAX_NAME)))?;
        put(&mut p, "kind", self.kind.map(|k| Ok(enum_name(k))))?;
        put(&mut p, "publication", self.publication.map(|k| Ok(enum_name(k))))?;
        put(&mut p, "audienceLearnerIds", self.audience_learner_ids.as_deref().map(|ids| v::id_list("audienceLearnerIds", ids)))?;
        if let Some(roles) = &self.audience_roles {
            let mut names = Vec::new();
            for role in roles {
                let parsed: Role = role.trim().parse().map_err(|e| RegistryError::invalid("audienceRoles", format!("`audienceRoles` contains an {e}.")))?;
                names.push(parsed.as_str().to_string());
            }
            names.sort();
            names.dedup();
            p.insert("audienceRoles".into(), Value::from(names));
        }
        put(&mut p, "description", self.description.as_deref().map(|s| v::text("description", s, MAX_DESCRIPTION)))?;
        put(&mut p, "employerName", self.employer_name.as_deref().map(|s| v::text("employerName", s, MAX_NAME)))?;
        put(&mut p, "city", self.city.as_deref().map(|s| v::text("city", s, 100)))?;
        put(&mut p, "state", self.state.as_deref().map(|s| v::state("state", s)))?;
        put(&mut p, "url", self.url.as_deref().map(|s| v::url("url", s)))?;
        put(&mut p, "socCode", self.soc_code.as_deref().map(|s| v::soc("socCode", s)))?;
        put(&mut p, "salaryMin", self.salary_min.map(|a| v::amount("salaryMin", a)))?;
        put(&mut p, "salaryMax", self.salary_max.map(|a| v::amount("salaryMax", a)))?;
        put(&mut p, "validThrough", self.valid_through.as_deref().map(|s| v::date("validThrough", s)))?;
        Ok(p)
    }

    /// Checks the merged record: required fields, the salary range and the audience rules.
    pub fn check(merged: &Props) -> RegistryResult<()> {
        require(merged, "title", "title")?;
        require(merged, "kind", "kind")?;
        require(merged, "publication", "publication")?;
        if let (Some(min), Some(max)) = (merged.get("salaryMin").and_then(Value::as_f64), merged.get("salaryMax").and_then(Value::as_f64)) {
            if min > max {
                return Err(RegistryError::invalid("salaryMin", format!("`salaryMin` is {min}, above `salaryMax` {max}. Swap them or correct one.")));
            }
        }
        let audience_size = ["audienceLearnerIds", "audienceRoles"]
            .iter()
            .map(|k| merged.get(*k).and_then(Value::as_array).map_or(0, Vec::len))
            .sum::<usize>();
        let closed = merged.get("publication").and_then(Value::as_str) == Some("CLOSED");
        if closed && audience_size == 0 {
            return Err(RegistryError::invalid("audienceLearnerIds", "A CLOSED opportunity needs an audience. Pass `audienceLearnerIds`, `audienceRoles` or both."));
        }
        if !closed && audience_size > 0 {
            return Err(RegistryError::invalid("publication", "Only a CLOSED opportunity has an audience. Set `publication` to CLOSED, or pass empty audience lists."));
        }
        Ok(())
    }
}

impl ServiceInput {
    pub fn props(&self) -> RegistryResult<Props> {
        let mut p = Props::new();
        put(&mut p, "name", self.name.as_deref().map(|s| v::text("name", s, MAX_NAME)))?;
        put(&mut p, "kind", self.kind.map(|k| Ok(enum_name(k))))?;
        put(&mut p, "description", self.description.as_deref().map(|s| v::text("description", s, MAX_DESCRIPTION)))?;
        put(&mut p, "state", self.state.as_deref().map(|s| v::state("state", s)))?;
        put(&mut p, "url", self.url.as_deref().map(|s| v::url("url", s)))?;
        Ok(p)
    }

    pub fn check(merged: &Props) -> RegistryResult<()> {
        require(merged, "name", "name")?;
        require(merged, "kind", "kind")
    }
}

impl RegionalWageInput {
    pub fn props(&self) -> RegistryResult<Props> {
        let mut p = Props::new();
        put(&mut p, "occupationCode", self.occupation_code.as_deref().map(|s| v::code("occupationCode", s, "99-9999", "51-4121")))?;
        put(&mut p, "state", self.state.as_deref().map(|s| v::state("state", s)))?;
        put(&mut p, "areaName", self.area_name.as_deref().map(|s| v::text("areaName", s, MAX_NAME)))?;
        put(&mut p, "medianAnnualWage", self.median_annual_wage.map(|a| v::amount("medianAnnualWage", a)))?;
        put(&mut p, "entryAnnualWage", self.entry_annual_wage.map(|a| v::amount("entryAnnualWage", a)))?;
        if let Some(year) = self.year {
            if !(2000..=2100).contains(&year) {
                return Err(RegistryError::invalid("year", format!("`year` is {year}, but it must be between 2000 and 2100.")));
            }
            p.insert("year".into(), Value::from(year));
        }
        Ok(p)
    }

    pub fn check(merged: &Props) -> RegistryResult<()> {
        require(merged, "occupationCode", "occupationCode")?;
        require(merged, "state", "state")?;
        require(merged, "medianAnnualWage", "medianAnnualWage")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_name_is_screaming_snake() {
        assert_eq!(enum_name(OpportunityKind::WorkBasedLearning), "WORK_BASED_LEARNING");
        assert_eq!(enum_name(Publication::Closed), "CLOSED");
    }

    #[test]
    fn closed_opportunity_needs_audience() {
        let input = OpportunityInput { title: Some("Welder".into()), kind: Some(OpportunityKind::Job), publication: Some(Publication::Closed), ..Default::default() };
        let error = OpportunityInput::check(&input.props().unwrap()).unwrap_err();
        assert!(matches!(error, RegistryError::InvalidField { field: "audienceLearnerIds", .. }));
    }

    #[test]
    fn open_opportunity_rejects_audience() {
        let input = OpportunityInput {
            title: Some("Welder".into()),
            kind: Some(OpportunityKind::Job),
            publication: Some(Publication::Open),
            audience_roles: Some(vec!["counselor".into()]),
            ..Default::default()
        };
        assert!(OpportunityInput::check(&input.props().unwrap()).is_err());
    }

    #[test]
    fn unknown_audience_role_names_field() {
        let input = OpportunityInput { audience_roles: Some(vec!["wizard".into()]), ..Default::default() };
        assert!(matches!(input.props(), Err(RegistryError::InvalidField { field: "audienceRoles", .. })));
    }

    #[test]
    fn inverted_salary_range_is_rejected() {
        let input = OpportunityInput {
            title: Some("Welder".into()),
            kind: Some(OpportunityKind::Job),
            publication: Some(Publication::Open),
            salary_min: Some(60_000.0),
            salary_max: Some(50_000.0),
            ..Default::default()
        };
        assert!(matches!(OpportunityInput::check(&input.props().unwrap()), Err(RegistryError::InvalidField { field: "salaryMin", .. })));
    }
}
