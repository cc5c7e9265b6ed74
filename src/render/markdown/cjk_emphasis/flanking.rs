//! CommonMark and CJK-friendly flanking rules for a delimiter run.

use super::chars::{CharClass, is_ambiguous_quote, selected_class};

/// What may a delimiter run do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Abilities {
    pub(super) open: bool,
    pub(super) close: bool,
}

impl Abilities {
    /// Applies the intraword restriction of `_` to flanking.
    fn from_flanking(
        byte: u8,
        left: bool,
        right: bool,
        prev_punct: bool,
        next_punct: bool,
    ) -> Self {
        if byte == b'*' {
            return Abilities {
                open: left,
                close: right,
            };
        }
        Abilities {
            open: left && (!right || prev_punct),
            close: right && (!left || next_punct),
        }
    }
}

/// CommonMark 0.31 flanking, looking at single characters.
pub(super) fn commonmark_abilities(byte: u8, prev: Side, next: Side) -> Abilities {
    use CharClass::Whitespace;
    let (before, after) = (prev.single, next.single);
    let left =
        after != Whitespace && (!after.is_punct() || before == Whitespace || before.is_punct());
    let right =
        before != Whitespace && (!before.is_punct() || after == Whitespace || after.is_punct());
    Abilities::from_flanking(byte, left, right, before.is_punct(), after.is_punct())
}

/// Flanking as amended by the CJK-friendly proposal: only *non-CJK*
/// punctuation blocks a delimiter, and even that not when a CJK character
/// (or a variation selector after one) is on the other side.
pub(super) fn cjk_abilities(byte: u8, prev: Side, next: Side) -> Abilities {
    use CharClass::{CjkLetter, CjkPunct, IdeographicSelector, NonCjkPunct, Whitespace};
    let (before, after) = (prev.sequence, next.sequence);
    let left = after != Whitespace
        && (after != NonCjkPunct
            || matches!(
                before,
                Whitespace | NonCjkPunct | CjkPunct | CjkLetter | IdeographicSelector
            ));
    let right = before != Whitespace
        && (before != NonCjkPunct
            || matches!(after, Whitespace | NonCjkPunct | CjkPunct | CjkLetter));
    Abilities::from_flanking(byte, left, right, before.is_punct(), next.single.is_punct())
}

/// The character next to a delimiter run, seen two ways: `single` is the
/// class of that one character (CommonMark), `sequence` also accounts for
/// variation selectors (CJK-friendly proposal).
#[derive(Clone, Copy, Debug)]
pub(super) struct Side {
    single: CharClass,
    sequence: CharClass,
}

impl Side {
    pub(super) const WHITESPACE: Side = Side::uniform(CharClass::Whitespace);

    const fn uniform(class: CharClass) -> Self {
        Side {
            single: class,
            sequence: class,
        }
    }
}

/// Classifies what precedes byte `pos`: a character, or a character plus a
/// general-use variation selector (U+FE00..U+FE0E), which takes the class
/// of its base.
pub(super) fn prev_side(source: &str, pos: usize) -> Side {
    let mut chars = source[..pos].chars().rev();
    let Some(last) = chars.next() else {
        return Side::WHITESPACE;
    };
    let single = CharClass::of(last);
    let sequence = match chars.next() {
        Some(base) if ('\u{FE00}'..='\u{FE0E}').contains(&last) => selected_class(base, last),
        _ => single,
    };
    Side { single, sequence }
}

/// Classifies what follows byte `end` (which ends a delimiter run).
pub(super) fn next_side(source: &str, end: usize) -> Side {
    let mut chars = source[end..].chars();
    let Some(first) = chars.next() else {
        return Side::WHITESPACE;
    };
    let single = CharClass::of(first);
    let sequence = if is_ambiguous_quote(first) && chars.next() == Some('\u{FE01}') {
        CharClass::CjkPunct
    } else {
        single
    };
    Side { single, sequence }
}
