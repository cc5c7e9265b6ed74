//! gazette: a static site generator for government information offices.
//!
//! The build is one flow in one direction — see `pipeline`:
//! `config` → `load` → `model` → `plan` → `render` → `write`.

// `Diagnostic` is the error type of every stage. It is large because it
// carries file, location, hint, rule and source; errors are the cold path,
// so boxing it everywhere would only add noise.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod cjk;
pub mod config;
pub mod delimiters;
pub mod diagnostic;
pub mod html;
pub mod lang;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod plan;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod search;
pub mod serve;
#[cfg(target_arch = "x86_64")]
pub mod sse2;
pub mod timing;
pub mod write;
