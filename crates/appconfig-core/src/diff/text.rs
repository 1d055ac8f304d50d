//! Text compared by line (similar's Myers diff on the lines), shown as hunks with context.

use similar::{Algorithm, DiffOp};

use super::json::cut;
use super::DiffLimits;

/// What a line of a hunk is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LineTag {
    /// In both versions (context).
    Equal,
    /// Only in the old version.
    Delete,
    /// Only in the new version.
    Insert,
}

impl LineTag {
    /// The unified diff's prefix: ` `, `-`, `+`.
    pub fn sign(&self) -> char {
        match self {
            LineTag::Equal => ' ',
            LineTag::Delete => '-',
            LineTag::Insert => '+',
        }
    }
}

/// One block of changed lines with their context.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Hunk {
    /// The first old line of the hunk, from 1.
    pub old_start: usize,
    /// The first new line of the hunk, from 1.
    pub new_start: usize,
    /// The lines, without their line ends, each cut to [`DiffLimits::max_line_chars`].
    pub lines: Vec<(LineTag, String)>,
}

/// A line diff.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TextDiff {
    /// The hunks, in order.
    pub hunks: Vec<Hunk>,
    /// True when [`DiffLimits::max_lines`] cut the hunks, or when the differing block was past
    /// [`DiffLimits::max_diffed_lines`] and is shown whole as removed then added.
    pub truncated: bool,
}

/// Lines with their ends, so that a changed line end is a change.
fn split(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

pub(super) fn diff_lines(old: &str, new: &str, limits: &DiffLimits) -> TextDiff {
    let (a, b) = (split(old), split(new));
    // The common start and end cost one pass; only the block between is diffed.
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (mid_a, mid_b) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut coarse = false;
    let mut ops = Vec::new();
    if head > 0 {
        ops.push(DiffOp::Equal {
            old_index: 0,
            new_index: 0,
            len: head,
        });
    }
    if mid_a.len() + mid_b.len() <= limits.max_diffed_lines {
        for op in similar::capture_diff_slices(Algorithm::Myers, mid_a, mid_b) {
            ops.push(shift(op, head));
        }
    } else {
        // Myers' cost grows with lines times differences: past the limit the block is shown as
        // replaced, which is correct but not minimal.
        coarse = true;
        ops.push(DiffOp::Replace {
            old_index: head,
            old_len: mid_a.len(),
            new_index: head,
            new_len: mid_b.len(),
        });
    }
    if tail > 0 {
        ops.push(DiffOp::Equal {
            old_index: a.len() - tail,
            new_index: b.len() - tail,
            len: tail,
        });
    }
    let mut out = TextDiff {
        hunks: Vec::new(),
        truncated: coarse,
    };
    let mut budget = limits.max_lines;
    let line = |s: &str| {
        cut(
            s.trim_end_matches('\n').trim_end_matches('\r'),
            limits.max_line_chars,
        )
    };
    'groups: for group in similar::group_diff_ops(ops, limits.context) {
        let Some(first) = group.first() else { continue };
        let mut hunk = Hunk {
            old_start: first.old_range().start + 1,
            new_start: first.new_range().start + 1,
            lines: Vec::new(),
        };
        for op in &group {
            let (tag, old_range, new_range) = op.as_tag_tuple();
            let parts: [(LineTag, std::ops::Range<usize>, &[&str]); 2] = match tag {
                similar::DiffTag::Equal => {
                    [(LineTag::Equal, old_range, &a), (LineTag::Equal, 0..0, &b)]
                }
                similar::DiffTag::Delete => [
                    (LineTag::Delete, old_range, &a),
                    (LineTag::Insert, 0..0, &b),
                ],
                similar::DiffTag::Insert => [
                    (LineTag::Insert, new_range, &b),
                    (LineTag::Delete, 0..0, &a),
                ],
                similar::DiffTag::Replace => [
                    (LineTag::Delete, old_range, &a),
                    (LineTag::Insert, new_range, &b),
                ],
            };
            for (tag, range, lines) in parts {
                for i in range {
                    if budget == 0 {
                        out.truncated = true;
                        if !hunk.lines.is_empty() {
                            out.hunks.push(hunk);
                        }
                        break 'groups;
                    }
                    budget -= 1;
                    hunk.lines
                        .push((tag, line(lines.get(i).copied().unwrap_or(""))));
                }
            }
        }
        out.hunks.push(hunk);
    }
    out
}

fn shift(op: DiffOp, by: usize) -> DiffOp {
    match op {
        DiffOp::Equal {
            old_index,
            new_index,
            len,
        } => DiffOp::Equal {
            old_index: old_index + by,
            new_index: new_index + by,
            len,
        },
        DiffOp::Delete {
            old_index,
            old_len,
            new_index,
        } => DiffOp::Delete {
            old_index: old_index + by,
            old_len,
            new_index: new_index + by,
        },
        DiffOp::Insert {
            old_index,
            new_index,
            new_len,
        } => DiffOp::Insert {
            old_index: old_index + by,
            new_index: new_index + by,
            new_len,
        },
        DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } => DiffOp::Replace {
            old_index: old_index + by,
            old_len,
            new_index: new_index + by,
            new_len,
        },
    }
}
