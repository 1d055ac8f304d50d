//! SigV4 signing keys, derived once per (secret, date, region, service) and then reused, as the
//! AWS SDKs do: the derivation is four HMACs, two thirds of the work of a signature.

use std::fmt;
use std::time::SystemTime;

use sha2::{Digest, Sha256};

/// How many keys are kept: a client signs for one region and service, and a day boundary or a
/// credential refresh adds one more for a while.
const CAPACITY: usize = 4;

/// The most recently used signing keys, most recent first.
///
/// Entries are found by a SHA-256 of the secret, never the secret itself. `Debug` shows how many
/// keys are held and nothing of them.
#[derive(Clone, Default)]
pub(super) struct KeyCache {
    entries: Vec<Entry>,
}

#[derive(Clone)]
struct Entry {
    secret_sha256: [u8; 32],
    date: String,
    region: String,
    service: String,
    key: SigningKey,
}

/// A signing key with its HMAC-SHA256 states after the inner and outer pads: a signature then
/// hashes only the string to sign and the inner digest, not the two pad blocks again (two of the
/// ~12 SHA-256 blocks of a GetDeployment signature; `cargo xtask bench`'s signing row).
#[derive(Clone)]
pub(super) struct SigningKey {
    /// The key itself, kept for the tests only: signing needs just the two states.
    #[cfg(test)]
    bytes: Vec<u8>,
    inner: Sha256,
    outer: Sha256,
}

impl SigningKey {
    fn new(bytes: Vec<u8>) -> SigningKey {
        // HMAC (RFC 2104): a key longer than the block is hashed first (a SigV4 key is 32 bytes).
        let hashed;
        let block: &[u8] = if bytes.len() > 64 {
            hashed = Sha256::digest(&bytes);
            &hashed
        } else {
            &bytes
        };
        let (mut ipad, mut opad) = ([0x36u8; 64], [0x5cu8; 64]);
        for (i, b) in block.iter().enumerate() {
            ipad[i] ^= b;
            opad[i] ^= b;
        }
        SigningKey {
            #[cfg(test)]
            bytes,
            inner: Sha256::new_with_prefix(ipad),
            outer: Sha256::new_with_prefix(opad),
        }
    }

    /// The key's bytes.
    #[cfg(test)]
    pub(super) fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// HMAC-SHA256 of `message` under this key, as lower-case hex: the SigV4 signature.
    pub(super) fn sign(&self, message: &[u8]) -> String {
        let inner = self.inner.clone().chain_update(message).finalize();
        super::canonical::hex(&self.outer.clone().chain_update(inner).finalize())
    }
}

impl KeyCache {
    /// The signing key for `secret` on `date` (`YYYYMMDD`, the date of `time`) in `region` for
    /// `service`, derived with aws-sigv4 when it is not held.
    pub(super) fn key(
        &mut self,
        secret: &str,
        time: SystemTime,
        date: &str,
        region: &str,
        service: &str,
    ) -> &SigningKey {
        let secret_sha256: [u8; 32] = Sha256::digest(secret.as_bytes()).into();
        let found = self.entries.iter().position(|e| {
            e.secret_sha256 == secret_sha256
                && e.date == date
                && e.region == region
                && e.service == service
        });
        let entry = match found {
            Some(i) => self.entries.remove(i),
            None => Entry {
                secret_sha256,
                date: date.to_owned(),
                region: region.to_owned(),
                service: service.to_owned(),
                key: SigningKey::new(
                    aws_sigv4::sign::v4::generate_signing_key(secret, time, region, service)
                        .as_ref()
                        .to_vec(),
                ),
            },
        };
        self.entries.truncate(CAPACITY - 1);
        self.entries.insert(0, entry);
        &self.entries[0].key
    }

    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }
}

impl fmt::Debug for KeyCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyCache")
            .field("keys", &self.entries.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(day * 86_400)
    }

    #[test]
    fn keys_are_reused_per_secret_date_region_and_service() {
        let mut cache = KeyCache::default();
        let a = cache
            .key("s1", at(0), "19700101", "us-east-1", "appconfig")
            .as_bytes()
            .to_vec();
        assert_eq!(
            a,
            aws_sigv4::sign::v4::generate_signing_key("s1", at(0), "us-east-1", "appconfig")
                .as_ref()
        );
        assert_eq!(
            cache
                .key("s1", at(0), "19700101", "us-east-1", "appconfig")
                .as_bytes(),
            a
        );
        assert_eq!(cache.len(), 1);
        let others = [
            cache
                .key("s2", at(0), "19700101", "us-east-1", "appconfig")
                .as_bytes()
                .to_vec(),
            cache
                .key("s1", at(1), "19700102", "us-east-1", "appconfig")
                .as_bytes()
                .to_vec(),
            cache
                .key("s1", at(0), "19700101", "eu-west-1", "appconfig")
                .as_bytes()
                .to_vec(),
        ];
        assert_eq!(cache.len(), 4);
        for k in &others {
            assert_ne!(*k, a);
        }
        // A fifth key pushes out the least recently used one (s2), not the first (used again).
        assert_eq!(
            cache
                .key("s1", at(0), "19700101", "us-east-1", "appconfig")
                .as_bytes(),
            a
        );
        cache.key("s1", at(0), "19700101", "us-east-1", "sts");
        assert_eq!(cache.len(), 4);
        assert!(!cache.entries.iter().any(|e| e.key.as_bytes() == others[0]));
        assert_eq!(cache.entries[1].key.as_bytes(), a);
    }

    #[test]
    fn the_prepared_hmac_signs_as_aws_sigv4_does() {
        let mut cache = KeyCache::default();
        let key = cache.key("s1", at(0), "19700101", "us-east-1", "appconfig");
        for message in [
            &b""[..],
            b"x",
            &[7u8; 63],
            &[7u8; 64],
            &[7u8; 65],
            &[9u8; 1000],
        ] {
            assert_eq!(
                key.sign(message),
                aws_sigv4::sign::v4::calculate_signature(key.as_bytes(), message),
                "{} bytes",
                message.len()
            );
        }
        // Any key length, as HMAC defines it (a longer one is hashed first).
        for len in [0, 1, 32, 64, 65, 200] {
            let k = SigningKey::new(vec![0xab; len]);
            assert_eq!(
                k.sign(b"string to sign"),
                aws_sigv4::sign::v4::calculate_signature(vec![0xab; len], b"string to sign"),
                "key of {len} bytes"
            );
        }
    }

    #[test]
    fn debug_shows_nothing_of_the_keys() {
        let mut cache = KeyCache::default();
        let key = cache
            .key("SECRETSECRET", at(0), "19700101", "us-east-1", "s3")
            .as_bytes()
            .to_vec();
        let s = format!("{cache:?}");
        assert_eq!(s, "KeyCache { keys: 1 }");
        assert!(!s.contains(&super::super::canonical::hex(&key)));
    }
}
