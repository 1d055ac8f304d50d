//! The model's rules for input members, one function per rule, each naming the member it checks.
//!
//! Every client of this crate (the operations' `validate`, the npm package, the dashboard's
//! forms) and the simulator's request checks use these, so a value the client accepts is one
//! AppConfig accepts. The rules are those of botocore's `service-2.json`.
//!
//! ```
//! use appconfig_core::validate;
//! assert!(validate::name("ApplicationId", "339ohji").is_ok());
//! assert_eq!(
//!     validate::name("EnvironmentId", "").unwrap_err().to_string(),
//!     "invalid EnvironmentId: a value is required"
//! );
//! assert_eq!(validate::parse_deployment_number(" 12 ").unwrap(), 12);
//! ```

use crate::strings::Quoted;
use crate::{ConfigField, Error, InputRule};

fn invalid(field: &'static str, rule: InputRule) -> Error {
    Error::InvalidInput { field, rule }
}

/// A text member of `min..=max` characters (Unicode scalar values, as AWS counts them); an empty
/// value where `min > 0` is reported as missing.
///
/// # Errors
/// [`Error::InvalidInput`] with [`InputRule::Required`] or [`InputRule::Length`].
pub fn length(field: &'static str, value: &str, min: usize, max: usize) -> Result<(), Error> {
    let n = value.chars().count();
    if n == 0 && min > 0 {
        return Err(invalid(field, InputRule::Required));
    }
    if n < min || n > max {
        return Err(invalid(
            field,
            InputRule::Length {
                min,
                max,
                actual: n,
            },
        ));
    }
    Ok(())
}

/// A `Name` (application or environment id or name in a path): 1 to 64 characters.
///
/// # Errors
/// [`Error::InvalidInput`] naming `field`.
pub fn name(field: &'static str, value: &str) -> Result<(), Error> {
    length(field, value, 1, 64)
}

/// An integer member in `min..=max`.
///
/// # Errors
/// [`Error::InvalidInput`] with [`InputRule::Range`].
pub fn range(field: &'static str, value: i64, min: i64, max: i64) -> Result<(), Error> {
    if value < min || value > max {
        return Err(invalid(
            field,
            InputRule::Range {
                min,
                max,
                actual: value.to_string(),
            },
        ));
    }
    Ok(())
}

/// A `DeploymentNumber`: 0 to 2^31-1.
///
/// # Errors
/// [`Error::InvalidInput`] naming `DeploymentNumber`.
pub fn deployment_number(value: i64) -> Result<(), Error> {
    range("DeploymentNumber", value, 0, i64::from(i32::MAX))
}

/// Parses a whole number typed by a person or found in a path (`"3"`, `" 12 "`) and checks it is
/// in `min..=max`.
///
/// # Errors
/// [`Error::InvalidInput`] naming `field`: empty, not a whole number, or out of range.
pub fn parse_integer(field: &'static str, text: &str, min: i64, max: i64) -> Result<i64, Error> {
    let t = text.trim();
    if t.is_empty() {
        return Err(invalid(field, InputRule::Required));
    }
    let n: i64 = t.parse().map_err(|_| {
        // A whole number too large for i64 is out of range; anything else ("-", "--1", "1e3")
        // is not a whole number.
        let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            invalid(
                field,
                InputRule::Range {
                    min,
                    max,
                    actual: t.to_owned(),
                },
            )
        } else {
            invalid(
                field,
                InputRule::NotAnInteger {
                    actual: t.to_owned(),
                },
            )
        }
    })?;
    range(field, n, min, max)?;
    Ok(n)
}

/// Parses a deployment number typed by a person (`"3"`, `" 12 "`).
///
/// # Errors
/// [`Error::InvalidInput`] naming `DeploymentNumber`: empty, not a whole number, or out of range.
pub fn parse_deployment_number(text: &str) -> Result<i32, Error> {
    let n = parse_integer("DeploymentNumber", text, 0, i64::from(i32::MAX))?;
    // In range of i32 by the check above.
    Ok(i32::try_from(n).unwrap_or(i32::MAX))
}

/// `MaxResults` of a list operation: 1 to 50.
///
/// # Errors
/// [`Error::InvalidInput`] naming `MaxResults`.
pub fn max_results(value: i64) -> Result<(), Error> {
    range("MaxResults", value, 1, 50)
}

/// `NextToken` of a list operation: 1 to 2048 characters.
///
/// # Errors
/// [`Error::InvalidInput`] naming `NextToken`.
pub fn next_token(value: &str) -> Result<(), Error> {
    let n = value.chars().count();
    if n == 0 || n > 2048 {
        // An empty token is a wrong length here, not a missing value: the member is optional.
        return Err(invalid(
            "NextToken",
            InputRule::Length {
                min: 1,
                max: 2048,
                actual: n,
            },
        ));
    }
    Ok(())
}

/// Both members of a page request, when given.
///
/// # Errors
/// As [`max_results`] and [`next_token`].
pub fn page(max_results: Option<i64>, next_token: Option<&str>) -> Result<(), Error> {
    if let Some(m) = max_results {
        self::max_results(m)?;
    }
    if let Some(t) = next_token {
        self::next_token(t)?;
    }
    Ok(())
}

