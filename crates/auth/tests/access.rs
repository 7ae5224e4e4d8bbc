//! Role and scope checks on principals.

use ler_auth::{AccessError, Identity, Principal, Role, StateScope};

fn principal(roles: &[Role]) -> Principal {
    Principal::authenticated(Identity {
        subject: "user-1".to_owned(),
        roles: roles.to_vec(),
        provider_id: Some("prov-7".to_owned()),
        learner_id: Some("learner-42".to_owned()),
        state: Some("TN".to_owned()),
    })
    .unwrap()
}

#[test]
fn each_role_passes_own_check() {
    for role in Role::ALL {
        assert!(principal(&[role]).require(role).is_ok(), "role {role}");
    }
}

#[test]
fn each_role_refused_other_roles() {
    for role in Role::ALL.into_iter().filter(|role| *role != Role::Admin) {
        let others: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|other| *other != role)
            .collect();
        let error = principal(&[role]).require_any(&others).unwrap_err();
        assert_eq!(error.code(), "FORBIDDEN", "role {role}");
        assert_eq!(error.reason(), "MISSING_ROLE", "role {role}");
    }
}

#[test]
fn require_any_accepts_one_match() {
    let counselor = principal(&[Role::Counselor]);
    assert!(counselor
        .require_any(&[Role::Learner, Role::Counselor])
        .is_ok());
}

#[test]
fn admin_passes_every_role_check() {
    let admin = principal(&[Role::Admin]);
    for role in Role::ALL {
        assert!(admin.require(role).is_ok(), "role {role}");
    }
    assert!(admin.require_any(&[]).is_ok());
}

#[test]
fn admin_passes_every_scope_check() {
    let admin = principal(&[Role::Admin]);
    assert!(admin.require_provider("prov-other").is_ok());
    assert!(admin.require_learner("learner-other").is_ok());
    assert!(admin.require_state("CA").is_ok());
    assert_eq!(admin.state_scope(), StateScope::All);
}

#[test]
fn anonymous_gets_unauthenticated() {
    let anonymous = Principal::anonymous();
    let error = anonymous.require(Role::Learner).unwrap_err();
    assert_eq!(error.code(), "UNAUTHENTICATED");
    assert_eq!(error.reason(), "AUTHENTICATION_REQUIRED");
    assert!(error.to_string().contains("learner"));
}

#[test]
fn anonymous_fails_authenticated_check() {
    assert!(Principal::anonymous().require_authenticated().is_err());
    assert!(principal(&[]).require_authenticated().is_ok());
}

#[test]
fn missing_role_message_lists_roles() {
    let error = principal(&[Role::Learner])
        .require_any(&[Role::Provider, Role::Issuer])
        .unwrap_err();
    let message = error.to_string();
    assert!(message.contains("provider, issuer"));
    assert!(message.contains("grants learner"));
}

#[test]
fn empty_required_roles_admit_only_admin() {
    assert!(principal(&[Role::Provider]).require_any(&[]).is_err());
}

#[test]
fn provider_roles_act_for_own_provider() {
    for role in [Role::Contributor, Role::Provider, Role::Issuer] {
        let member = principal(&[role]);
        assert!(member.can_act_for_provider("prov-7"), "role {role}");
        assert!(!member.can_act_for_provider("prov-8"), "role {role}");
    }
}

#[test]
fn other_roles_cannot_act_for_provider() {
    for role in [Role::Learner, Role::Counselor, Role::StatePortal] {
        assert!(
            !principal(&[role]).can_act_for_provider("prov-7"),
            "role {role}"
        );
    }
}

#[test]
fn require_provider_reports_scope() {
    let error = principal(&[Role::Provider])
        .require_provider("prov-8")
        .unwrap_err();
    assert_eq!(
        error,
        AccessError::OtherProvider {
            provider_id: "prov-8".to_owned()
        }
    );
    assert_eq!(error.reason(), "PROVIDER_SCOPE");
    assert_eq!(error.code(), "FORBIDDEN");
}

