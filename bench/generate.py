#!/usr/bin/env python3
"""Deterministic corpus of synthetic 巡察整改进展情况的通报 for benchmarking noticelint.

Each notice has the structure of a real one: title, preamble with the inspection
period and the feedback date, parts 一 二 三, items `（一）关于“…”的问题` with
`1.` sub-items written `一是…二是…`, a totals sentence that adds up, dates after
the feedback date, a contact block and a signature date. The sentences come from
real notices (the `--source` files), cut into paragraphs, sub-items and
`一是…` clauses, normalised to full-width punctuation and recombined, with the
dates and counts varied. A few defects (a wrong term, an ASCII comma, a
run-on, an unclosed quote) are written in at a low rate, so the linter also
reports something, as it would on real drafts.

The output depends only on the arguments and on the source files: the PRNG is
a SplitMix64 seeded from (seed, file index), so file i is the same whatever
--files is, and a corpus of 10,000 files starts with the corpus of 1,000.

Standard library only (Python 3.8+). Usage:

    bench/generate.py --out DIR --files 1000 [--seed 1] [--size 20k|mix|5k-50k]
                      [--md-ratio 0.25] [--defect-rate 0.1] [--source FILE ...]

Writes DIR/notice-00000.txt (or .md) … and DIR/MANIFEST.tsv (file, bytes,
format, defects written in).
"""

import argparse
import math
import os
import re
import sys

MASK = (1 << 64) - 1


class SplitMix64:
    """Small, fast, well-distributed PRNG; enough for shuffling text."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        """Uniform integer in [0, n)."""
        return self.next() % n if n > 0 else 0

    def between(self, lo, hi):
        """Uniform integer in [lo, hi]."""
        return lo + self.below(hi - lo + 1)

    def unit(self):
        """Uniform float in [0, 1)."""
        return (self.next() >> 11) / float(1 << 53)

    def chance(self, p):
        return self.unit() < p

    def pick(self, items):
        return items[self.below(len(items))]

    def sample(self, items, k):
        """k distinct items (all of them when k >= len), in random order."""
        pool = list(items)
        k = min(k, len(pool))
        for i in range(k):
            j = i + self.below(len(pool) - i)
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]


# --- Source material --------------------------------------------------------

CN_DIGITS = "零一二三四五六七八九"
CN_NUM = "[一二三四五六七八九十]+"


def cn_number(n):
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (n < 100)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_DIGITS[tens]
    return head + "十" + (CN_DIGITS[ones] if ones else "")


ASCII_TO_FULL = [
    (",", "，"),
    (";", "；"),
    (":", "："),
    ("?", "？"),
    ("!", "！"),
    ("(", "（"),
    (")", "）"),
]


def normalise(line):
    """Full-width punctuation, no indentation: the sources' own defects are not
    the ones this corpus means to plant."""
    line = line.strip().replace("\u3000", "")
    for ascii_mark, full in ASCII_TO_FULL:
        line = line.replace(ascii_mark, full)
    return line


def balanced(text):
    pairs = [("“", "”"), ("‘", "’"), ("《", "》"), ("（", "）"), ("【", "】")]
    return all(text.count(a) == text.count(b) for a, b in pairs)


# Defects of the sources themselves, found by linting a first corpus: a
# sentence containing one is not reused (the corpus plants its own defects).
SOURCE_DEFECTS = [
    "期邀请",  # comma-after-count: "节目148期邀请来自…"
    "，年召开",  # year-without-number, and a run-on after it
]


def acceptable(text):
    """A sentence is reused only if it is clean by the linter's main rules."""
    return (
        len(text) >= 8
        and not any(d in text for d in SOURCE_DEFECTS)
        # "针对反馈的9个问题" states a total that the generated one contradicts.
        and not re.search(r"反馈(?:的)?\d+个", text)
        and balanced(text)
        and "截止目前" not in text
        and not re.search(r"[A-Za-z0-9]\s*[，。]|[，。]\s*[A-Za-z]", text)
        and not re.search(CN_NUM + "是", text)
        and not re.search(r"[<>|]", text)
    )


