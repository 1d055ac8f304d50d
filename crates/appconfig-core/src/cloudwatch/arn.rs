//! A CloudWatch alarm's ARN (`arn:aws:cloudwatch:us-east-1:123456789012:alarm:payments-5xx`): a
//! monitor names its alarm by ARN, and the ARN says where to ask about it.

use std::fmt;

use crate::endpoint::partition;

/// The parts of an alarm ARN that matter to reach the alarm.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub struct AlarmArn {
    /// `aws`, `aws-cn`, `aws-us-gov`, ...
    pub partition: String,
    /// The alarm's region: CloudWatch answers for it only there.
    pub region: String,
    /// The account that owns the alarm.
    pub account_id: String,
    /// The alarm name (may contain `:`).
    pub name: String,
}

/// Why a text is not an alarm ARN.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AlarmArnError {
    /// Not `arn:PARTITION:cloudwatch:REGION:ACCOUNT:alarm:NAME`.
    Shape,
    /// The ARN's partition is not the partition of its region (`arn:aws:...:cn-north-1:...`).
    PartitionMismatch {
        /// The partition the region belongs to.
        expected: &'static str,
    },
}

impl fmt::Display for AlarmArnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AlarmArnError::Shape => f.write_str(
                "not a CloudWatch alarm ARN (arn:PARTITION:cloudwatch:REGION:ACCOUNT:alarm:NAME)",
            ),
            AlarmArnError::PartitionMismatch { expected } => {
                write!(f, "the region of this alarm ARN is in partition {expected}")
            }
        }
    }
}

impl std::error::Error for AlarmArnError {}

impl AlarmArn {
    /// Parses `arn:PARTITION:cloudwatch:REGION:ACCOUNT:alarm:NAME`.
    ///
    /// # Errors
    /// [`AlarmArnError`] when the text has another shape, an empty or malformed part, or a
    /// partition that is not its region's.
    pub fn parse(arn: &str) -> Result<AlarmArn, AlarmArnError> {
        let mut parts = arn.splitn(7, ':');
        let mut next = || parts.next().unwrap_or_default();
        let (prefix, part, service, region, account, kind, name) =
            (next(), next(), next(), next(), next(), next(), next());
        let label = |s: &str| {
            !s.is_empty()
                && s.len() <= 63
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        if prefix != "arn"
            || service != "cloudwatch"
            || kind != "alarm"
            || !label(part)
            || !label(region)
            || account.len() != 12
            || !account.bytes().all(|b| b.is_ascii_digit())
            || name.is_empty()
            || name.chars().count() > 255
        {
            return Err(AlarmArnError::Shape);
        }
        let expected = partition(region).name;
        if part != expected {
            return Err(AlarmArnError::PartitionMismatch { expected });
        }
        Ok(AlarmArn {
            partition: part.to_owned(),
            region: region.to_owned(),
            account_id: account.to_owned(),
            name: name.to_owned(),
        })
    }
}

impl fmt::Display for AlarmArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "arn:{}:cloudwatch:{}:{}:alarm:{}",
            self.partition, self.region, self.account_id, self.name
        )
    }
}

/// Alarms of one region: the region and its alarms.
pub type RegionAlarms = (String, Vec<AlarmArn>);

/// The alarms of a list of monitor ARNs grouped by region, in first-seen order, each name once:
/// one DescribeAlarms request per group. Texts that are not alarm ARNs come back apart, with
/// why.
pub fn group_by_region<'a>(
    arns: impl IntoIterator<Item = &'a str>,
) -> (Vec<RegionAlarms>, Vec<(String, AlarmArnError)>) {
    let mut groups: Vec<RegionAlarms> = Vec::new();
    let mut bad = Vec::new();
    for text in arns {
        match AlarmArn::parse(text) {
            Ok(arn) => match groups.iter_mut().find(|(r, _)| *r == arn.region) {
                Some((_, list)) => {
                    if !list.iter().any(|a| a.name == arn.name) {
                        list.push(arn);
                    }
                }
                None => groups.push((arn.region.clone(), vec![arn])),
            },
            Err(e) => bad.push((text.to_owned(), e)),
        }
    }
    (groups, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_an_alarm_arn_with_colons_in_the_name() {
        let a = AlarmArn::parse("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:svc:5xx").unwrap();
        assert_eq!(
            (
                a.partition.as_str(),
                a.region.as_str(),
                a.account_id.as_str(),
                a.name.as_str()
            ),
            ("aws", "eu-west-1", "123456789012", "svc:5xx")
        );
        assert_eq!(
            a.to_string(),
            "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:svc:5xx"
        );
    }

    #[test]
    fn refuses_other_shapes() {
        for bad in [
            "",
            "arn:aws:cloudwatch:us-east-1:123456789012:alarm:",
            "arn:aws:sns:us-east-1:123456789012:alarm:x",
            "arn:aws:cloudwatch:us-east-1:12345:alarm:x",
            "arn:aws:cloudwatch:US-EAST-1:123456789012:alarm:x",
            "arn:aws:cloudwatch:us-east-1:123456789012:dashboard:x",
            "arn:aws:cloudwatch::123456789012:alarm:x",
        ] {
            assert_eq!(AlarmArn::parse(bad), Err(AlarmArnError::Shape), "{bad:?}");
        }
    }

    #[test]
    fn the_partition_must_be_the_regions() {
        assert!(AlarmArn::parse("arn:aws-cn:cloudwatch:cn-north-1:123456789012:alarm:x").is_ok());
        assert!(
            AlarmArn::parse("arn:aws-us-gov:cloudwatch:us-gov-west-1:123456789012:alarm:x").is_ok()
        );
        assert_eq!(
            AlarmArn::parse("arn:aws:cloudwatch:cn-north-1:123456789012:alarm:x"),
            Err(AlarmArnError::PartitionMismatch { expected: "aws-cn" })
        );
    }

    #[test]
    fn groups_by_region_once_per_name() {
        let (groups, bad) = group_by_region([
            "arn:aws:cloudwatch:us-east-1:123456789012:alarm:a",
            "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:b",
            "arn:aws:cloudwatch:us-east-1:123456789012:alarm:c",
            "arn:aws:cloudwatch:us-east-1:123456789012:alarm:a",
            "nonsense",
        ]);
        let names: Vec<(&str, Vec<&str>)> = groups
            .iter()
            .map(|(r, l)| (r.as_str(), l.iter().map(|a| a.name.as_str()).collect()))
            .collect();
        assert_eq!(
            names,
            vec![("us-east-1", vec!["a", "c"]), ("eu-west-1", vec!["b"])]
        );
        assert_eq!(bad, vec![("nonsense".to_owned(), AlarmArnError::Shape)]);
    }
}
