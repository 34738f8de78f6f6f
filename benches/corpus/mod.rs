//! A deterministic generator of realistic disease records, shared by
//! `benches/parse.rs` and `examples/stream_stats.rs` (through `#[path]`).
//!
//! Records follow the seed's shape: every label in canonical order (most of
//! them present), long prose fields that open with the disease name and a
//! head word (so the name is inferred), 0–8 percentage-tagged causes, 0–30
//! drug tuples, lists of 0–20 items, rates, periods and costs in the forms
//! the seed and the format reference (`jibing::format`) show. Every
//! generated record parses in strict mode. The same seed always gives the
//! same bytes; nothing is committed.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::io;

/// The fixed seed of every benchmark corpus.
pub const SEED: u64 = 0x5eed_ba5e_d15e_a5e5;

/// Characters the prose is made of: the CJK characters of the seed record.
const POOL: &str = "一万三上下不与且丘丛东严丧个中临为主之乐乙也习了事二于云五些亢交人仁仅介从他代以仪们件价任会传伤伦估伸但位低佐体何作使例供依侧侵便促保信倍候偏做健儿元免全六关兴其具养兼内再冒冲况冷准减凹出分切则判利别到制刺前副力功加动助劳包化区医十半华协单南卜卧即压原参及双反发取受变古另只可吃各合同后向吞否含听呆呈呛周味命和咖咳咽品哌响唑啡喝四因困围国图在地坏坦垂型基塑增复外多大天太失头奇奋奶如妙妨始威婴子存学宁它宇完定宜实客室害家容密富寒对导封射将小少尚尤就尽尿局层屈属山岐州已巴市带常干平年并幼广床序应底废度庭康延建开异式引弛张弱强归当录形影征得心忌快念忽态急性恢恩息恶患情愈愉意感慢成我或所扁手才打扩扶技把抓抗折护抬拍拟择括拮持指按挛挤损换据掌排接控推提握摩摸撑操支收放效散数断斯新方旋族无日旦早时明易是显晋晕晚普暖曲更曾最月有期木末本术杏束来松板极构林果枢枣某染查标样核根格梢检椎模横次歇正此步死殊残段毒比气求江汤河油治泌法泛波注活测济浴海消液淡清渐温湖湿源滋激灸炎炒炖炸炼热爪片物特犯状猪率现珍珠球理甚生用田由甲电留畸疏疗疫疮疼疾病症痉痛痪痴痹瘀瘤瘫癔白的皮盆益盐监目直相看眩眼短石研破硬碍碱磷示祛神福离种科积称程究窒立童端等简管类粥精糖系素索红纤约纳纵纹练组细织终经结给络统绪维综缓缩缺群翻翼者而耗耳联肉肌肘肝肠股肢肩肪肱育肺肾肿胁胃胆胛胞胫胱能脂脉脊脑脾腓腕腺腿膀臂自至致般良色节芜芪花芽苏苷范草荐药莲菇菜萎萝营蔬虫螺血行衡补表被褥西要见观规视觉角解触计认训议证评诊误诱请诺调谢谱豆象负责质贵费赤走起趋足距路身躯转轻较辛辣辩辽过运近还这进连迫适选逐递通速造逸遗避邪部都配酒酰酸采释里重量鉴针钠错锻长问间防阴阻际降限院除陷隐障难需露青非面靶项顺顾预颈频题颤风食饕饮饼馈香馨验骨骼髋髓高鱼鲁鸡鹤麻黄龙龟";

/// A xorshift64* generator: small, fast and the same on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a non-zero seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// One element of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.range(0, items.len() - 1)]
    }
}

/// Generates records one at a time, deterministically.
#[derive(Debug, Clone)]
pub struct Generator {
    rng: Rng,
    pool: Vec<char>,
    /// For a site-like corpus: the names lists draw from.
    site: Option<Box<Site>>,
    /// Records generated so far.
    records: usize,
}

/// What a list item names, for the site-like corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Disease,
    Drug,
    Food,
    Check,
    Department,
    Symptom,
    /// Not a node of the graph: a random word.
    Other,
}

/// The names of a site-like corpus, as many of each as the full site's
/// graph has nodes (the Chinese medical QA project's counts).
#[derive(Debug, Clone)]
struct Site {
    diseases: Vec<String>,
    drugs: Vec<String>,
    foods: Vec<String>,
    checks: Vec<String>,
    /// The first ten are top-level departments, the rest second-level.
    departments: Vec<String>,
    symptoms: Vec<String>,
    /// Brands, each making two drugs: with a drug's name, about the full
    /// site's 17,201 producers.
    brands: Vec<String>,
}

