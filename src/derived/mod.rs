//! Views computed from a parsed [`Record`], never from the input again:
//! outlines of the long texts, treatment sections, a drug index, lint
//! findings and the `medical.json` export. Each borrows from the record and
//! serialises on its own; `to_json --derived` prints [`Derived`] beside the
//! record's JSON.
//!
//! ```
//! let record = jibing::parse("预防 某病预防1、多喝水。2、休息。\n治疗 某病西医治疗多休息。\n")?;
//! let derived = jibing::derived::Derived::of(&record);
//! let prevention = derived.outlines.prevention.as_ref().unwrap();
//! assert_eq!(prevention.heading, "某病预防");
//! assert_eq!(prevention.items.len(), 2);
//! assert_eq!(derived.treatment.unwrap().sections[0].heading, "某病西医治疗");
//! # Ok::<(), jibing::Error>(())
//! ```

mod drug_index;
mod lint;
mod medical;
mod outline;
mod sections;

use serde::Serialize;

pub use self::drug_index::{
    drug_index, is_truncated, CommonDrugsCheck, DrugEntry, DrugGroup, DrugIndex,
};
pub use self::lint::{
    findings, lint, lint_medical, FieldPositions, FieldSpot, Finding, FindingKind, LintMedical,
    LintRecords, Linted,
};
pub use self::medical::{to_medical, MedicalRecord};
pub use self::outline::{outline, MarkerFamily, Outline, OutlineItem};
pub use self::sections::{
    treatment_sections, SectionPart, TreatmentKind, TreatmentSection, TreatmentSections,
    MAX_TITLE_CHARS,
};
use crate::model::record::Record;

/// The outlines of a record's long text fields; `None` where the field is
/// absent. Serialises with the fields' JSON keys.
///
/// ```
/// use jibing::derived::Outlines;
///
/// let record = jibing::parse(
///     "病因 某病病因受凉（60%）：1、着凉。2、淋雨。\n宜吃细节 某病宜吃①梨②藕\n",
/// )?;
/// let outlines = Outlines::of(&record);
/// assert_eq!(outlines.diet_good_details.as_ref().map(|o| o.count()), Some(2));
/// assert_eq!(outlines.prevention, None); // 预防 is absent
/// // One outline per cause, of the cause's own text.
/// assert_eq!(outlines.causes.len(), 1);
/// assert_eq!(outlines.causes[0].items[1].text, "淋雨。");
/// # Ok::<(), jibing::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[non_exhaustive]
pub struct Outlines<'r> {
    /// `预防`.
    pub prevention: Option<Outline<'r>>,
    /// `症状细节`.
    pub symptom_details: Option<Outline<'r>>,
    /// `检查细节`.
    pub examination_details: Option<Outline<'r>>,
    /// `治疗`.
    pub treatment_details: Option<Outline<'r>>,
    /// `宜吃细节`.
    pub diet_good_details: Option<Outline<'r>>,
    /// `忌吃细节`.
    pub diet_bad_details: Option<Outline<'r>>,
    /// The text of each `病因` item, in item order (empty when `病因` is
    /// absent).
    pub causes: Vec<Outline<'r>>,
}

impl<'r> Outlines<'r> {
    /// Outlines every long text field of `record` with
    /// [`outline`](fn@outline). See [`Outlines`] for an example.
    pub fn of(record: &'r Record<'_>) -> Self {
        let of = |field: &'r Option<std::borrow::Cow<'_, str>>| field.as_deref().map(outline);
        Outlines {
            prevention: of(&record.prevention),
            symptom_details: of(&record.symptom_details),
            examination_details: of(&record.examination_details),
            treatment_details: of(&record.treatment_details),
            diet_good_details: of(&record.diet_good_details),
            diet_bad_details: of(&record.diet_bad_details),
            causes: record
                .causes
                .iter()
                .flat_map(|c| &c.items)
                .map(|item| outline(&item.text))
                .collect(),
        }
    }
}

/// The derived views of one record that need nothing but the record:
/// what `to_json --derived` prints under `derived`.
///
/// Serialises as `{"outlines", "treatment", "drug_index"}`, each view
/// with its own serde output:
///
/// ```
/// let record = jibing::parse("治疗 某病西医治疗多休息。\n药品 ['甲厂', '(阿莫西林胶囊)']\n")?;
/// let derived = jibing::derived::Derived::of(&record);
/// let json = serde_json::to_value(&derived)?;
/// assert_eq!(json["treatment"]["sections"][0]["kind"], "western");
/// assert_eq!(json["drug_index"]["groups"][0]["generic"], "阿莫西林胶囊");
/// assert!(json["outlines"]["prevention"].is_null()); // 预防 is absent
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[non_exhaustive]
pub struct Derived<'r> {
    /// Outlines of the long text fields.
    pub outlines: Outlines<'r>,
    /// `治疗` split into sections; `None` when absent.
    pub treatment: Option<TreatmentSections<'r>>,
    /// The drug index; `None` when `药品` is absent.
    pub drug_index: Option<DrugIndex<'r>>,
}

impl<'r> Derived<'r> {
    /// Computes the views of `record`: [`Outlines::of`],
    /// [`treatment_sections`] of `治疗` under [`Record::name`], and
    /// [`drug_index`] of `药品` checked against `常用药品`.
    ///
    /// ```
    /// use jibing::derived::{Derived, TreatmentKind};
    ///
    /// let record = jibing::parse(
    ///     "病因 某病病因受凉（60%）：着凉。\n\
    ///      治疗 某病西医治疗多休息。某病中医治疗【治法】疏风。\n\
    ///      常用药品 阿莫西林胶囊 布洛芬\n\
    ///      药品 ['甲厂', '(阿莫西林胶囊)']\n",
    /// )?;
    /// let derived = Derived::of(&record);
    /// // The sections are cut at the inferred name (from 病因 and 治疗).
    /// let treatment = derived.treatment.as_ref().unwrap();
    /// assert_eq!(treatment.get(TreatmentKind::Western).unwrap().body, "多休息。");
    /// let check = derived.drug_index.as_ref().and_then(|i| i.common_drugs.as_ref()).unwrap();
    /// assert_eq!(check.not_in_drugs, ["布洛芬"]);
    /// # Ok::<(), jibing::Error>(())
    /// ```
    pub fn of(record: &'r Record<'_>) -> Self {
        Derived {
            outlines: Outlines::of(record),
            treatment: record
                .treatment_details
                .as_deref()
                .map(|t| treatment_sections(t, record.name.as_deref())),
            drug_index: record
                .drugs
                .as_deref()
                .map(|d| drug_index(d, record.common_drugs.as_ref())),
        }
    }
}