#[test]
fn learner_reads_only_own_records() {
    let learner = principal(&[Role::Learner]);
    assert!(learner.can_read_learner("learner-42"));
    assert!(!learner.can_read_learner("learner-43"));

    let error = learner.require_learner("learner-43").unwrap_err();
    assert_eq!(error.reason(), "LEARNER_SCOPE");
    assert!(!error.to_string().contains("learner-43"));
}

#[test]
fn counselor_cannot_read_learner_directly() {
    assert!(!principal(&[Role::Counselor]).can_read_learner("learner-42"));
}

#[test]
fn state_portal_scoped_to_state() {
    let portal = principal(&[Role::StatePortal]);
    let StateScope::One(state) = portal.state_scope() else {
        panic!("expected a one-state scope");
    };
    assert_eq!(state.as_str(), "TN");
    assert!(portal.can_access_state("TN"));
    assert!(portal.can_access_state("tn"));
    assert!(!portal.can_access_state("CA"));
    assert_eq!(
        portal.require_state("CA").unwrap_err().reason(),
        "STATE_SCOPE"
    );
}

#[test]
fn non_portal_has_no_state_scope() {
    assert_eq!(
        principal(&[Role::Counselor]).state_scope(),
        StateScope::None
    );
    assert_eq!(Principal::anonymous().state_scope(), StateScope::None);
}

#[test]
fn cache_scope_stable_for_same_grants() {
    let first = principal(&[Role::Provider, Role::Issuer]);
    let second = principal(&[Role::Issuer, Role::Provider]);
    assert_eq!(first.cache_scope(), second.cache_scope());
    assert_eq!(first.cache_scope().len(), 32);
}

#[test]
fn cache_scope_ignores_subject() {
    let mut identity = Identity {
        subject: "user-1".to_owned(),
        roles: vec![Role::Counselor],
        ..Identity::default()
    };
    let first = Principal::authenticated(identity.clone()).unwrap();
    identity.subject = "user-2".to_owned();
    let second = Principal::authenticated(identity).unwrap();
    assert_eq!(first.cache_scope(), second.cache_scope());
}

#[test]
fn cache_scope_differs_by_grant() {
    let base = Identity {
        subject: "user-1".to_owned(),
        roles: vec![Role::Provider],
        provider_id: Some("prov-7".to_owned()),
        ..Identity::default()
    };
    let variants = [
        Principal::anonymous(),
        Principal::authenticated(Identity {
            roles: vec![],
            provider_id: None,
            ..base.clone()
        })
        .unwrap(),
        Principal::authenticated(base.clone()).unwrap(),
        Principal::authenticated(Identity {
            provider_id: Some("prov-8".to_owned()),
            ..base.clone()
        })
        .unwrap(),
        Principal::authenticated(Identity {
            roles: vec![Role::Issuer],
            ..base.clone()
        })
        .unwrap(),
        Principal::authenticated(Identity {
            state: Some("TN".to_owned()),
            ..base.clone()
        })
        .unwrap(),
        Principal::authenticated(Identity {
            learner_id: Some("prov-7".to_owned()),
            ..base.clone()
        })
        .unwrap(),
    ];

    let scopes: std::collections::HashSet<String> =
        variants.iter().map(Principal::cache_scope).collect();
    assert_eq!(scopes.len(), variants.len());
}

#[test]
fn debug_hides_subject_and_learner() {
    let output = format!("{:?}", principal(&[Role::Learner]));
    assert!(!output.contains("user-1"));
    assert!(!output.contains("learner-42"));
    assert!(output.contains("prov-7"));
}

#[test]
fn authenticated_rejects_control_characters() {
    let error = Principal::authenticated(Identity {
        subject: "user\n1".to_owned(),
        ..Identity::default()
    })
    .unwrap_err();
    assert_eq!(error.reason(), "INVALID_CLAIM");
}