/// The model's pattern for a deployment strategy id, described.
pub const DEPLOYMENT_STRATEGY_ID_PATTERN: &str = "[a-z0-9]{4,7} or AppConfig.[A-Za-z0-9]{9,40}";

/// True for an id AppConfig generates: `[a-z0-9]{4,7}`.
pub fn is_generated_id(s: &str) -> bool {
    (4..=7).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// A `DeploymentStrategyId`: `(^[a-z0-9]{4,7}$|^AppConfig\.[A-Za-z0-9]{9,40}$)`.
///
/// # Errors
/// [`Error::InvalidInput`] naming `DeploymentStrategyId`.
pub fn deployment_strategy_id(value: &str) -> Result<(), Error> {
    if value.is_empty() {
        return Err(invalid("DeploymentStrategyId", InputRule::Required));
    }
    let predefined = value.strip_prefix("AppConfig.").is_some_and(|rest| {
        (9..=40).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    if is_generated_id(value) || predefined {
        Ok(())
    } else {
        Err(invalid(
            "DeploymentStrategyId",
            InputRule::Pattern {
                pattern: DEPLOYMENT_STRATEGY_ID_PATTERN,
            },
        ))
    }
}

/// A region: a DNS label (`[a-z0-9-]`, 1 to 63 characters, no leading or trailing `-`).
///
/// # Errors
/// [`Error::InvalidInput`] naming `region`.
pub fn region(region: &str) -> Result<(), Error> {
    let ok = !region.is_empty()
        && region.len() <= 63
        && !region.starts_with('-')
        && !region.ends_with('-')
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else if region.is_empty() {
        Err(invalid("region", InputRule::Required))
    } else {
        Err(invalid(
            "region",
            InputRule::Pattern {
                pattern: "a region name such as us-east-1 (lower-case letters, digits and '-')",
            },
        ))
    }
}

/// An endpoint or proxy base URL: absolute `http` or `https` with a host, and no query or
/// fragment.
///
/// # Errors
/// [`Error::InvalidEndpoint`] naming `field` and saying what is wrong.
pub fn base_url(url: &str, field: ConfigField) -> Result<(), Error> {
    let what = field.as_str();
    let bad = |reason: String| Error::InvalidEndpoint { field, reason };
    let url_q = Quoted(url);
    let parsed =
        crate::url::Url::parse(url).map_err(|_| bad(format!("{what} {url_q} is not a URL")))?;
    if parsed.http_scheme().is_none() {
        return Err(bad(format!(
            "{what} {url_q} must start with http:// or https://"
        )));
    }
    if parsed.non_empty_host().is_none() {
        return Err(bad(format!("{what} {url_q} has no host")));
    }
    if parsed.query.is_some() || parsed.fragment.is_some() {
        return Err(bad(format!(
            "{what} {url_q} must not have a query or fragment"
        )));
    }
    Ok(())
}

/// The longest account alias a gateway accepts.
pub const MAX_ACCOUNT_ALIAS_LEN: usize = 64;

/// Checks a gateway account alias: `[A-Za-z0-9_-]{1,64}`, so it is one path segment as it is.
///
/// # Errors
/// [`Error::InvalidEndpoint`] naming [`ConfigField::Account`].
pub fn account_alias(alias: &str) -> Result<(), Error> {
    let bad = |reason: String| Error::InvalidEndpoint {
        field: ConfigField::Account,
        reason,
    };
    if alias.is_empty() {
        return Err(bad("account is required with gateway".into()));
    }
    if alias.len() > MAX_ACCOUNT_ALIAS_LEN
        || !alias
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(bad(format!(
            "account {} must be 1 to 64 letters, digits, '-' or '_'",
            Quoted(alias)
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strategy_ids() {
        for ok in ["abc1234", "AppConfig.Linear50PercentEvery30Seconds", "0000"] {
            assert!(deployment_strategy_id(ok).is_ok(), "{ok}");
        }
        for bad in [
            "ABC1",
            "abc",
            "abcdefgh",
            "AppConfig.short",
            "AppConfig.Has-Dash00",
        ] {
            assert!(deployment_strategy_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert!(name("ApplicationId", &"é".repeat(64)).is_ok());
        assert_eq!(
            name("ApplicationId", &"é".repeat(65))
                .unwrap_err()
                .to_string(),
            "invalid ApplicationId: must be 1 to 64 characters long, got 65"
        );
        assert!(length("Description", "", 0, 1024).is_ok());
    }

    #[test]
    fn integers_from_text() {
        assert_eq!(parse_integer("MaxResults", "50", 1, 50).unwrap(), 50);
        assert_eq!(
            parse_integer("MaxResults", "51", 1, 50)
                .unwrap_err()
                .to_string(),
            "invalid MaxResults: must be an integer from 1 to 50, got 51"
        );
        assert_eq!(
            parse_integer("MaxResults", "5x", 1, 50)
                .unwrap_err()
                .to_string(),
            "invalid MaxResults: must be a whole number, got \"5x\""
        );
        assert_eq!(
            parse_deployment_number("99999999999999999999")
                .unwrap_err()
                .to_string(),
            "invalid DeploymentNumber: must be an integer from 0 to 2147483647, got 99999999999999999999"
        );
    }
}
