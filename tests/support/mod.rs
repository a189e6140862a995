//! Shared test helpers. Each test crate uses some of them.
#![allow(dead_code)]

pub mod cli;
pub mod pty;
pub mod sync;
