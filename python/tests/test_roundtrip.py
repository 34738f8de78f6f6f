"""dumps writes canonical text that loads reads back to the same dicts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import jibing

# Item text without whitespace or the format's brackets and quotes.
WORD = st.text(alphabet=st.sampled_from("甲乙丙丁咳嗽发热头痛内科abcXYZ0123-"), min_size=1, max_size=6)
TEXT = st.lists(WORD, min_size=1, max_size=4).map("，".join)


@st.composite
def record_text(draw: st.DrawFn) -> str:
    lines = []
    if draw(st.booleans()):
        lines.append("简介 " + draw(TEXT))
    lines.append("医保疾病 " + draw(st.sampled_from(["是", "否"])))
    if draw(st.booleans()):
        lines.append("患病比例 " + draw(st.sampled_from(["0.003%", "1%-2%", "约5%", "无"])))
    for label in ("并发症", "就诊科室", "症状", "宜吃", "忌吃"):
        if draw(st.booleans()):
            lines.append(label + " " + " ".join(draw(st.lists(WORD, max_size=4))))
    if draw(st.booleans()):
        lines.append("治疗周期 " + draw(st.sampled_from(["3-6个月", "1周", "长期", "2年以上"])))
    if draw(st.booleans()):
        name = draw(WORD)
        lines.append(f"病因 {name}病因" + draw(TEXT) + "。")
        lines.append(f"预防 {name}预防" + draw(TEXT) + "。")
    if draw(st.booleans()):
        drugs = draw(st.lists(st.lists(WORD, min_size=1, max_size=3), min_size=1, max_size=3))
        lines.append("药品 " + " ".join("[" + ", ".join(f"'{s}'" for s in d) + "]" for d in drugs))
    return "\n".join(lines) + "\n"


@settings(max_examples=200, deadline=None)
@given(st.lists(record_text(), min_size=1, max_size=4))
def test_loads_dumps_loads_is_the_identity(texts: list[str]) -> None:
    records = jibing.loads("\n".join(texts))
    assert len(records) == len(texts)
    assert jibing.loads(jibing.dumps(records)) == records
