//! The format reference: everything `jibing` reads, in one place.
#![doc = include_str!("format.md")]
