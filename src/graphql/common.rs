//! Shared output types: money, codes and code systems.

use async_graphql::{Enum, SimpleObject};

/// An amount of money as a decimal string, so no client rounds it through a float.
#[derive(SimpleObject, Clone, Debug)]
#[graphql(shareable)]
pub struct Money {
    /// Decimal amount with two fraction digits, for example "51000.00".
    pub amount: String,
    /// ISO 4217 currency code.
    pub currency: String,
}

impl Money {
    pub fn usd(amount: Option<f64>) -> Option<Self> {
        amount.map(|value| Self { amount: format!("{value:.2}"), currency: "USD".into() })
    }
}

/// Classification systems the registry aligns records to.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum CodeSystem {
    /// Classification of Instructional Programs 2020 (NCES).
    Cip,
    /// Standard Occupational Classification 2018 (BLS).
    Soc,
    /// O*NET-SOC 2019 taxonomy.
    OnetSoc,
    /// O*NET-SOC 2010 taxonomy, kept for legacy codes.
    OnetSoc2010,
    /// North American Industry Classification System 2022.
    Naics,
    /// IPEDS institution unit id.
    Ipeds,
    /// Credential Engine CTID.
    Ctdl,
    /// California Community Colleges Taxonomy of Programs.
    CaTop,
}

impl CodeSystem {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cip => "CIP",
            Self::Soc => "SOC",
            Self::OnetSoc => "ONET_SOC",
            Self::OnetSoc2010 => "ONET_SOC_2010",
            Self::Naics => "NAICS",
            Self::Ipeds => "IPEDS",
            Self::Ctdl => "CTDL",
            Self::CaTop => "CA_TOP",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Cip, Self::Soc, Self::OnetSoc, Self::OnetSoc2010, Self::Naics, Self::Ipeds, Self::Ctdl, Self::CaTop]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// A code in one classification system.
#[derive(SimpleObject, Clone, Debug)]
#[graphql(shareable)]
pub struct Code {
    pub system: CodeSystem,
    pub code: String,
    pub title: Option<String>,
}

impl Code {
    pub fn from_row(system: &str, code: String, title: Option<String>) -> Option<Self> {
        CodeSystem::parse(system).map(|system| Self { system, code, title })
    }
}

/// A code reached through crosswalks, with the source of each hop.
#[derive(SimpleObject, Clone, Debug)]
pub struct CodeMapping {
    pub code: Code,
    /// Source of each crosswalk hop, in order from the requested code.
    pub sources: Vec<String>,
    /// Intermediate codes the mapping passes through, as "SYSTEM code".
    pub via: Vec<String>,
}
