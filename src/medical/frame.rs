//! Where the objects of a `medical.json` input are: the shapes around them
//! (JSON Lines, an array, one object) and the end of an object found
//! without reading it, for streaming and for resuming after a fault.

/// The shape read so far around the objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Top {
    /// Nothing but whitespace yet.
    Start,
    /// Objects separated by whitespace (JSON Lines, or one object).
    Lines,
    /// Inside `[`, before its first object.
    Open,
    /// Inside `[`, after an object.
    Item,
    /// Inside `[`, after a comma.
    Comma,
    /// After the array's `]`: only whitespace may follow.
    End,
}

/// What a byte between objects is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// Whitespace or punctuation of the shape.
    Skip,
    /// The `{` of an object.
    Object,
    /// Not allowed here; the message says what is.
    Fault(&'static str),
}

impl Top {
    /// Reads `byte`, found between objects.
    pub fn step(&mut self, byte: u8) -> Step {
        match (*self, byte) {
            (_, b' ' | b'\t' | b'\n' | b'\r') => Step::Skip,
            (Top::Start, b'[') => {
                *self = Top::Open;
                Step::Skip
            }
            (Top::Start | Top::Lines, b'{') => {
                *self = Top::Lines;
                Step::Object
            }
            (Top::Start | Top::Lines, _) => Step::Fault("'{' or '['"),
            (Top::Open | Top::Comma, b'{') => {
                *self = Top::Item;
                Step::Object
            }
            (Top::Open | Top::Item, b']') => {
                *self = Top::End;
                Step::Skip
            }
            (Top::Item, b',') => {
                *self = Top::Comma;
                Step::Skip
            }
            (Top::Open, _) => Step::Fault("'{' or ']'"),
            (Top::Comma, _) => Step::Fault("'{'"),
            (Top::Item, _) => Step::Fault("',' or ']'"),
            (Top::End, _) => Step::Fault("the end of the input after ']'"),
        }
    }

    /// Whether reading may go on after a fault at this point: only between
    /// the lines of JSON Lines.
    pub fn resumes(self) -> bool {
        matches!(self, Top::Start | Top::Lines)
    }

    /// What the input may not end without, if anything.
    pub fn unfinished(self) -> Option<&'static str> {
        match self {
            Top::Open | Top::Item => Some("',' or ']'"),
            Top::Comma => Some("'{'"),
            Top::Start | Top::Lines | Top::End => None,
        }
    }
}

/// The scan of one object's bytes for its end: strings and nesting only.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Frame {
    depth: usize,
    in_string: bool,
    escaped: bool,
}

impl Frame {
    /// Scans `bytes`, the next bytes of an object from its `{`: the length
    /// up to its end when it ends in them.
    pub fn scan(&mut self, bytes: &[u8]) -> Option<usize> {
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            at += 1;
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if byte == b'\\' {
                    self.escaped = true;
                } else if byte == b'"' {
                    self.in_string = false;
                } else {
                    let rest = bytes.get(at..).unwrap_or_default();
                    at += memchr::memchr2(b'"', b'\\', rest).unwrap_or(rest.len());
                }
                continue;
            }
            match byte {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        return Some(at);
                    }
                }
                _ => {}
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_object_ends_at_its_closing_brace() {
        let object = br#"{"a": "}\"]", "b": [{}, "{"]} {"#;
        assert_eq!(Frame::default().scan(object), Some(object.len() - 2));
        let mut frame = Frame::default();
        assert_eq!(frame.scan(br#"{"a": "x\"#), None);
        assert_eq!(frame.scan(br#""}"}"#), Some(4));
    }

    #[test]
    fn shapes() {
        let steps = |input: &str| {
            let mut top = Top::Start;
            input.bytes().map(|b| top.step(b)).collect::<Vec<_>>()
        };
        use Step::{Fault, Object, Skip};
        assert_eq!(steps(" [{,{]"), [Skip, Skip, Object, Skip, Object, Skip]);
        assert_eq!(steps("{\n{"), [Object, Skip, Object]);
        assert_eq!(steps("[,"), [Skip, Fault("'{' or ']'")]);
        assert_eq!(steps("[{,]"), [Skip, Object, Skip, Fault("'{'")]);
        assert_eq!(
            steps("[]x"),
            [Skip, Skip, Fault("the end of the input after ']'")]
        );
        assert_eq!(steps("x"), [Fault("'{' or '['")]);
    }
}
