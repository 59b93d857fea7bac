"""Reading clusters back: from the store's rows to :class:`Cluster` objects with their members,
first appearance, drift and speaker flag, computed when asked (they depend on the articles'
current dates, outlets and texts, which the library holds)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Literal

from reader.trace import text as T
from reader.trace.model import (
    Attribution,
    Cluster,
    Drift,
    DriftRun,
    FirstAppearance,
    FirstStatus,
    SpeakerFlag,
    Statement,
)
from reader.trace.store import StatementRow, TraceStore


def cluster_hex(cluster: int) -> str:
    return f"{cluster:012x}"


def parse_cluster_id(cluster_id: str) -> int | None:
    try:
        value = int(cluster_id, 16)
    except ValueError:
        return None
    return value if 0 <= value < 1 << 63 else None


def assemble(store: TraceStore, clusters: Iterable[int]) -> list[Cluster]:
    """The clusters with these ids, members of missing articles left out (in the given order;
    a cluster left with no member is dropped)."""
    wanted = list(dict.fromkeys(clusters))
    rows = store.statements_of_clusters(wanted)
    meta = store.article_meta({r.article_id for r in rows})
    rows = [r for r in rows if r.article_id in meta]
    texts = store.texts((r.article_id, r.start, r.end) for r in rows)
    people = store.people(meta)
    grouped: dict[int, list[StatementRow]] = defaultdict(list)
    for r in rows:
        grouped[r.cluster].append(r)
    out: list[Cluster] = []
    for cid in wanted:
        members = grouped.get(cid)
        if members:
            out.append(_cluster(cid, members, texts, meta, people))
    return out


def _statement(
    row: StatementRow,
    texts: dict[tuple[int, int, int], str],
    meta: dict[int, tuple[str | None, str | None, str | None]],
) -> Statement:
    date, outlet, title = meta[row.article_id]
    kind: Literal["quote", "claim"] = "quote" if row.kind == "quote" else "claim"
    return Statement(
        key=f"{row.article_id}:{row.start}:{row.end}:{row.kind}",
        kind=kind,
        article_id=row.article_id,
        start=row.start,
        end=row.end,
        text=texts.get((row.article_id, row.start, row.end), ""),
        speaker=row.speaker,
        date=date,
        outlet=outlet,
        title=title,
    )


def _order(s: Statement) -> tuple[bool, str, int, int, str]:
    return (s.date is None, s.date or "", s.article_id, s.start, s.kind)


def _cluster(
    cid: int,
    rows: list[StatementRow],
    texts: dict[tuple[int, int, int], str],
    meta: dict[int, tuple[str | None, str | None, str | None]],
    people: Mapping[int, frozenset[str]],
) -> Cluster:
    wording_of = {f"{r.article_id}:{r.start}:{r.end}:{r.kind}": r.wording for r in rows}
    members = sorted((_statement(r, texts, meta) for r in rows), key=_order)
    first = first_appearance(members)
    common = Counter(wording_of[m.key] for m in members)

    def popularity(m: Statement) -> int:
        return -common[wording_of[m.key]]

    pool = [m for m in members if m.key in first.keys] or members
    reference = min(pool, key=popularity)  # min() keeps the earliest of equals
    ref_words = T.words(reference.text)
    drift = tuple(
        Drift(m.key, tuple(DriftRun(*run) for run in T.diff_words(ref_words, T.words(m.text))))
        for m in members
    )
    speakers, flag = speaker_groups(members, people)
    articles = tuple(dict.fromkeys(m.article_id for m in members))
    outlets = tuple(dict.fromkeys(m.outlet for m in members if m.outlet))
    return Cluster(
        id=cluster_hex(cid),
        members=tuple(members),
        reference=reference.key,
        first=first,
        drift=drift,
        speaker_flag=flag,
        articles=articles,
        outlets=outlets,
        speakers=speakers,
    )


def first_appearance(members: list[Statement]) -> FirstAppearance:
    """The earliest stated date, and whether one article or several share it."""
    dated = [m for m in members if m.date]
    if not dated:
        return FirstAppearance("undated", None, (), len(members))
    earliest = min(m.date for m in dated if m.date)
    at = [m for m in dated if m.date == earliest]
    status: FirstStatus = "tied" if len({m.article_id for m in at}) > 1 else "earliest"
    return FirstAppearance(status, earliest, tuple(m.key for m in at), len(members) - len(dated))


def speaker_groups(
    members: list[Statement], people: Mapping[int, frozenset[str]]
) -> tuple[tuple[str, ...], SpeakerFlag | None]:
    """The distinct speakers (names compared loosely; roles, unknowns and speakers that are not
    a person or organisation of their article left out, as when linking), and a flag when there
    is more than one."""
    namer = T.Names()
    named = [
        (m, key)
        for m in members
        if m.speaker and (key := namer.speaker(m.speaker, people.get(m.article_id, frozenset())))
    ]
    if not named:
        return (), None
    keys = list(dict.fromkeys(key for _, key in named))
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(keys):
        for j in range(i):
            if T.same_speaker(a, keys[j]):
                parent[find(i)] = find(j)
    group_of = {key: find(i) for i, key in enumerate(keys)}
    spellings: dict[int, Counter[str]] = defaultdict(Counter)
    for m, key in named:
        if m.speaker:
            spellings[group_of[key]][m.speaker] += 1
    order = list(dict.fromkeys(group_of[key] for _, key in named))
    names = tuple(
        max(spellings[g].items(), key=lambda item: (item[1], len(item[0]), item[0]))[0]
        for g in order
    )
    if len(names) < 2:
        return names, None
    attributions = tuple(
        Attribution(m.speaker, m.key, m.article_id, m.outlet) for m, _ in named if m.speaker
    )
    return names, SpeakerFlag(names, attributions)
