//! CSV for spreadsheet programs: UTF-8 with a BOM (so Excel reads the
//! Chinese), CRLF line ends, RFC 4180 quoting. Used by every CSV export.

/// A document with a BOM and these records.
pub struct Csv(String);

impl Csv {
    pub fn new() -> Csv {
        Csv(String::from("\u{feff}"))
    }

    pub fn record<S: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = S>) {
        for (i, field) in fields.into_iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            self.0.push_str(&field_text(field.as_ref()));
        }
        self.0.push_str("\r\n");
    }

    pub fn finish(self) -> String {
        self.0
    }
}

impl Default for Csv {
    fn default() -> Self {
        Csv::new()
    }
}

/// A field with a comma, quote or line break is quoted, its quotes doubled.
fn field_text(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field_text("梧政发〔2024〕3号"), "梧政发〔2024〕3号");
        assert_eq!(field_text("甲,乙"), "\"甲,乙\"");
        assert_eq!(field_text("说\"明\""), "\"说\"\"明\"\"\"");
        assert_eq!(field_text("一\n二"), "\"一\n二\"");
    }

    #[test]
    fn a_document_starts_with_a_bom_and_ends_records_with_crlf() {
        let mut csv = Csv::new();
        csv.record(["a", "b,c"]);
        assert_eq!(csv.finish(), "\u{feff}a,\"b,c\"\r\n");
    }
}
