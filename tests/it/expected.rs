//! Builders of the diagnostics and `extra` entries tests expect.

use std::borrow::Cow;

use jibing::{Diagnostic, ErrorKind, Extra, Position};

/// The diagnostic a test expects.
pub fn diag(kind: ErrorKind, line: usize, column: usize, offset: usize, label: &str) -> Diagnostic {
    Diagnostic {
        kind,
        position: Position {
            line,
            column,
            offset,
        },
        label: Some(label.to_owned()),
    }
}

/// The `extra` entry a test expects.
pub fn extra(label: &str, value: &str, line: usize) -> Extra<'static> {
    Extra {
        label: Cow::Owned(label.to_owned()),
        value: Cow::Owned(value.to_owned()),
        line,
    }
}
