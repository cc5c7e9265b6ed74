//! gazette: a static site generator for government information offices.
//!
//! The build is one flow in one direction — see `pipeline`:
//! `config` → `load` → `model` → `plan` → `render` → `write`.

pub mod check;
pub mod cjk;
pub mod config;
pub mod diagnostic;
pub mod lang;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod plan;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod timing;
pub mod write;
