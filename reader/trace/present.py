"""A statement's trail as a reader is told it, the same in the window, the command line and
the exports: where it was first seen (said plainly), one entry per place that carries it (an
article's quotation and the claim inside it are one place), each wording's changes against the
reference, and who the words are given to when that differs."""

from __future__ import annotations

from reader.trace.model import Cluster, Drift, SpeakerFlag, Statement
from reader.wording import count


def first_said(cluster: Cluster) -> str:
    """'In 4 articles, 3 outlets. First on 2023-02-20.' (or why the first cannot be told)."""
    first = cluster.first
    reach = f"In {count(cluster.n_articles, 'article')}, {count(cluster.n_outlets, 'outlet')}"
    if first.status == "earliest":
        return f"{reach}. First on {first.date}."
    if first.status == "tied":
        return f"{reach}. First on {first.date}, in {len(first.keys)} articles the same day."
    return f"{reach}. No article gives a date: which came first cannot be told."


def first_articles(cluster: Cluster) -> set[int]:
    """The articles of the first appearance (several when tied; none when nothing is dated)."""
    found = (cluster.member(k) for k in cluster.first.keys)
    return {m.article_id for m in found if m is not None}


def places(cluster: Cluster) -> list[Statement]:
    """One statement per place, in the cluster's order (by date): where an article has a
    quotation and a claim over the same words, the quotation (it has the speaker)."""
    kept: list[Statement] = []
    for m in sorted(cluster.members, key=lambda m: m.kind != "quote"):
        if not any(
            k.article_id == m.article_id and k.start < m.end and m.start < k.end for k in kept
        ):
            kept.append(m)
    rank = {m.key: n for n, m in enumerate(cluster.members)}
    return sorted(kept, key=lambda m: rank[m.key])


def drift_of(cluster: Cluster, member: Statement) -> Drift | None:
    """The member's changes against the reference wording (``None`` for the reference or an
    unchanged wording)."""
    if member.key == cluster.reference:
        return None
    found = next((d for d in cluster.drift if d.key == member.key), None)
    return found if found is not None and found.changed else None


#: A wording in runs: (op, words, was) with op "equal", "insert", "delete" or "replace" (then
#: ``was`` holds the reference's words it stands for).
Parts = tuple[tuple[str, str, str], ...]


def drift_parts(cluster: Cluster, member: Statement) -> Parts:
    """The member's words in runs against the reference, for each front end to mark its own
    way (brackets in text, <ins>/<del> in a report, colours in the window) — never by parsing
    another's marks back."""
    drift = drift_of(cluster, member)
    if drift is None:
        return (("equal", " ".join(member.text.split()), ""),)
    return tuple((run.op, " ".join(run.words), " ".join(run.was)) for run in drift.runs)


def drift_text(cluster: Cluster, member: Statement) -> str:
    """The member's words, its changes marked as ``[+added]`` and ``[-removed]``."""
    marks = {"insert": "[+{0}]", "delete": "[-{0}]", "replace": "[-{1}][+{0}]"}
    return " ".join(
        marks.get(op, "{0}").format(words, was) for op, words, was in drift_parts(cluster, member)
    )


def who_says(flag: SpeakerFlag) -> str:
    """'Reuters, BBC News and Xinhua give it to Wang Yi; Global Times gives it to Qin Gang.'"""
    outlets: dict[str, list[str]] = {}
    for a in flag.attributions:
        names = outlets.setdefault(a.speaker, [])
        outlet = a.outlet or "an outlet not named"
        if outlet not in names:
            names.append(outlet)
    parts = []
    for speaker, names in outlets.items():
        said = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        verb = "gives" if len(names) == 1 else "give"
        parts.append(f"{said} {verb} it to {speaker}")
    return "; ".join(parts) + "."


def nearest(clusters: list[Cluster], article_id: int, start: int, end: int) -> Cluster | None:
    """Of an article's clusters, the one whose statement there overlaps ``start:end`` most (a
    reader's selection rarely matches a statement's bounds)."""
    best, most = None, 0
    for cluster in clusters:
        for m in cluster.members:
            if m.article_id == article_id:
                overlap = min(end, m.end) - max(start, m.start)
                if overlap > most:
                    best, most = cluster, overlap
    return best
