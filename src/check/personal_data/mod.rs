//! Personal data that must not leak (去标识化, domain brief §4).
//!
//! Published lists — subsidy recipients, notices, annual reports — have
//! leaked resident ID numbers, mobile numbers and bank cards. This module
//! finds such values in Markdown source, rendered text or attachment text
//! before a page goes out, so a check can refuse or warn, and proposes the
//! masked form editors are used to (`110105********002X`, `138****1234`).
//!
//! It is a hand-written linear scanner (std only): text without a digit or
//! an at sign is skipped a block at a time, and only the runs of ASCII (or
//! full-width) letters, digits and joiners around one are looked at.
//! Full-width forms are folded to ASCII first; ranges are reported in the
//! original text. Check digits keep false positives down: an 18-digit
//! number whose check digit fails is never a `ResidentId` (at most a
//! `ResidentIdShape` warning), and a valid unified social credit code (an
//! organisation's, fine to publish) is not reported — unless it is also a
//! valid resident ID, which is far likelier to be what it is.

mod bank_card;
mod context;
mod credit_code;
mod email;
mod mask;
mod normalize;
mod phone;
mod resident_id;
mod table;
mod tokens;
mod travel_docs;

#[cfg(test)]
mod tests;

use std::cmp::Reverse;
use std::ops::Range;

pub use mask::mask;

/// What kind of personal data a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// An 18-character resident ID that passes province, date and check.
    ResidentId,
    /// Province and date of a resident ID, but the check character fails.
    ResidentIdShape,
    /// A 15-digit first-generation resident ID.
    LegacyResidentId,
    /// A mainland mobile number.
    Mobile,
    /// A bank card or account number.
    BankCard,
    /// A permit for travel between the mainland and Hong Kong/Macau.
    HkMacauPermit,
    /// A passport number.
    Passport,
    /// An email address.
    Email,
    /// A table column whose header names personal data.
    SensitiveColumn,
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Must not be published as it is.
    Error,
    /// Probably personal data; an editor should look.
    Warning,
}

/// One value found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    pub level: Level,
    /// Byte range in the ORIGINAL text.
    pub range: Range<usize>,
    /// The value as found (original characters).
    pub value: String,
    /// The value masked per convention (see [`mask`]).
    pub masked: String,
}

impl Finding {
    fn new(kind: Kind, level: Level, text: &str, range: Range<usize>) -> Self {
        let value = text[range.clone()].to_owned();
        let masked = mask(kind, &value);
        Finding {
            kind,
            level,
            range,
            value,
            masked,
        }
    }
}

impl Kind {
    /// The kind's name for Chinese readers.
    pub fn label_zh(self) -> &'static str {
        match self {
            Kind::ResidentId => "居民身份证号码",
            Kind::ResidentIdShape => "疑似居民身份证号码（校验位不符）",
            Kind::LegacyResidentId => "15位居民身份证号码",
            Kind::Mobile => "手机号码",
            Kind::BankCard => "银行卡号",
            Kind::HkMacauPermit => "港澳通行证号码",
            Kind::Passport => "护照号码",
            Kind::Email => "电子邮箱地址",
            Kind::SensitiveColumn => "含个人信息的表格列",
        }
    }

    /// The kind's name for English readers.
    pub fn label_en(self) -> &'static str {
        match self {
            Kind::ResidentId => "resident ID number",
            Kind::ResidentIdShape => "possible resident ID number (check digit fails)",
            Kind::LegacyResidentId => "15-digit resident ID number",
            Kind::Mobile => "mobile phone number",
            Kind::BankCard => "bank card number",
            Kind::HkMacauPermit => "Hong Kong/Macau travel permit number",
            Kind::Passport => "passport number",
            Kind::Email => "email address",
            Kind::SensitiveColumn => "table column of personal data",
        }
    }
}

/// Scans text (Markdown source, rendered text, or attachment text).
/// Findings are sorted by start and never overlap.
pub fn scan(text: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    normalize::for_each_island(text, |island| tokens::scan_island(island, &mut found));
    table::scan(text, &mut found);
    without_overlaps(found)
}

/// Sorts by start; of overlapping findings keeps the longest (an Error
/// before a Warning on equal ranges).
fn without_overlaps(mut found: Vec<Finding>) -> Vec<Finding> {
    found.sort_by_key(|f| (f.range.start, Reverse(f.range.end), f.level));
    let mut out: Vec<Finding> = Vec::with_capacity(found.len());
    for f in found {
        match out.last_mut() {
            Some(last) if f.range.start < last.range.end => {
                if f.range.len() > last.range.len() {
                    *last = f;
                }
            }
            _ => out.push(f),
        }
    }
    out
}

/// True if `code` is a valid unified social credit code (GB 32100).
pub fn is_credit_code(code: &str) -> bool {
    normalize::fold_all(code).is_some_and(|c| credit_code::is_valid(&c))
}

/// True if an 18-char resident ID passes province, date and check-digit rules.
pub fn is_valid_resident_id(id: &str) -> bool {
    normalize::fold_all(id).is_some_and(|id| resident_id::is_valid(&id))
}
