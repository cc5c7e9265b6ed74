//! Grouping a scope's delimiters into runs and classifying each run.

use super::Spanned;
use super::flanking::{Abilities, Side, cjk_abilities, commonmark_abilities, next_side, prev_side};
use super::scope::{Item, Scope};

/// A maximal run of equal delimiter characters, i.e. consecutive `Delim`
/// items of one scope at consecutive source positions.
#[derive(Debug, Default)]
pub(super) struct DelimRun {
    /// Index of the run's first item in its scope.
    first: usize,
    /// Source position of the first character.
    pos: usize,
    pub(super) len: usize,
    pub(super) byte: u8,
    /// Abilities under plain CommonMark and under the CJK-friendly rules.
    pub(super) commonmark: Abilities,
    pub(super) cjk: Abilities,
    /// Characters already paired from the left (as closer) and the right
    /// (as opener) end of the run.
    taken_left: usize,
    taken_right: usize,
}

impl DelimRun {
    pub(super) fn remaining(&self) -> usize {
        self.len - self.taken_left - self.taken_right
    }

    /// Takes `width` characters from the inner (right) end of an opener;
    /// returns the item index and source position of the first one.
    pub(super) fn take_as_opener(&mut self, width: usize) -> (usize, usize) {
        self.taken_right += width;
        self.locate(self.len - self.taken_right)
    }

    /// Takes `width` characters from the inner (left) end of a closer.
    pub(super) fn take_as_closer(&mut self, width: usize) -> (usize, usize) {
        let offset = self.taken_left;
        self.taken_left += width;
        self.locate(offset)
    }

    /// Item index and source position of the character at `offset`.
    fn locate(&self, offset: usize) -> (usize, usize) {
        (self.first + offset, self.pos + offset)
    }

    /// Leaves the unpaired characters literal.
    pub(super) fn exhaust(&mut self) {
        self.taken_left = self.len - self.taken_right;
    }
}

/// Groups the delimiters of `scope` into runs and classifies each run.
pub(super) fn collect_runs(scope: &Scope, events: &[Spanned<'_>], source: &str) -> Vec<DelimRun> {
    let mut runs: Vec<DelimRun> = Vec::new();
    for (index, item) in scope.items.iter().enumerate() {
        let Item::Delim(delim) = item else { continue };
        match runs.last_mut() {
            Some(run)
                if run.first + run.len == index
                    && run.byte == delim.byte
                    && run.pos + run.len == delim.pos =>
            {
                run.len += 1;
            }
            _ => runs.push(DelimRun {
                first: index,
                pos: delim.pos,
                len: 1,
                byte: delim.byte,
                ..DelimRun::default()
            }),
        }
    }
    for run in &mut runs {
        classify(run, scope, events, source);
    }
    runs
}

/// Fills in the abilities of `run` from the characters around it.
fn classify(run: &mut DelimRun, scope: &Scope, events: &[Spanned<'_>], source: &str) {
    let after_last = run.first + run.len;
    // The start and end of a block (and of a table cell) count as whitespace,
    // as does the start of every line; pulldown-cmark sees the same.
    let at_line_start = match run.first.checked_sub(1) {
        None => scope.is_root(),
        Some(before_first) => scope.is_break(before_first, events),
    };
    let at_line_end = after_last == scope.items.len() && scope.is_root();
    let prev = if at_line_start {
        Side::WHITESPACE
    } else {
        prev_side(source, run.pos)
    };
    let next = if at_line_end {
        Side::WHITESPACE
    } else {
        next_side(source, run.pos + run.len)
    };
    run.commonmark = commonmark_abilities(run.byte, prev, next);
    run.cjk = cjk_abilities(run.byte, prev, next);
}
