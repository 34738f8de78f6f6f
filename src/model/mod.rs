//! The types a parse produces and the canonical writer: the model, which
//! imports nothing from the crate but [`scan`](crate::scan).

pub(crate) mod causes;
pub(crate) mod drugs;
pub(crate) mod error;
pub(crate) mod labels;
pub(crate) mod list;
pub(crate) mod record;
pub(crate) mod value;
pub(crate) mod write;
