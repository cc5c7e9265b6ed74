//! Re-pairing a scope's delimiter runs with CommonMark's "process emphasis".

use super::Spanned;
use super::delim_runs::{DelimRun, collect_runs};
use super::scope::{Item, Kind, Role, Scope};

/// Re-pairs the delimiters of `scope` if the CJK-friendly rules give any run
/// an ability CommonMark denied; otherwise keeps pulldown-cmark's pairing.
pub(super) fn repair_scope(scope: &mut Scope, events: &[Spanned<'_>], source: &str) -> bool {
    let mut runs = collect_runs(scope, events, source);
    if runs.iter().all(|run| run.commonmark == run.cjk) {
        return false;
    }
    for item in &mut scope.items {
        if let Item::Delim(delim) = item {
            delim.role = Role::Literal;
        }
    }
    Pairing::new(&mut runs, &mut scope.items).run();
    true
}

/// Lowest run index at which the opener search for a closer stops, per
/// delimiter character, closer's ability to open and closer length mod 3
/// (the `openers_bottom` of the CommonMark spec).
#[derive(Default)]
struct OpenersBottom([[[usize; 3]; 2]; 2]);

impl OpenersBottom {
    fn slot(&mut self, closer: &DelimRun) -> &mut usize {
        let by_char = &mut self.0[usize::from(closer.byte == b'_')];
        &mut by_char[usize::from(closer.cjk.open)][closer.len % 3]
    }
}

/// The spec's delimiter-stack algorithm over the runs of one scope, setting
/// the roles of the paired characters.
struct Pairing<'r> {
    runs: &'r mut [DelimRun],
    items: &'r mut [Item],
    /// The delimiter stack as links: `below[i]` is the nearest run under
    /// run `i` that is still on the stack.
    below: Vec<Option<usize>>,
    bottoms: OpenersBottom,
}

impl<'r> Pairing<'r> {
    fn new(runs: &'r mut [DelimRun], items: &'r mut [Item]) -> Self {
        let below = (0..runs.len()).map(|index| index.checked_sub(1)).collect();
        let bottoms = OpenersBottom::default();
        Pairing {
            runs,
            items,
            below,
            bottoms,
        }
    }

    fn run(mut self) {
        for closer in 0..self.runs.len() {
            if self.runs[closer].cjk.close {
                self.close(closer);
            }
            let run = &self.runs[closer];
            if (run.remaining() == 0 || !run.cjk.open) && closer + 1 < self.runs.len() {
                // Not a potential opener: take it off the stack.
                self.below[closer + 1] = self.below[closer];
            }
        }
    }

    /// Pairs `closer` with openers below it for as long as it can.
    fn close(&mut self, closer: usize) {
        while self.runs[closer].remaining() > 0 {
            let bottom = *self.bottoms.slot(&self.runs[closer]);
            let Some(opener) = self.find_opener(closer, bottom) else {
                *self.bottoms.slot(&self.runs[closer]) = closer;
                return;
            };
            self.drop_between(opener, closer);
            self.pair(opener, closer);
            if self.runs[opener].remaining() == 0 {
                self.below[closer] = self.below[opener];
            }
        }
    }

    /// The nearest run on the stack under `closer`, and not under `bottom`,
    /// that `closer` can close.
    fn find_opener(&self, closer: usize, bottom: usize) -> Option<usize> {
        let mut candidate = self.below[closer];
        while let Some(index) = candidate.filter(|&index| index >= bottom) {
            if can_pair(&self.runs[index], &self.runs[closer]) {
                return Some(index);
            }
            candidate = self.below[index];
        }
        None
    }

    /// Takes the runs between `opener` and `closer` off the stack; their
    /// unpaired characters stay literal.
    fn drop_between(&mut self, opener: usize, closer: usize) {
        let mut candidate = self.below[closer];
        while let Some(index) = candidate.filter(|&index| index > opener) {
            self.runs[index].exhaust();
            candidate = self.below[index];
        }
        self.below[closer] = Some(opener);
    }

    /// Pairs the inner ends of `opener` and `closer`.
    fn pair(&mut self, opener: usize, closer: usize) {
        let strong = self.runs[opener].remaining() >= 2 && self.runs[closer].remaining() >= 2;
        let (kind, width) = if strong {
            (Kind::Strong, 2)
        } else {
            (Kind::Emphasis, 1)
        };
        let (open_item, open_pos) = self.runs[opener].take_as_opener(width);
        let (close_item, close_pos) = self.runs[closer].take_as_closer(width);
        let span = open_pos..close_pos + width;
        self.assign(open_item, width, Role::Open(kind, span.clone()));
        self.assign(close_item, width, Role::Close(kind, span));
    }

    /// Gives the delimiter at item `first` the role and the `width - 1`
    /// following ones `Covered`.
    fn assign(&mut self, first: usize, width: usize, role: Role) {
        let roles = std::iter::once(role).chain(std::iter::repeat(Role::Covered));
        for (item, role) in self.items[first..first + width].iter_mut().zip(roles) {
            if let Item::Delim(delim) = item {
                delim.role = role;
            }
        }
    }
}

fn can_pair(opener: &DelimRun, closer: &DelimRun) -> bool {
    let either_both_ways = opener.cjk.close || closer.cjk.open;
    let total = opener.len + closer.len;
    let both_whole_threes = opener.len.is_multiple_of(3) && closer.len.is_multiple_of(3);
    // The "rule of three" that keeps `*foo**bar*` from pairing `*` with `**`.
    let rule_of_three = either_both_ways && total.is_multiple_of(3) && !both_whole_threes;
    opener.byte == closer.byte && opener.cjk.open && opener.remaining() > 0 && !rule_of_three
}
