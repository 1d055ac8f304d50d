//! Whether a request's `Accept-Encoding` (RFC 9110 §12.5.3) lets `--serve` send a file's
//! precompressed `.gz` sibling.

/// `true` when gzip is acceptable by `values` (every `Accept-Encoding` line of the request).
///
/// Codings are case-insensitive; `x-gzip` is gzip (RFC 9110 §8.4.1.3); an explicit `gzip` or
/// `x-gzip` entry decides by its weight (`q=0` refuses), and otherwise `*` does. No header, or
/// an empty one, means identity only: the RFC would allow any coding without the header, but
/// servers (nginx `gzip_static`, Caddy) send plain files then, and so does this one. An entry
/// whose weight does not parse is ignored.
pub(crate) fn accepts_gzip<'a>(values: impl IntoIterator<Item = &'a str>) -> bool {
    let mut gzip: Option<u16> = None;
    let mut star: Option<u16> = None;
    for entry in values.into_iter().flat_map(|v| v.split(',')) {
        let mut parts = entry.split(';');
        let coding = parts.next().unwrap_or_default().trim();
        if coding.is_empty() {
            continue;
        }
        let Some(q) = weight(parts) else { continue };
        let slot = if coding.eq_ignore_ascii_case("gzip") || coding.eq_ignore_ascii_case("x-gzip") {
            &mut gzip
        } else if coding == "*" {
            &mut star
        } else {
            continue;
        };
        *slot = Some(slot.map_or(q, |old| old.max(q)));
    }
    gzip.or(star).is_some_and(|q| q > 0)
}

/// The weight of one entry in thousandths (`q=1` is 1000; no `q` parameter is 1000), or `None`
/// when a `q` does not parse as a qvalue (`0`, `0.` and up to 3 digits, `1`, `1.000`).
fn weight<'a>(params: impl Iterator<Item = &'a str>) -> Option<u16> {
    let mut q = 1000;
    for p in params {
        let Some((name, value)) = p.split_once('=') else {
            continue;
        };
        if !name.trim().eq_ignore_ascii_case("q") {
            continue;
        }
        q = qvalue(value.trim())?;
    }
    Some(q)
}

fn qvalue(v: &str) -> Option<u16> {
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths: u16 = format!("{frac:0<3}").parse().ok()?;
    match int {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::accepts_gzip;

    fn gz(header: &str) -> bool {
        accepts_gzip([header])
    }

    #[test]
    fn browsers_accept() {
        assert!(gz("gzip, deflate, br, zstd"));
    }

    #[test]
    fn tokens_are_case_insensitive() {
        assert!(gz("GZip"));
    }

    #[test]
    fn x_gzip_is_gzip() {
        assert!(gz("x-gzip"));
    }

    #[test]
    fn q_zero_refuses() {
        assert!(!gz("gzip;q=0"));
        assert!(!gz("br, gzip ; Q=0.000"));
    }

    #[test]
    fn a_small_weight_accepts() {
        assert!(gz("gzip;q=0.001"));
        assert!(gz("gzip;q=1.0, identity;q=0.5"));
    }

    #[test]
    fn star_counts_unless_gzip_is_named() {
        assert!(gz("*"));
        assert!(!gz("*;q=0"));
        assert!(!gz("gzip;q=0, *"));
        assert!(gz("*;q=0, gzip"));
    }

    #[test]
    fn identity_only() {
        assert!(!gz(""));
        assert!(!gz("identity"));
        assert!(!gz("br, deflate"));
        assert!(!accepts_gzip([]));
    }

    #[test]
    fn several_header_lines() {
        assert!(accepts_gzip(["br", "gzip"]));
    }

    #[test]
    fn a_bad_weight_is_ignored() {
        assert!(!gz("gzip;q=2"));
        assert!(!gz("gzip;q=0.0001"));
        assert!(!gz("gzip;q=abc"));
        assert!(!gz("gzip;q=-1"));
        assert!(gz("gzip;q=oops, x-gzip"));
    }

    #[test]
    fn gzip_is_not_a_prefix_match() {
        assert!(!gz("gzipped, xgzip"));
    }
}
