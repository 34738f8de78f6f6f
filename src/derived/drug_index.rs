//! The drug index: a record's `药品` tuples grouped by generic name, with
//! cut-short product names and repeated tuples flagged, and `常用药品`
//! cross-checked against the generics.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::drugs::Drug;
use crate::list::List;

/// A record's drugs, indexed.
///
/// ```
/// let record = jibing::parse(
///     "常用药品 利鲁唑片 布洛芬\n\
///      药品 ['甲厂', '利鲁', '(利鲁唑片)'] ['甲厂', '利鲁', '(利鲁唑片)'] ['乙厂', '维C']\n",
/// )?;
/// let index = jibing::derived::drug_index(
///     record.drugs.as_deref().unwrap_or_default(),
///     record.common_drugs.as_ref(),
/// );
/// assert_eq!(index.groups.len(), 1);
/// assert_eq!(index.groups[0].entries.len(), 2);
/// assert_eq!(index.without_generic[0].brand, Some("乙厂"));
/// // Cut-short products and repeats, by position in `record.drugs`.
/// let truncated: Vec<usize> = index.truncated().map(|e| e.index).collect();
/// assert_eq!(truncated, [0, 1]);
/// let repeats: Vec<_> = index.duplicates().map(|e| (e.index, e.duplicate_of)).collect();
/// assert_eq!(repeats, [(1, Some(0))]);
/// let check = index.common_drugs.as_ref().unwrap();
/// assert_eq!((check.in_drugs.as_slice(), check.not_in_drugs.as_slice()), (&["利鲁唑片"][..], &["布洛芬"][..]));
/// # Ok::<(), jibing::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[non_exhaustive]
pub struct DrugIndex<'r> {
    /// One group per distinct generic name, in order of first appearance.
    pub groups: Vec<DrugGroup<'r>>,
    /// Tuples that name no generic, in input order.
    pub without_generic: Vec<DrugEntry<'r>>,
    /// `常用药品` compared with the generics, if given.
    pub common_drugs: Option<CommonDrugsCheck<'r>>,
}

/// The tuples that share one generic name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DrugGroup<'r> {
    /// The generic name (`利鲁唑片`).
    pub generic: &'r str,
    /// The tuples, in input order.
    pub entries: Vec<DrugEntry<'r>>,
}

/// One tuple of the `药品` list, as seen from its group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DrugEntry<'r> {
    /// Position of the tuple in [`Record::drugs`](crate::Record::drugs).
    pub index: usize,
    /// The brand or maker.
    pub brand: Option<&'r str>,
    /// The product name as written.
    pub product: Option<&'r str>,
    /// The product name is cut short of the generic name ([`is_truncated`]).
    pub truncated_product: bool,
    /// The index of an earlier, identical tuple, when this one repeats it.
    pub duplicate_of: Option<usize>,
}

/// `常用药品` cross-checked against the generic names of `药品`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[non_exhaustive]
pub struct CommonDrugsCheck<'r> {
    /// Common drugs that are also a generic name of `药品`.
    pub in_drugs: Vec<&'r str>,
    /// Common drugs that no tuple of `药品` names as generic.
    pub not_in_drugs: Vec<&'r str>,
    /// Generic names of `药品` that `常用药品` does not list.
    pub generics_not_common: Vec<&'r str>,
}

impl<'r> DrugIndex<'r> {
    /// Every entry, group by group, then those without a generic name.
    pub fn entries(&self) -> impl Iterator<Item = &DrugEntry<'r>> {
        self.groups
            .iter()
            .flat_map(|g| g.entries.iter())
            .chain(&self.without_generic)
    }

    /// The distinct generic names, in order of first appearance.
    pub fn generics(&self) -> impl Iterator<Item = &'r str> + '_ {
        self.groups.iter().map(|g| g.generic)
    }

    /// The entries whose product name is cut short.
    pub fn truncated(&self) -> impl Iterator<Item = &DrugEntry<'r>> {
        self.entries().filter(|e| e.truncated_product)
    }

    /// The entries that repeat an earlier tuple.
    pub fn duplicates(&self) -> impl Iterator<Item = &DrugEntry<'r>> {
        self.entries().filter(|e| e.duplicate_of.is_some())
    }
}

/// Whether `product` is a strict, non-empty prefix of `generic`: the rule
/// behind [`DrugEntry::truncated_product`].
///
/// ```
/// use jibing::derived::is_truncated;
///
/// assert!(is_truncated("三磷酸腺苷二", "三磷酸腺苷二钠注射液"));
/// assert!(!is_truncated("三磷酸腺苷二钠注射液", "三磷酸腺苷二钠注射液")); // equal
/// assert!(!is_truncated("", "利鲁唑片"));
/// ```
pub fn is_truncated(product: &str, generic: &str) -> bool {
    !product.is_empty() && product.len() < generic.len() && generic.starts_with(product)
}

