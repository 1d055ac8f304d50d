//! Which precompressed sibling (`.br`, `.gz`) of a file a request's `Accept-Encoding`
//! (RFC 9110 §12.5.3) lets `--serve` send.

/// A content coding `--serve` has precompressed siblings for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Coding {
    /// Brotli (RFC 7932), the `.br` sibling.
    Br,
    /// gzip (RFC 1952), the `.gz` sibling.
    Gzip,
}

impl Coding {
    /// The `Content-Encoding` value.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Coding::Br => "br",
            Coding::Gzip => "gzip",
        }
    }

    /// The sibling's extension.
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Coding::Br => "br",
            Coding::Gzip => "gz",
        }
    }
}

/// The codings acceptable by `values` (every `Accept-Encoding` line of the request), most
/// preferred first: by weight, and brotli before gzip at equal weights (it is the smaller).
///
/// Codings are case-insensitive; `x-gzip` is gzip (RFC 9110 §8.4.1.3); an explicit entry decides
/// by its weight (`q=0` refuses), and otherwise `*` does. No header, or an empty one, means
/// identity only: the RFC would allow any coding without the header, but servers (nginx
/// `gzip_static`, Caddy) send plain files then, and so does this one. An entry whose weight
/// does not parse is ignored.
pub(crate) fn accepted<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<Coding> {
    let (mut br, mut gzip, mut star) = (None::<u16>, None::<u16>, None::<u16>);
    for entry in values.into_iter().flat_map(|v| v.split(',')) {
        let mut parts = entry.split(';');
        let coding = parts.next().unwrap_or_default().trim();
        if coding.is_empty() {
            continue;
        }
        let Some(q) = weight(parts) else { continue };
        let slot = if coding.eq_ignore_ascii_case("gzip") || coding.eq_ignore_ascii_case("x-gzip") {
            &mut gzip
        } else if coding.eq_ignore_ascii_case("br") {
            &mut br
        } else if coding == "*" {
            &mut star
        } else {
            continue;
        };
        *slot = Some(slot.map_or(q, |old| old.max(q)));
    }
    let mut out: Vec<(u16, Coding)> = [(br.or(star), Coding::Br), (gzip.or(star), Coding::Gzip)]
        .into_iter()
        .filter_map(|(q, c)| q.filter(|&q| q > 0).map(|q| (q, c)))
        .collect();
    // Stable: brotli stays first at equal weights.
    out.sort_by_key(|&(q, _)| std::cmp::Reverse(q));
    out.into_iter().map(|(_, c)| c).collect()
}

/// `true` when gzip is among the [`accepted`] codings.
#[cfg(test)]
fn accepts_gzip<'a>(values: impl IntoIterator<Item = &'a str>) -> bool {
    accepted(values).contains(&Coding::Gzip)
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
    use super::{accepted, accepts_gzip, Coding};

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

    #[test]
    fn browsers_get_brotli_first() {
        assert_eq!(
            accepted(["gzip, deflate, br, zstd"]),
            [Coding::Br, Coding::Gzip]
        );
    }

    #[test]
    fn weights_order_the_codings() {
        assert_eq!(accepted(["br;q=0.5, gzip"]), [Coding::Gzip, Coding::Br]);
        assert_eq!(accepted(["br;q=0, gzip"]), [Coding::Gzip]);
        assert_eq!(accepted(["BR"]), [Coding::Br]);
        assert_eq!(accepted(["*"]), [Coding::Br, Coding::Gzip]);
        assert_eq!(accepted(["*;q=0.5, br;q=0"]), [Coding::Gzip]);
        assert_eq!(
            accepted(["gzip;q=0.8", "br;q=0.9"]),
            [Coding::Br, Coding::Gzip]
        );
        assert_eq!(accepted(["identity"]), []);
        assert_eq!(accepted(["brotli, xbr"]), []);
    }
}