def ensure_period(text):
    text = text.rstrip("，、；：。 ")
    return text + "。"


def split_sentences(paragraph):
    return [s + "。" for s in paragraph.split("。") if s.strip()]


class Pools:
    """Paragraphs, sentences and clauses cut out of the source notices."""

    def __init__(self):
        self.part1_sentences = []
        self.problems = []
        self.intros = []
        self.subitem_heads = []
        self.clauses = []
        self.body_sentences = []
        self.part3_heads = []
        self.part3_sentences = []

    def add_file(self, text):
        part = 0
        in_item = False
        for raw in text.splitlines():
            line = normalise(raw)
            if not line:
                continue
            if re.match(r"#+\s", line):
                line = re.sub(r"^#+\s*", "", line)
            part_head = re.match("(" + CN_NUM + ")、(.*)", line)
            if part_head:
                part = {"一": 1, "二": 2, "三": 3}.get(part_head.group(1), 4)
                in_item = False
                continue
            if part == 0 or part == 4:
                continue
            if re.search("联系方式|联系电话|监督电话|邮编|电子邮箱|欢迎广大", line):
                part = 4
                continue
            item = re.match("（(" + CN_NUM + ")）(.*)", line)
            if item:
                heading = item.group(2)
                if part == 2:
                    in_item = True
                    about = re.match("关于“(.*)”的问题$", heading)
                    problem = about.group(1) if about else heading.rstrip("。")
                    if acceptable(problem) and "“" not in problem:
                        self.problems.append(problem)
                elif part == 3 and acceptable(heading):
                    self.part3_heads.append(heading.rstrip("。"))
                continue
            if part == 1:
                self.part1_sentences += [s for s in split_sentences(line) if acceptable(s)]
            elif part == 3:
                # "对正在整改的2个问题" would contradict the generated totals.
                self.part3_sentences += [
                    s for s in split_sentences(line) if acceptable(s) and "正在整改" not in s
                ]
            elif part == 2 and in_item:
                self.add_item_line(line)
            elif part == 2:
                # The part's own introduction: its totals are written afresh.
                continue

    def add_item_line(self, line):
        if line.startswith("整改情况："):
            rest = line[len("整改情况：") :]
            if acceptable(rest):
                self.intros.append(ensure_period(rest))
            return
        if line.startswith("完成情况："):
            return
        sub = re.match(r"\d+[.．、](.*)", line)
        body = line
        if sub:
            body = sub.group(1)
            head, _, body = body.partition("。")
            if acceptable(head):
                self.subitem_heads.append(head + "。")
        parts = re.split(CN_NUM + "是", body)
        first, clauses = parts[0], parts[1:]
        self.body_sentences += [s for s in split_sentences(first) if acceptable(s)]
        for clause in clauses:
            clause = ensure_period(clause)
            if acceptable(clause):
                self.clauses.append(clause)

    def check(self):
        missing = [name for name, pool in vars(self).items() if not pool]
        if missing:
            sys.exit("generate.py: the sources give no " + ", ".join(missing))


# Extra problem statements, in the style of 巡察反馈意见, so that a long notice
# does not repeat the few problems of the sources too often.
EXTRA_PROBLEMS = [
    "落实全面从严治党主体责任不够有力，对下属单位监督检查偏弱",
    "贯彻落实上级重大决策部署有差距，部分任务推进缓慢",
    "意识形态工作责任制落实不够到位，阵地管理存在薄弱环节",
    "民主集中制执行不够严格，重大事项决策程序不规范",
    "干部选拔任用工作不够规范，干部档案管理存在疏漏",
    "基层党组织标准化建设推进不力，党员教育管理不够严格",
    "落实中央八项规定精神有差距，‘四风’问题仍有发生",
    "内部控制制度不健全，政府采购和合同管理不规范",
    "专项资金使用管理不够规范，部分项目资金拨付滞后",
    "国有资产管理不够严格，资产底数不清",
    "对群众反映强烈的问题回应不够及时，服务效能有待提升",
    "安全生产责任落实不到位，隐患排查整治不彻底",
    "上轮巡察反馈问题整改不够彻底，部分问题反弹回潮",
    "廉政风险防控机制不够健全，重点岗位监督存在盲区",
    "年轻干部培养力度不够，干部队伍结构不够合理",
    "制度建设滞后于工作实际，部分制度执行不到位",
    "理论学习与业务工作结合不够紧密，学用转化不够",
    "信访矛盾化解不够及时，基层治理能力有待提升",
]

