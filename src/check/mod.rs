//! Stage 5, check: rules over the model (and, later, the rendered bytes).
//! Rules only read; each returns diagnostics.

pub mod annual_report;
pub mod attachments;
pub mod bulletins;
pub mod columns;
pub mod documents;
pub mod links;
pub mod personal_data;
pub mod privacy;
pub mod publishing;
pub mod rendered;
pub mod sensitive_words;
pub mod source_scans;
pub mod statistics;
pub mod validity;
pub mod working_days;
