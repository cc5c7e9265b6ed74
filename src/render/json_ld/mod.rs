//! schema.org JSON-LD: `Legislation` for document pages, the
//! `GovernmentOrganization` for the home page. Built with serde_json, so it
//! is always valid JSON, then made safe to sit inside a `<script>` element.

mod legislation;
mod organization;

pub use legislation::{legal_force, legislation};
pub use organization::organization;

/// JSON that cannot end a `<script>` element or open a comment in it:
/// every `<`, `>` and `&` is written as a `\u` escape, which JSON readers
/// turn back into the same characters.
pub fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn script_endings_are_escaped_and_the_json_still_parses() {
        let text = script_safe(&serde_json::to_string(&json!({"name": "</script><!--&"})).unwrap());
        assert!(!text.contains("</script") && !text.contains("<!--"));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "</script><!--&");
    }
}