EXTRA_PART_HEADS = [
    ("提高政治站位，扎实推进巡察整改工作", "聚焦反馈问题，逐项抓好整改落实", "巩固整改成果，健全长效工作机制"),
    ("加强组织领导，压紧压实整改责任", "坚持问题导向，逐项推进整改落实", "强化成果运用，推动整改常态长效"),
    ("坚决扛起整改政治责任，全力推进巡察整改工作", "坚持结果导向，从严落实整改措施", "坚持标本兼治，建立健全长效机制"),
]

UNITS = [
    ("文化和旅游局", "局党组"),
    ("教育局", "局党组"),
    ("农业农村局", "局党组"),
    ("卫生健康局", "局党组"),
    ("交通运输局", "局党组"),
    ("自然资源和规划局", "局党组"),
    ("住房和城乡建设局", "局党组"),
    ("市场监督管理局", "局党组"),
    ("民政局", "局党组"),
    ("财政局", "局党组"),
    ("人力资源和社会保障局", "局党组"),
    ("生态环境局", "局党组"),
    ("水利局", "局党组"),
    ("应急管理局", "局党组"),
    ("发展和改革委员会", "委党组"),
    ("融媒体中心", "中心党组"),
]

LEVELS = [("县", "县委"), ("区", "区委"), ("市", "市委")]

PROVINCES = [
    ("浙江省", "0571"),
    ("江苏省", "025"),
    ("安徽省", "0551"),
    ("湖北省", "027"),
    ("四川省", "028"),
    ("山东省", "0531"),
    ("河南省", "0371"),
    ("福建省", "0591"),
]

ROADS = ["人民路", "解放路", "建设路", "府前街", "文化路", "中山路", "朝阳路", "新华路"]


# --- Dates and numbers --------------------------------------------------------

DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def days_in(year, month):
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else DAYS_IN_MONTH[month - 1]


def to_ordinal(year, month, day):
    """Days since 2000-01-01 (enough for ordering and adding days)."""
    n = 0
    for y in range(2000, year):
        n += 366 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 365
    for m in range(1, month):
        n += days_in(year, m)
    return n + day - 1


def from_ordinal(n):
    year = 2000
    while True:
        length = 366 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 365
        if n < length:
            break
        n -= length
        year += 1
    month = 1
    while n >= days_in(year, month):
        n -= days_in(year, month)
        month += 1
    return year, month, n + 1


def fmt_day(ordinal):
    y, m, d = from_ordinal(ordinal)
    return f"{y}年{m}月{d}日"


def fmt_month(ordinal):
    y, m, _ = from_ordinal(ordinal)
    return f"{y}年{m}月"


DATE = r"\d{4}年\d{1,2}月(?:\d{1,2}日)?"
DATE_RANGE = re.compile(f"({DATE})(?:(至|—|－|-)({DATE}))?")
# "2024年底", "2024年上半年": a year that is not followed by a month.
HALF_YEAR = re.compile(r"(?<!\d)\d{4}年[上下]半年")
BARE_YEAR = re.compile(r"(?<!\d)\d{4}年(?!\d{1,2}月)")
GROUP = re.compile("[县区市]委第" + CN_NUM + "巡[察视]组")
ORG = re.compile("中共某某[县区市][^，。、；“”《》]{2,12}?党组")
COUNT = re.compile(r"(?<![\d年月.．])(\d{1,4})(?=(?:个|名|次|篇|场|家|处|人|件|条|项|期|所|笔|起|台|户|份|余))")