/// Diseases of the full site.
pub const SITE_DISEASES: usize = 8_807;

impl Default for Generator {
    fn default() -> Self {
        Self::new(SEED)
    }
}

impl Generator {
    /// A generator from `seed`: every name is a new random word.
    pub fn new(seed: u64) -> Self {
        Generator {
            rng: Rng::new(seed),
            pool: POOL.chars().collect(),
            site: None,
            records: 0,
        }
    }

    /// A generator of a site-like corpus from `seed`: record `i` describes
    /// disease `i % 8,807`, and list items and drug tuples name diseases,
    /// drugs, foods, checks, departments (two levels), symptoms and brands
    /// drawn from fixed lists as long as the full site has of each, so the
    /// graph grows like the real one and stops growing past 8,807 records.
    pub fn site(seed: u64) -> Self {
        let mut generator = Generator::new(seed);
        let mut names = |count: usize, min: usize, max: usize, suffixes: &[&str]| {
            let mut seen = std::collections::HashSet::new();
            while seen.len() < count {
                let mut name = String::new();
                let n = generator.rng.range(min, max);
                generator.word(&mut name, n);
                if !suffixes.is_empty() {
                    name.push_str(generator.rng.pick(suffixes));
                }
                seen.insert(name);
            }
            let mut names: Vec<String> = seen.into_iter().collect();
            names.sort();
            names
        };
        let site = Site {
            diseases: names(SITE_DISEASES, 2, 6, &["病", "症", "炎", "综合征"]),
            drugs: names(3_828, 3, 8, &["片", "胶囊", "注射液", "颗粒"]),
            foods: names(4_870, 2, 5, &[]),
            checks: names(3_353, 2, 8, &["检查"]),
            departments: names(54, 2, 3, &["科"]),
            symptoms: names(5_998, 2, 6, &[]),
            brands: names(6_000, 2, 5, &[]),
        };
        generator.site = Some(Box::new(site));
        generator
    }

    /// `n` characters of the pool (no whitespace, punctuation or brackets).
    fn word(&mut self, out: &mut String, n: usize) {
        for _ in 0..n {
            let c = self.pool[self.rng.range(0, self.pool.len() - 1)];
            out.push(c);
        }
    }

    /// Prose of about `chars` characters: clauses ended by `，` `。` `；` `、`,
    /// with an occasional number, percentage range or ASCII term.
    fn prose(&mut self, out: &mut String, chars: usize) {
        let mut written = 0;
        let mut item = 1;
        while written < chars {
            match self.rng.range(0, 19) {
                0 => {
                    let _ = write!(out, "{item}、");
                    item += 1;
                }
                1 => {
                    let a = self.rng.range(1, 20);
                    let _ = write!(out, "{a}%-{}%", a + self.rng.range(1, 30));
                }
                2 => out.push_str(self.rng.pick(&["(EMG)", "(NCV)", "CT", "MRI", "(SCV)"])),
                _ => {}
            }
            let n = self.rng.range(3, 24);
            self.word(out, n);
            out.push_str(self.rng.pick(&["，", "，", "。", "；", "、"]));
            written += n + 1;
        }
    }

