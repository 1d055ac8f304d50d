//! Configuration versions: which ones StartDeployment takes, and the next one of a live chain.

use crate::awserror::ApiError;

/// The largest configuration version number: a hosted configuration's `VersionNumber` is an
/// `Integer` in `service-2.json`.
const MAX_VERSION: u32 = i32::MAX as u32;

/// A configuration version StartDeployment accepts. `service-2.json` (`StartDeploymentRequest`,
/// `ConfigurationVersion`): "If deploying an AppConfig hosted configuration version, you can
/// specify either the version number or version label. For all other configurations, you must
/// specify the version number." A version label "must contain at least one non-numeric
/// character" (`CreateHostedConfigurationVersion`, `VersionLabel`). So all digits is a number,
/// from 1 to [`MAX_VERSION`], and only a hosted profile takes a label.
///
/// # Errors
/// 400 `BadRequestException` in AWS's validation form.
pub(crate) fn check_version(version: &str, hosted: bool) -> Result<(), ApiError> {
    let number = !version.is_empty() && version.bytes().all(|b| b.is_ascii_digit());
    if number {
        let in_range = version
            .parse::<u32>()
            .is_ok_and(|n| (1..=MAX_VERSION).contains(&n));
        if !in_range {
            return Err(ApiError::validation(
                version,
                "configurationVersion",
                "Member must be a version number from 1 to 2147483647",
            ));
        }
    } else if !hosted {
        return Err(ApiError::validation(
            version,
            "configurationVersion",
            "Member must be a version number (only hosted configurations take a version label)",
        ));
    }
    Ok(())
}

/// The version a live environment deploys next: one more than `version`, or 1 after the largest
/// number or a label.
pub(crate) fn next_version(version: Option<&str>) -> String {
    version
        .and_then(|v| v.parse::<u32>().ok())
        .and_then(|v| v.checked_add(1))
        .filter(|v| *v <= MAX_VERSION)
        .unwrap_or(1)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_numbers_in_range_or_hosted_labels() {
        for ok in ["1", "2147483647", "0042"] {
            assert!(check_version(ok, false).is_ok(), "{ok}");
        }
        assert!(check_version("v2.4.0", true).is_ok());
        for bad in [
            "0",
            "2147483648",
            "18446744073709551615",
            "99999999999999999999999",
        ] {
            let e = check_version(bad, true).unwrap_err();
            assert_eq!((e.status, e.code), (400, "BadRequestException"), "{bad}");
            assert!(e.message.contains("configurationVersion"), "{}", e.message);
        }
        assert!(check_version("v2.4.0", false).is_err());
    }
}
