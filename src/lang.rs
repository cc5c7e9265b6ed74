//! User-facing language. Chinese by default; `GAZETTE_LANG=en` switches the
//! messages gazette itself prints (diagnostics, summaries) to English.

use std::sync::OnceLock;

static ENGLISH: OnceLock<bool> = OnceLock::new();

/// True when messages should be printed in English.
pub fn english() -> bool {
    *ENGLISH.get_or_init(|| {
        std::env::var("GAZETTE_LANG")
            .map(|v| v.to_ascii_lowercase().starts_with("en"))
            .unwrap_or(false)
    })
}

/// Picks the Chinese or the English text of a message.
#[macro_export]
macro_rules! t {
    ($zh:expr, $en:expr) => {
        if $crate::lang::english() {
            $en.to_string()
        } else {
            $zh.to_string()
        }
    };
}