    fn items(&mut self, out: &mut String, max: usize, kind: Kind) {
        if let Some(site) = self.site.as_deref().filter(|_| kind != Kind::Other) {
            let count = self.rng.range(0, max);
            let mut items = Vec::with_capacity(count);
            if kind == Kind::Department {
                let (top, sub) = site.departments.split_at(10);
                items.push(&top[self.rng.range(0, top.len() - 1)]);
                if self.rng.chance(70) {
                    items.push(&sub[self.rng.range(0, sub.len() - 1)]);
                }
            } else {
                let names = match kind {
                    Kind::Disease => &site.diseases,
                    Kind::Drug => &site.drugs,
                    Kind::Food => &site.foods,
                    Kind::Check => &site.checks,
                    _ => &site.symptoms,
                };
                for _ in 0..count {
                    items.push(&names[self.rng.range(0, names.len() - 1)]);
                }
            }
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(item);
            }
            return;
        }
        for i in 0..self.rng.range(0, max) {
            if i > 0 {
                out.push(if self.rng.chance(5) { '\u{a0}' } else { ' ' });
            }
            let n = self.rng.range(2, 8);
            self.word(out, n);
            if self.rng.chance(5) {
                out.push_str("（生）");
            }
        }
    }

    fn rate(&mut self, out: &mut String) {
        let a = self.rng.range(1, 60);
        let _ = match self.rng.range(0, 6) {
            0 => write!(out, "{a}%"),
            1 => write!(out, "0.00{}%", self.rng.range(1, 9)),
            2 => write!(out, "{a}-{}%", a + self.rng.range(1, 30)),
            3 => write!(out, "约{a}%"),
            4 => write!(out, "{a}%以上"),
            5 => write!(out, "0.5%--{}%", self.rng.range(1, 5)),
            _ => write!(out, "{}", self.rng.pick(&["不易治愈", "容易治愈"])),
        };
    }

    fn period(&mut self, out: &mut String) {
        let a = self.rng.range(1, 12);
        let b = a + self.rng.range(1, 12);
        let unit = self.rng.pick(&["天", "周", "个月", "年"]);
        let _ = match self.rng.range(0, 5) {
            0 | 1 => write!(out, "{a}-{b}{unit}"),
            2 => write!(out, "{a}{unit}"),
            3 => write!(out, "{a}{unit}-{b}{unit}"),
            4 => write!(out, "约{a}{unit}左右"),
            _ => write!(out, "{}", self.rng.pick(&["长期", "根据病情而定"])),
        };
    }

    fn cost(&mut self, out: &mut String) {
        let a = self.rng.range(1, 200) * 100;
        let b = a + self.rng.range(1, 500) * 100;
        let _ = match self.rng.range(0, 3) {
            0 | 1 => write!(
                out,
                "根据不同医院，收费标准不一致，市三甲医院约（{a}――{b}元）"
            ),
            2 => write!(out, "约{}-{}万元", a / 1000 + 1, b / 1000 + 2),
            _ => write!(out, "根据不同医院，收费标准不一致"),
        };
    }

    fn causes(&mut self, out: &mut String, name: &str) {
        let _ = write!(out, "{name}病因");
        let tagged = self.rng.range(0, 8);
        if tagged == 0 {
            let n = self.rng.range(50, 600);
            self.prose(out, n);
        }
        for _ in 0..tagged {
            let n = self.rng.range(2, 6);
            self.word(out, n);
            let percent = self.rng.range(1, 40);
            if self.rng.chance(10) {
                let _ = write!(out, "({percent}%):");
            } else {
                let _ = write!(out, "（{percent}%）：");
            }
            let n = self.rng.range(20, 150);
            self.prose(out, n);
        }
    }

    fn drugs(&mut self, out: &mut String) {
        for i in 0..self.rng.range(0, 30) {
            if i > 0 {
                out.push(' ');
            }
            let mut brand = String::new();
            let mut generic = String::new();
            if let Some(site) = self.site.as_deref() {
                // Each brand makes two of the drugs.
                let b = self.rng.range(0, site.brands.len() - 1);
                brand.push_str(&site.brands[b]);
                let d = (b * 31 + self.rng.range(0, 1)) % site.drugs.len();
                generic.push_str(&site.drugs[d]);
            } else {
                let n = self.rng.range(2, 4);
                self.word(&mut brand, n);
                let n = self.rng.range(3, 9);
                self.word(&mut generic, n);
                generic.push_str(self.rng.pick(&["片", "胶囊", "注射液", "颗粒"]));
            }
            let _ = match self.rng.range(0, 9) {
                0..=3 => write!(out, "['{brand}', '({generic})']"),
                4..=7 => write!(out, "['{brand}', '{generic}', '({generic})']"),
                8 => write!(out, "[\"{brand}\", '({generic})']"),
                _ => write!(out, "['{brand}\\'s', '{generic}', '{generic}']"),
            };
        }
    }

    /// Appends one record (its lines and a blank separator line) to `out`.
    pub fn record(&mut self, out: &mut String) {
        let mut name = String::new();
        match self.site.as_deref() {
            Some(site) => name.push_str(&site.diseases[self.records % site.diseases.len()]),
            None => {
                let n = self.rng.range(2, 6);
                self.word(&mut name, n);
            }
        }
        self.records += 1;
        let pad = |rng: &mut Rng| if rng.chance(70) { " " } else { "" };
        macro_rules! field {
            ($label:literal, $percent:expr, |$out:ident| $body:expr) => {
                if self.rng.chance($percent) {
                    out.push_str($label);
                    out.push(' ');
                    let $out = &mut *out;
                    $body;
                    let p = pad(&mut self.rng);
                    out.push_str(p);
                    out.push('\n');
                }
            };
        }
        field!("简介", 100, |o| {
            o.push_str(&name);
            let n = self.rng.range(60, 400);
            self.prose(o, n)
        });
        field!("医保疾病", 95, |o| o
            .push_str(self.rng.pick(&["是", "否"])));
        field!("患病比例", 90, |o| self.rate(o));
        field!("易感人群", 90, |o| {
            let n = self.rng.range(4, 20);
            self.prose(o, n)
        });
        field!("传染方式", 90, |o| {
            o.push_str(self.rng.pick(&["无传染性", "呼吸道传播", "接触传播"]))
        });
        field!("并发症", 85, |o| self.items(o, 6, Kind::Disease));
        field!("就诊科室", 95, |o| self.items(o, 4, Kind::Department));
        field!("治疗方式", 90, |o| self.items(o, 5, Kind::Other));
        field!("治疗周期", 90, |o| self.period(o));
        field!("治愈率", 90, |o| self.rate(o));
        field!("常用药品", 80, |o| self.items(o, 6, Kind::Drug));
        field!("治疗费用", 90, |o| self.cost(o));
        field!("温馨提示", 85, |o| {
            let n = self.rng.range(10, 40);
            self.prose(o, n)
        });
        field!("病因", 95, |o| self.causes(o, &name));
        field!("预防", 90, |o| {
            o.push_str(&name);
            o.push_str("预防");
            let n = self.rng.range(50, 500);
            self.prose(o, n)
        });
        field!("症状细节", 95, |o| {
            o.push_str(&name);
            o.push_str("症状");
            let n = self.rng.range(100, 1500);
            self.prose(o, n)
        });
        field!("症状", 90, |o| self.items(o, 20, Kind::Symptom));
        field!("检查细节", 90, |o| {
            o.push_str(&name);
            o.push_str("的检查");
            let n = self.rng.range(100, 1500);
            self.prose(o, n)
        });
        field!("检查", 90, |o| self.items(o, 12, Kind::Check));
        field!("治疗", 95, |o| {
            o.push_str(&name);
            o.push_str(self.rng.pick(&["西医治疗", "中医治疗", "治疗"]));
            let n = self.rng.range(100, 1500);
            self.prose(o, n)
        });
        field!("宜吃细节", 85, |o| {
            let n = self.rng.range(20, 80);
            self.prose(o, n)
        });
        field!("忌吃细节", 85, |o| {
            let n = self.rng.range(20, 80);
            self.prose(o, n)
        });
        field!("宜吃", 85, |o| self.items(o, 8, Kind::Food));
        field!("忌吃", 85, |o| self.items(o, 8, Kind::Food));
        field!("推荐食谱", 85, |o| self.items(o, 12, Kind::Food));
        field!("药品", 90, |o| self.drugs(o));
        out.push_str(if self.rng.chance(20) { " \n" } else { "\n" });
    }
}

