//! Export to the `medical.json` schema of the Chinese medical
//! knowledge-graph QA projects, whose `build_medicalgraph.py` importers read
//! one JSON object per disease.

use std::borrow::Cow;

use serde::Serialize;

use super::drug_index::drug_index;
use crate::drugs::Drug;
use crate::graph::DiseaseProperties;
use crate::list::List;
use crate::model::record::Record;

/// One record in the `medical.json` schema, with its keys in its order.
///
/// ```
/// let record = jibing::parse("简介 某病\n就诊科室 内科\n治愈率 30%\n")?;
/// let medical = jibing::derived::to_medical(&record);
/// let json = serde_json::to_string(&medical)?;
/// assert!(json.starts_with(r#"{"name":"","desc":"某病","category":["内科"],"prevent":"""#));
/// assert!(json.contains(r#""cured_prob":"30%""#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[non_exhaustive]
pub struct MedicalRecord<'r> {
    /// The disease name; `""` when it cannot be inferred.
    pub name: &'r str,
    /// `简介`.
    pub desc: &'r str,
    /// The departments (`就诊科室`): the format has no category field.
    pub category: Vec<&'r str>,
    /// `预防`.
    pub prevent: &'r str,
    /// `病因` as text.
    pub cause: Cow<'r, str>,
    /// `症状`.
    pub symptom: Vec<&'r str>,
    /// `医保疾病`: `是`, `否` or `""`.
    pub yibao_status: &'static str,
    /// `患病比例` as written.
    pub get_prob: &'r str,
    /// `易感人群`.
    pub easy_get: &'r str,
    /// `传染方式`.
    pub get_way: &'r str,
    /// `并发症`.
    pub acompany: Vec<&'r str>,
    /// `就诊科室`.
    pub cure_department: Vec<&'r str>,
    /// `治疗方式`.
    pub cure_way: Vec<&'r str>,
    /// `治疗周期` as written.
    pub cure_lasttime: &'r str,
    /// `治愈率` as written.
    pub cured_prob: &'r str,
    /// `常用药品`.
    pub common_drug: Vec<&'r str>,
    /// `治疗费用` as written.
    pub cost_money: &'r str,
    /// `检查`.
    pub check: Vec<&'r str>,
    /// `宜吃`.
    pub do_eat: Vec<&'r str>,
    /// `忌吃`.
    pub not_eat: Vec<&'r str>,
    /// `推荐食谱`.
    pub recommand_eat: Vec<&'r str>,
    /// The distinct generic names of `药品`.
    pub recommand_drug: Vec<&'r str>,
    /// `药品` tuples as `brand+product(generic)`.
    pub drug_detail: Vec<String>,
}

/// Maps a record to the `medical.json` schema, field by field as
/// [`MedicalRecord`]'s docs say.
///
/// Every key is always written, `""` or `[]` when the record lacks the
/// field: the importers index some keys without checking them. Fields with
/// no key in the schema (`症状细节`, `治疗`, `extra`, …) are left out.
///
/// ```
/// let record = jibing::parse("医保疾病 否\n药品 ['协一力', '利鲁唑片', '(利鲁唑片)']\n")?;
/// let medical = jibing::derived::to_medical(&record);
/// assert_eq!(medical.yibao_status, "否");
/// assert_eq!(medical.drug_detail, ["协一力利鲁唑片(利鲁唑片)"]);
/// assert_eq!(medical.recommand_drug, ["利鲁唑片"]);
/// # Ok::<(), jibing::Error>(())
/// ```
pub fn to_medical<'r>(record: &'r Record<'_>) -> MedicalRecord<'r> {
    let drugs = record.drugs.as_deref().unwrap_or_default();
    // The keys the graph's `Disease` nodes share, mapped once.
    let DiseaseProperties {
        desc,
        prevent,
        cause,
        easy_get,
        cure_lasttime,
        cure_department,
        cure_way,
        cured_prob,
        get_prob,
    } = DiseaseProperties::of(record);
    MedicalRecord {
        name: text(&record.name),
        desc,
        category: cure_department.clone(),
        prevent,
        cause,
        symptom: list(&record.symptoms),
        yibao_status: match record.insurance {
            Some(true) => "是",
            Some(false) => "否",
            None => "",
        },
        get_prob,
        easy_get,
        get_way: text(&record.transmission),
        acompany: list(&record.complications),
        cure_department,
        cure_way,
        cure_lasttime,
        cured_prob,
        common_drug: list(&record.common_drugs),
        cost_money: record.cost.as_ref().map_or("", |c| &c.text),
        check: list(&record.examinations),
        do_eat: list(&record.good_foods),
        not_eat: list(&record.bad_foods),
        recommand_eat: list(&record.recipes),
        recommand_drug: drug_index(drugs, None).generics().collect(),
        drug_detail: drugs.iter().map(drug_detail).collect(),
    }
}

fn text<'r>(field: &'r Option<Cow<'_, str>>) -> &'r str {
    field.as_deref().unwrap_or("")
}

fn list<'r>(field: &'r Option<List<'_>>) -> Vec<&'r str> {
    field.iter().flatten().collect()
}

/// `brand+product(generic)`, missing parts left out.
fn drug_detail(drug: &Drug<'_>) -> String {
    let mut s = String::new();
    s.push_str(drug.brand.as_deref().unwrap_or(""));
    s.push_str(drug.product.as_deref().unwrap_or(""));
    if let Some(generic) = &drug.generic {
        s.push('(');
        s.push_str(generic);
        s.push(')');
    }
    s
}