def retime(text, rng, lo, hi):
    """Every date (and range) in `text` moved into [lo, hi], keeping whether it
    names a day or a month, ranges in order."""

    def one(match):
        first, sep, second = match.group(1), match.group(2), match.group(3)
        a = rng.between(lo, hi)
        render_a = fmt_day if first.endswith("日") else fmt_month
        if not sep:
            return render_a(a)
        b = rng.between(a, hi)
        render_b = fmt_day if second.endswith("日") else fmt_month
        if render_a is fmt_month and render_b is fmt_month and from_ordinal(a)[:2] == from_ordinal(b)[:2]:
            # "2024年7月至2024年7月" reads oddly; widen the range by a month.
            b = min(hi, b + 31)
        return render_a(a) + sep + render_b(b)

    return DATE_RANGE.sub(one, text)


def recount(text, rng):
    """Counts varied around their value (same number of digits or so)."""

    def one(match):
        n = int(match.group(1))
        if n <= 1:
            return match.group(1)
        return str(max(1, rng.between(max(1, n // 2), n + n // 2)))

    return COUNT.sub(one, text)


# --- One notice ----------------------------------------------------------------


class Notice:
    """Builds one notice as a list of paragraphs; the defects go in last."""

    def __init__(self, pools, rng, target, markdown, defect_rate):
        self.pools = pools
        self.defect_rate = defect_rate
        self.rng = rng
        self.target = target
        self.markdown = markdown
        county, committee = rng.pick(LEVELS)
        unit, short = rng.pick(UNITS)
        self.short = short
        self.org = f"中共某某{county}{unit}党组"
        self.committee = committee
        self.group = f"{committee}第{cn_number(rng.between(1, 6))}巡察组"
        self.round = cn_number(rng.between(1, 12))
        self.county = county
        self.province, self.area_code = rng.pick(PROVINCES)
        start = to_ordinal(rng.between(2019, 2025), rng.between(1, 12), 1) + rng.below(28)
        self.start = start
        self.end = start + rng.between(40, 75)
        self.feedback = self.end + rng.between(20, 60)
        self.signed = self.feedback + rng.between(150, 210)
        # Measures fall after the feedback, before the notice is signed.
        self.lo = self.feedback + 3
        self.hi = self.signed - 10
        self.heads = list(rng.pick(EXTRA_PART_HEADS))
        self.paragraphs = []
        self.sub_paragraphs = []  # indexes of sub-item paragraphs (for defects)
        self.defects = []

    def text(self, s):
        s = s.replace("局党组", self.short).replace("中心党组", self.short)
        s = GROUP.sub(self.group, ORG.sub(self.org, s))
        s = retime(s, self.rng, self.lo, self.hi)
        s = HALF_YEAR.sub(lambda _: fmt_month(self.rng.between(self.lo, self.hi)), s)
        s = BARE_YEAR.sub(f"{from_ordinal(self.hi)[0]}年", s)
        return recount(s, self.rng)

    def heading(self, level, text):
        if self.markdown:
            return "#" * level + " " + text
        return text

    def size(self):
        return sum(len(p.encode()) + 2 for p in self.paragraphs)

    def build(self):
        rng, pools = self.rng, self.pools
        title = f"{self.org}关于{self.committee}第{self.round}轮巡察整改进展情况的通报"
        self.paragraphs.append(self.heading(1, title))
        self.paragraphs.append(
            f"根据{self.committee}巡察工作统一部署，{fmt_day(self.start)}至{fmt_day(self.end)}，"
            f"{self.group}对{self.org}开展了巡察。{fmt_day(self.feedback)}，{self.group}向"
            f"{self.org}反馈了巡察意见。按照巡察工作有关要求，现将巡察整改进展情况予以公布。"
        )
        self.paragraphs.append(self.heading(2, "一、" + self.heads[0]))
        # Part 一 is short in real notices: a few paragraphs, no sentence twice.
        sentences = rng.sample(pools.part1_sentences, len(pools.part1_sentences))
        for _ in range(rng.between(2, 4)):
            k = rng.between(3, 5)
            take, sentences = sentences[:k], sentences[k:]
            if take:
                self.paragraphs.append(self.text("".join(take)))
        self.paragraphs.append(self.heading(2, "二、" + self.heads[1]))
        totals_at = len(self.paragraphs)
        self.paragraphs.append("")  # the totals, once the items are known
        tail = self.tail()
        tail_size = sum(len(p.encode()) + 2 for p in tail)
        problems = pools.problems + EXTRA_PROBLEMS
        order = rng.sample(problems, len(problems))
        done = 0
        count = 0
        last = 0
        # Items until the notice reaches its size (stopping when half an item
        # would overshoot it); at least three, as in life.
        while count < 3 or self.size() + tail_size + last // 2 < self.target:
            problem = order[count % len(order)]
            count += 1
            before = self.size()
            done += self.item(count, problem)
            last = self.size() - before
            if count >= 60:
                break
        in_progress = count - done
        rate = (done * 1000 * 2 + count) // (2 * count)  # tenths of a percent, rounded
        rate_text = f"{rate // 10}" if rate % 10 == 0 else f"{rate // 10}.{rate % 10}"
        self.paragraphs[totals_at] = (
            f"对照{self.group}反馈意见，{self.short}坚持问题导向、目标导向和结果导向，逐条研究、逐项落实。"
            f"截至{fmt_day(self.hi)}，巡察反馈{count}个问题，已完成整改{done}个，"
            f"正在整改{in_progress}个，整改完成率{rate_text}%。"
        )
        self.paragraphs += tail
        self.plant_defects()
        return "\n\n".join(self.paragraphs) + "\n"

    def item(self, number, problem):
        """One problem and what was done; returns 1 when it is completed."""
        rng, pools = self.rng, self.pools
        self.paragraphs.append(f"（{cn_number(number)}）关于“{problem}”的问题")
        self.paragraphs.append("整改情况：" + self.text(rng.pick(pools.intros)))
        subs = rng.between(1, 3 + self.target // 20000)
        for n in range(1, subs + 1):
            head = rng.pick(pools.subitem_heads)
            if rng.chance(0.8):
                clauses = rng.sample(pools.clauses, rng.between(2, 4))
                body = "".join(cn_number(i + 1) + "是" + c for i, c in enumerate(clauses))
            else:
                body = "".join(rng.sample(pools.body_sentences, rng.between(1, 3)))
            self.sub_paragraphs.append(len(self.paragraphs))
            self.paragraphs.append(self.text(f"{n}.{head}{body}"))
        if rng.chance(0.75):
            self.paragraphs.append("完成情况：已完成。")
            return 1
        y, _, _ = from_ordinal(self.signed)
        self.paragraphs.append(f"完成情况：正在整改，将于{y + 1}年{rng.between(3, 12)}月底前完成。")
        return 0

    def tail(self):
        rng, pools = self.rng, self.pools
        out = [self.heading(2, "三、" + self.heads[2])]
        out.append(self.text("".join(rng.sample(pools.part3_sentences, rng.between(2, 3)))))
        heads = rng.sample(pools.part3_heads, rng.between(2, 3))
        for i, head in enumerate(heads):
            out.append(f"（{cn_number(i + 1)}）{head}")
            out.append(self.text("".join(rng.sample(pools.part3_sentences, rng.between(2, 4)))))
        phone = f"{self.area_code}-{rng.between(20000000, 89999999)}"
        road = rng.pick(ROADS)
        postcode = rng.between(100000, 899999)
        out.append(
            "欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，请及时向我们反映。"
            f"联系方式：{phone}；通信地址：{self.province}某某{self.county}{road}{rng.between(1, 300)}号；"
            f"邮编：{postcode}；电子邮箱：xczg{rng.between(100, 999)}@example.cn"
        )
        out.append(self.org + "\n" + fmt_day(self.signed))
        return out

    def plant_defects(self):
        rng, rate = self.rng, self.defect_rate
        subs = self.sub_paragraphs
        if not subs:
            return
        if rng.chance(rate):
            i = rng.pick(subs)
            self.paragraphs[i] = self.paragraphs[i].replace("一是", "一是截止目前，", 1)
            if "截止目前" in self.paragraphs[i]:
                self.defects.append("term")
        if rng.chance(rate):
            i = rng.pick(subs)
            p = self.paragraphs[i]
            commas = [k for k, c in enumerate(p) if c == "，"]
            if commas:
                k = rng.pick(commas)
                self.paragraphs[i] = p[:k] + "," + p[k + 1 :]
                self.defects.append("ascii-comma")
        if rng.chance(rate):
            candidates = [i for i in subs if "。二是" in self.paragraphs[i]]
            if candidates:
                i = rng.pick(candidates)
                self.paragraphs[i] = self.paragraphs[i].replace("。二是", "二是", 1)
                self.defects.append("run-on")
        if rng.chance(rate):
            candidates = [i for i in subs if "”" in self.paragraphs[i]]
            if candidates:
                i = rng.pick(candidates)
                self.paragraphs[i] = self.paragraphs[i].replace("”", "", 1)
                self.defects.append("unclosed-quote")


# --- Command line ---------------------------------------------------------------


def parse_size(text):
    """`20k` (every file about 20 KB), `5k-50k` or `mix` (5–50 KB, mean about 20 KB)."""

    def kb(s):
        s = s.strip().lower()
        return int(float(s[:-1]) * 1000) if s.endswith("k") else int(s)

    if text == "mix":
        return ("mix", 5000, 50000)
    if "-" in text:
        lo, hi = text.split("-", 1)
        return ("mix", kb(lo), kb(hi))
    return ("fixed", kb(text), kb(text))


def target_size(rng, size):
    kind, lo, hi = size
    if kind == "fixed":
        return lo
    # Log-normal with median about 17 KB and sigma 0.55, clipped to [lo, hi]:
    # mean about 20 KB for 5–50 KB, most notices 10–30 KB, a tail of long ones.
    mean = 0.5 * (lo + hi) * 0.68
    mu = math.log(mean) - 0.55 * 0.55 / 2
    u1, u2 = max(rng.unit(), 1e-12), rng.unit()
    z = math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)
    return int(min(hi, max(lo, math.exp(mu + 0.55 * z))))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="folder to write into (created)")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--size", default="20k", help="20k, 5k-50k or mix (default: 20k)")
    parser.add_argument("--md-ratio", type=float, default=0.25, help="share of Markdown files")
    parser.add_argument("--defect-rate", type=float, default=0.1, help="chance of each defect kind per file")
    parser.add_argument(
        "--source",
        action="append",
        help="notice to take sentences from (repeatable; default: examples/clean/notice.txt "
        "and /work/shared/corpus/*.txt when present)",
    )
    args = parser.parse_args()
    sources = args.source or default_sources(repo)
    pools = Pools()
    for path in sources:
        with open(path, encoding="utf-8") as f:
            pools.add_file(f.read())
    pools.check()
    size = parse_size(args.size)
    os.makedirs(args.out, exist_ok=True)
    manifest = ["file\tbytes\tformat\tdefects"]
    total = 0
    for index in range(args.files):
        rng = SplitMix64(args.seed * 0x100000001B3 + index)
        markdown = rng.chance(args.md_ratio)
        notice = Notice(pools, rng, target_size(rng, size), markdown, args.defect_rate)
        data = notice.build().encode("utf-8")
        name = f"notice-{index:05d}.{'md' if markdown else 'txt'}"
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(data)
        total += len(data)
        manifest.append(f"{name}\t{len(data)}\t{'md' if markdown else 'txt'}\t{','.join(notice.defects) or '-'}")
    with open(os.path.join(args.out, "MANIFEST.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(manifest) + "\n")
    print(
        f"wrote {args.files} notices, {total} bytes (mean {total // max(1, args.files)}) to {args.out}",
        file=sys.stderr,
    )


def default_sources(repo):
    sources = [os.path.join(repo, "examples", "clean", "notice.txt")]
    shared = "/work/shared/corpus"
    if os.path.isdir(shared):
        sources += sorted(os.path.join(shared, f) for f in os.listdir(shared) if f.endswith(".txt"))
    return sources


if __name__ == "__main__":
    main()