/// The first `records` records of the seeded stream, as one corpus.
pub fn corpus(records: usize) -> String {
    let mut generator = Generator::default();
    let mut out = String::with_capacity(records * 12 * 1024);
    for _ in 0..records {
        generator.record(&mut out);
    }
    out
}

/// The first `records` records of the seeded site-like stream (see
/// [`Generator::site`]), as one corpus.
pub fn site_corpus(records: usize) -> String {
    let mut generator = Generator::site(SEED);
    let mut out = String::with_capacity(records * 12 * 1024);
    for _ in 0..records {
        generator.record(&mut out);
    }
    out
}

/// An [`io::Read`] that generates records on the fly until at least `limit`
/// bytes were produced (it always ends with a whole record). Holds one
/// record at a time.
#[derive(Debug)]
pub struct Stream {
    generator: Generator,
    limit: u64,
    produced: u64,
    record: String,
    at: usize,
}

impl Stream {
    /// A stream of about `limit` bytes of records.
    pub fn new(limit: u64) -> Self {
        Self::of(Generator::default(), limit)
    }

    /// A stream of about `limit` bytes of `generator`'s records.
    pub fn of(generator: Generator, limit: u64) -> Self {
        Stream {
            generator,
            limit,
            produced: 0,
            record: String::new(),
            at: 0,
        }
    }
}

impl io::Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.at == self.record.len() {
            if self.produced >= self.limit {
                return Ok(0);
            }
            self.record.clear();
            self.at = 0;
            self.generator.record(&mut self.record);
            self.produced += self.record.len() as u64;
        }
        let rest = &self.record.as_bytes()[self.at..];
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.at += n;
        Ok(n)
    }
}