/// Indexes `drugs` and checks `common` against their generic names,
/// comparing strings exactly.
///
/// ```
/// let record = jibing::parse("药品 ['甲厂', '阿莫', '(阿莫西林胶囊)'] ['乙厂', '(阿莫西林胶囊)']\n")?;
/// let index = jibing::derived::drug_index(record.drugs.as_deref().unwrap_or_default(), None);
/// assert_eq!(index.generics().collect::<Vec<_>>(), ["阿莫西林胶囊"]);
/// assert_eq!(index.truncated().count(), 1);
/// # Ok::<(), jibing::Error>(())
/// ```
pub fn drug_index<'r>(drugs: &'r [Drug<'_>], common: Option<&'r List<'_>>) -> DrugIndex<'r> {
    let mut groups: Vec<DrugGroup<'r>> = Vec::new();
    let mut group_of: HashMap<&'r str, usize> = HashMap::new();
    let mut first_seen: HashMap<[Option<&'r str>; 3], usize> = HashMap::new();
    let mut without_generic = Vec::new();
    for (index, drug) in drugs.iter().enumerate() {
        let parts = [&drug.brand, &drug.product, &drug.generic].map(|p| p.as_deref());
        let [brand, product, generic] = parts;
        let entry = DrugEntry {
            index,
            brand,
            product,
            truncated_product: matches!((product, generic), (Some(p), Some(g)) if is_truncated(p, g)),
            duplicate_of: first_seen.get(&parts).copied(),
        };
        first_seen.entry(parts).or_insert(index);
        let Some(generic) = generic else {
            without_generic.push(entry);
            continue;
        };
        match group_of.get(generic) {
            Some(&slot) => groups[slot].entries.push(entry),
            None => {
                group_of.insert(generic, groups.len());
                groups.push(DrugGroup {
                    generic,
                    entries: vec![entry],
                });
            }
        }
    }
    let common_drugs = common.map(|common| check_common(common, &groups));
    DrugIndex {
        groups,
        without_generic,
        common_drugs,
    }
}

/// `common` compared with the generic names of `groups`.
fn check_common<'r>(common: &'r List<'_>, groups: &[DrugGroup<'r>]) -> CommonDrugsCheck<'r> {
    let generics: HashSet<&str> = groups.iter().map(|g| g.generic).collect();
    let listed: HashSet<&str> = common.iter().collect();
    let (in_drugs, not_in_drugs) = common.iter().partition(|drug| generics.contains(drug));
    CommonDrugsCheck {
        in_drugs,
        not_in_drugs,
        generics_not_common: groups
            .iter()
            .map(|g| g.generic)
            .filter(|g| !listed.contains(g))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn drug<'a>(
        brand: Option<&'a str>,
        product: Option<&'a str>,
        generic: Option<&'a str>,
    ) -> Drug<'a> {
        Drug {
            brand: brand.map(Cow::Borrowed),
            product: product.map(Cow::Borrowed),
            generic: generic.map(Cow::Borrowed),
        }
    }

    #[test]
    fn groups_flags_and_checks() {
        let drugs = [
            drug(Some("甲"), Some("阿莫"), Some("阿莫西林")),
            drug(Some("乙"), None, Some("布洛芬")),
            drug(Some("甲"), Some("阿莫"), Some("阿莫西林")),
            drug(Some("丙"), Some("阿莫西林"), Some("阿莫西林")),
            drug(Some("丁"), None, None),
        ];
        let common = List::from_items(["布洛芬", "维生素C"]);
        let index = drug_index(&drugs, Some(&common));
        assert_eq!(index.generics().collect::<Vec<_>>(), ["阿莫西林", "布洛芬"]);
        let first: Vec<_> = index.groups[0].entries.iter().map(|e| e.index).collect();
        assert_eq!(first, [0, 2, 3]);
        assert_eq!(index.without_generic[0].index, 4);
        let truncated: Vec<_> = index.truncated().map(|e| e.index).collect();
        assert_eq!(truncated, [0, 2]);
        let dups: Vec<_> = index
            .duplicates()
            .map(|e| (e.index, e.duplicate_of))
            .collect();
        assert_eq!(dups, [(2, Some(0))]);
        let check = index.common_drugs.as_ref().unwrap();
        assert_eq!(check.in_drugs, ["布洛芬"]);
        assert_eq!(check.not_in_drugs, ["维生素C"]);
        assert_eq!(check.generics_not_common, ["阿莫西林"]);
    }

    #[test]
    fn truncation_is_a_strict_prefix() {
        assert!(is_truncated("三磷酸腺苷二", "三磷酸腺苷二钠注射液"));
        assert!(!is_truncated(
            "三磷酸腺苷二钠注射液",
            "三磷酸腺苷二钠注射液"
        ));
        assert!(!is_truncated("", "x"));
        assert!(!is_truncated("利鲁唑", "盐酸乙哌立松片"));
    }
}
