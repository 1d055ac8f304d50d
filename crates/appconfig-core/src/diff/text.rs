//! Text compared by line (similar's Myers diff on the lines), shown as hunks with context.

use std::collections::HashMap;
use std::ops::Range;

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
    let max = limits.max_diffed_lines as u64;
    let mut ops = Ops {
        ops: Vec::new(),
        coarse: false,
        budget: max.saturating_mul(max),
    };
    ops.equal(0, 0, head);
    let (a_end, b_end) = (a.len() - tail, b.len() - tail);
    if (a_end - head) + (b_end - head) <= limits.max_diffed_lines {
        ops.diff(&a, &b, head..a_end, head..b_end, limits.max_diffed_lines);
    } else {
        // A large block: cut it at the lines found once in each version, in the same order (the
        // patience diff's anchors), and diff the gaps between them, so that a few edits far
        // apart in a long file stay a few small diffs.
        let mut prev = (head, head);
        for (i, j) in anchors(&a, &b, head..a_end, head..b_end) {
            ops.diff(&a, &b, prev.0..i, prev.1..j, limits.max_diffed_lines);
            ops.equal(i, j, 1);
            prev = (i + 1, j + 1);
        }
        ops.diff(
            &a,
            &b,
            prev.0..a_end,
            prev.1..b_end,
            limits.max_diffed_lines,
        );
    }
    ops.equal(a_end, b_end, tail);
    let Ops { ops, coarse, .. } = ops;
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

/// The ops of a line diff, built in order; neighbouring equal runs are merged so that context is
/// counted over the whole run.
struct Ops {
    ops: Vec<DiffOp>,
    /// A block was past the limit and is shown as replaced.
    coarse: bool,
    /// What the Myers diffs may still cost, counted as (lines of a block)² each (their worst
    /// case): one block of `max_diffed_lines` spends it all, so many large blocks cannot add up.
    budget: u64,
}

impl Ops {
    fn equal(&mut self, old_index: usize, new_index: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(DiffOp::Equal {
            len: l,
            old_index: o,
            ..
        }) = self.ops.last_mut()
        {
            if *o + *l == old_index {
                *l += len;
                return;
            }
        }
        self.ops.push(DiffOp::Equal {
            old_index,
            new_index,
            len,
        });
    }

    /// Diffs `a[ra]` against `b[rb]` with Myers' algorithm, whose cost grows with lines times
    /// differences: past `max` lines the block is shown as replaced (correct, not minimal).
    fn diff(&mut self, a: &[&str], b: &[&str], ra: Range<usize>, rb: Range<usize>, max: usize) {
        if ra.is_empty() && rb.is_empty() {
            return;
        }
        let lines = (ra.len() + rb.len()) as u64;
        let cost = lines.saturating_mul(lines);
        let too_big = ra.len() + rb.len() > max || cost > self.budget;
        if too_big || ra.is_empty() || rb.is_empty() {
            self.coarse |= too_big;
            let op = match (ra.is_empty(), rb.is_empty()) {
                (true, _) => DiffOp::Insert {
                    old_index: ra.start,
                    new_index: rb.start,
                    new_len: rb.len(),
                },
                (_, true) => DiffOp::Delete {
                    old_index: ra.start,
                    old_len: ra.len(),
                    new_index: rb.start,
                },
                _ => DiffOp::Replace {
                    old_index: ra.start,
                    old_len: ra.len(),
                    new_index: rb.start,
                    new_len: rb.len(),
                },
            };
            self.ops.push(op);
            return;
        }
        self.budget -= cost;
        let (oa, ob) = (ra.start, rb.start);
        for op in similar::capture_diff_slices(Algorithm::Myers, &a[ra], &b[rb]) {
            match shift(op, oa, ob) {
                DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } => self.equal(old_index, new_index, len),
                other => self.ops.push(other),
            }
        }
    }
}

/// The pairs `(i, j)` of lines found exactly once in `a[ra]` and once in `b[rb]`, equal, in the
/// longest run that is in order in both (patience sorting: `O(n log n)`).
fn anchors(a: &[&str], b: &[&str], ra: Range<usize>, rb: Range<usize>) -> Vec<(usize, usize)> {
    // Per line: (count in a, count in b, index in a, index in b).
    let mut seen: HashMap<&str, (u32, u32, usize, usize)> = HashMap::new();
    for i in ra {
        let e = seen.entry(a[i]).or_insert((0, 0, i, 0));
        e.0 = e.0.saturating_add(1);
    }
    for j in rb {
        if let Some(e) = seen.get_mut(b[j]) {
            e.1 = e.1.saturating_add(1);
            e.3 = j;
        }
    }
    let mut pairs: Vec<(usize, usize)> = seen
        .into_values()
        .filter(|e| e.0 == 1 && e.1 == 1)
        .map(|e| (e.2, e.3))
        .collect();
    pairs.sort_unstable();
    // Longest increasing run of `j`: `tops[k]` is the pair index ending the best run of k + 1.
    let mut tops: Vec<usize> = Vec::new();
    let mut back: Vec<Option<usize>> = vec![None; pairs.len()];
    for (p, &(_, j)) in pairs.iter().enumerate() {
        let k = tops.partition_point(|&t| pairs[t].1 < j);
        back[p] = k.checked_sub(1).map(|k| tops[k]);
        if k == tops.len() {
            tops.push(p);
        } else {
            tops[k] = p;
        }
    }
    let mut out = Vec::with_capacity(tops.len());
    let mut at = tops.last().copied();
    while let Some(p) = at {
        out.push(pairs[p]);
        at = back[p];
    }
    out.reverse();
    out
}

fn shift(op: DiffOp, oa: usize, ob: usize) -> DiffOp {
    match op {
        DiffOp::Equal {
            old_index,
            new_index,
            len,
        } => DiffOp::Equal {
            old_index: old_index + oa,
            new_index: new_index + ob,
            len,
        },
        DiffOp::Delete {
            old_index,
            old_len,
            new_index,
        } => DiffOp::Delete {
            old_index: old_index + oa,
            old_len,
            new_index: new_index + ob,
        },
        DiffOp::Insert {
            old_index,
            new_index,
            new_len,
        } => DiffOp::Insert {
            old_index: old_index + oa,
            new_index: new_index + ob,
            new_len,
        },
        DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } => DiffOp::Replace {
            old_index: old_index + oa,
            old_len,
            new_index: new_index + ob,
            new_len,
        },
    }
}
