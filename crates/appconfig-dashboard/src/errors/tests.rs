//! The explanations of core errors.

use super::*;
use appconfig_core::error::ServiceError;
use appconfig_core::Error;

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn not_found_names_the_resource() {
    let mut e = ServiceError::new("ResourceNotFoundException", "Deployment 9 not found", 404);
    e.resource_name = Some("Deployment".into());
    let p = Problem::from_core(&Error::from(e), "http://127.0.0.1:1", 0.0);
    assert_eq!(p.kind, ProblemKind::NotFound);
    assert_eq!(p.field, Some("DeploymentNumber"));
    assert!(p.title.contains("Deployment"));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn credentials_skew_and_throttling() {
    let kind = |code: &str, status| {
        Problem::from_core(
            &Error::from(ServiceError::new(code, "", status)),
            "https://x",
            0.0,
        )
        .kind
    };
    assert_eq!(
        kind("UnrecognizedClientException", 403),
        ProblemKind::BadCredentials
    );
    assert_eq!(
        kind("InvalidSignatureException", 403),
        ProblemKind::BadCredentials
    );
    assert_eq!(
        kind("ExpiredTokenException", 403),
        ProblemKind::BadCredentials
    );
    assert_eq!(
        kind("AccessDeniedException", 403),
        ProblemKind::AccessDenied
    );
    assert_eq!(kind("ThrottlingException", 400), ProblemKind::Throttled);
    assert_eq!(kind("RequestTimeTooSkewed", 403), ProblemKind::ClockSkew);
    let mut e = ServiceError::new("InvalidSignatureException", "Signature expired", 403);
    e.server_date = Some(appconfig_core::DateTime::from_epoch_millis(3_600_000));
    let p = Problem::from_core(&Error::from(e), "https://x", 0.0);
    assert_eq!(p.kind, ProblemKind::ClockSkew);
    assert!(p.title.contains("1 h"), "{}", p.title);
    // A second short of an hour still reads as about an hour.
    let mut e = ServiceError::new("InvalidSignatureException", "Signature expired", 403);
    e.server_date = Some(appconfig_core::DateTime::from_epoch_millis(3_599_000));
    let p = Problem::from_core(&Error::from(e), "https://x", 0.0);
    assert!(p.title.ends_with("by about 1 h"), "{}", p.title);
}
