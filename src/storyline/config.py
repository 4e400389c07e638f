"""One immutable configuration: packaged defaults, then a user TOML file, then environment.

A TOML file mirrors the sections below::

    [cluster]
    event_window_days = 3

Environment variables override single values: ``STORYLINE_CLUSTER__EVENT_WINDOW_DAYS=5``.
The file is taken from ``--config`` or ``STORYLINE_CONFIG``.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from storyline.errors import ConfigError

ENV_PREFIX = "STORYLINE_"


@dataclass(frozen=True, slots=True)
class IngestConfig:
    max_file_mb: float = 20.0  # text and HTML files above this are skipped (JSONL is streamed)
    max_line_mb: float = 5.0  # a JSONL line above this is skipped
    fallback_encodings: tuple[str, ...] = ("cp1251", "koi8-r", "latin-1")
    batch_size: int = 500  # articles stored per transaction


@dataclass(frozen=True, slots=True)
class CleanConfig:
    # a line seen in at least this many other articles of the same outlet is boilerplate
    repeated_line_min_docs: int = 2
    # lines at most this long (in words) with no sentence punctuation count as "short"
    short_line_words: int = 6
    # body value of a line (the main block is the run with the largest sum of values):
    # a punctuated line of at least prose_min_words words is prose; its value grows with length
    prose_min_words: int = 8
    prose_cap_words: int = 60
    # an unpunctuated line this long still counts as text
    long_line_words: int = 15
    # value of a short sentence (three words or more)
    short_sentence_value: float = 0.2
    # value of a short unpunctuated line (menus, rubrics, teasers) is -gap_penalty
    gap_penalty: float = 0.8
    # a line shorter than long_line_words is a table cell (worth table_value) or a list item (worth
    # item_value) when, of the such lines within list_window lines of it (at least list_min_lines),
    # at least table_share are numbers or at least list_share are list items
    list_window: int = 5
    list_min_lines: int = 4
    table_share: float = 0.25
    list_share: float = 0.4
    table_value: float = 0.2
    item_value: float = 0.2
    # up to this many one-to-three-word lines right above a table's rows are its header cells
    table_head_lines: int = 12
    # another run outside the main block is body too when its value is at least this share of the
    # main block's value (and at least side_block_min)
    side_block_share: float = 0.6
    side_block_share_before: float = 0.05  # the same for runs before the main block
    side_block_min: float = 2.0
    # a run worth at least near_block_min within near_block_gap lines of the body is body too
    near_block_gap: int = 8
    near_block_min: float = 0.5
    # a teaser headline (followed by a rubric line) has at most this many words
    teaser_max_words: int = 20
    # an uncredited caption starts with this many words like a credited caption on the page
    caption_prefix_words: int = 5
    # the title is the nearest headline-shaped line of this many words above the body
    title_min_words: int = 3
    title_max_words: int = 24
    title_window: int = 12  # lines above the body searched for the title
    # a line of at least this many words between the title and the body is a subtitle (kept)
    standfirst_min_words: int = 6


@dataclass(frozen=True, slots=True)
class AnnotateConfig:
    workers: int = 0  # 0: one per CPU core
    chunk_size: int = 16  # articles per task sent to a worker process
    min_parallel: int = 24  # fewer new articles than this are annotated in-process
    executor: str = "process"  # "process": worker processes when there is enough work; "serial"
    start_method: str = "forkserver"  # how worker processes start ("forkserver", "spawn", "fork")


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    event_window_days: int = 3  # articles further apart than this are never one event
    update_batch: int = 50_000  # waiting articles planned and applied together (bounds an update's memory)
    # undated articles are compared with everything; only the latest this many stored ones are neighbours
    undated_neighbours: int = 5000
    # same-event probability (pair scorer) to link two articles; 0: the scorer's cross-validated threshold
    event_probability: float = 0.0
    event_candidates: int = 10  # nearest neighbours (document vectors) per article within its window
    event_min_cosine: float = 0.5  # neighbours less similar than this are never scored
    event_exact_limit: int = 4000  # days with up to this many articles are searched exactly, else HNSW
    event_hnsw_m: int = 32
    event_ef_search: int = 64


@dataclass(frozen=True, slots=True)
class StoryConfig:
    """Events into stories (storyline.stories).

    Values: the setting with the best mean B-cubed F1 over the leave-one-topic-out subsets of bsnlp
    (each of five topics left out in turn; scripts/tune_stories.py); four of the five subsets
    choose it on their own.
    """

    window_days: int = 60  # stored events this close to the new ones are the candidates
    key_chars: int = 3000  # text read per article for name and word keys
    vector_weight: float = 0.3  # profile blocks: language-centred sentence vector,
    name_weight: float = 0.2  # name keys,
    word_weight: float = 0.5  # and word keys (weights of the three cosines)
    language_shrink: float = 20.0  # a language's mean vector is sum / (events + language_shrink)
    idf_prior: float = 20.0  # idf = log((events + idf_prior) / (events with the key + 1))
    min_key_events: int = 2  # keys seen in fewer events are ignored
    join_neighbours: int = 10  # nearest earlier events that vote on the story of a new one
    join_threshold: float = 0.2
    merge_neighbours: int = 10  # nearest story profiles a touched story is compared with
    merge_threshold: float = 0.35
    merge_min_events: int = 12  # a story with fewer events is merged at attach_threshold instead
    attach_threshold: float = 0.1
    merge_rounds: int = 5


@dataclass(frozen=True, slots=True)
class DedupConfig:
    """Near-duplicate articles (storyline.dedup): MinHash over shingles, LSH bands in the store."""

    num_perm: int = 128
    band_rows: int = 2  # rows per LSH band (num_perm / band_rows bands)
    shingle_words: int = 3  # word n-grams; texts under short_words words use character n-grams
    short_words: int = 40
    shingle_chars: int = 5
    max_chars: int = 20_000  # text read per article
    jaccard: float = 0.5  # estimated Jaccard that makes two articles copies
    containment: float = 0.8  # or: this much of the shorter text is in the longer one
    min_containment_jaccard: float = 0.15  # and the Jaccard is at least this


@dataclass(frozen=True, slots=True)
class ViewConfig:
    """Story pages: timeline, summaries, outlet comparison, ranking."""

    lead_sentences: int = 2  # sentences of each article's lead dated by its publication day
    max_article_chars: int = 100_000  # longer texts are crawl artifacts: only this much is read
    merge_threshold: float = 0.3  # term cosine for two mentions to be one happening / one fact
    # two happenings of one date that name the same (at least same_day_names) people or organisations
    # and share some words (term cosine >= same_day_cosine) are one happening
    same_day_names: int = 2
    same_day_cosine: float = 0.15
    min_relevance: float = 0.05  # a happening less like the whole story than this is off-topic
    entry_chars: int = 220  # a timeline entry's statement is cut to this length
    max_entries: int = 30  # timeline entries per story
    per_date: int = 2  # timeline entries per date
    # fixed-size timelines (storyline.views.timeline.fixed; how each was chosen: docs/story-pages.md)
    day_text_weight: float = 1.0  # day score: log(1 + articles dating the day in the text) times this
    day_later_weight: float = 0.5  # ... of which published after the day
    day_published_weight: float = 0.5  # ... articles published that day
    day_next_weight: float = 0.3  # ... articles published the next day
    day_min_relevance: float = 0.03  # a dated sentence less like the story (tf-idf cosine) does not count
    candidate_heads: int = 3  # title and standfirst lines among an article's first lines
    candidate_leads: int = 2  # first undated statements of articles published that day or the next
    head_bonus: float = 2.0  # sentence score bonus for a title/standfirst line
    dated_bonus: float = 1.0  # ... for a sentence that dates the day
    topic_weight: float = 1.0  # ... times the cosine to the whole story
    sentence_redundancy: float = 0.5  # a sentence this like one kept for the day is skipped
    min_sentence_words: int = 8  # shorter lines are captions and fragments
    max_sentence_words: int = 80  # longer "sentences" are run-on crawl text
    boilerplate_articles: int = 3  # a line found word for word in this many articles is boilerplate
    fill_window: int = 60  # too few dated days: days up to this many days before a publication are filled
    summary_sentences: int = 5  # 3..6 sentences per summary
    # a story's timeline, summary, conflicts and quotes read at most this many articles (spread over events)
    story_view_articles: int = 600
    redundancy: float = 0.45  # a summary sentence this like an earlier one says the same thing
    cite_threshold: float = 0.35  # an article whose sentence is this like a summary sentence is cited
    summary_pool: int = 300  # most central sentences considered for a summary
    max_facts: int = 12  # facts in the outlet table
    outlets_weight: float = 2.0  # ranking: log(1 + distinct outlets)
    articles_weight: float = 1.0  # ranking: log(1 + articles)
    growth_weight: float = 1.0  # ranking: log(1 + articles of the story's last growth_days days)
    growth_days: int = 2
    recency_days: float = 7.0  # ranking: a story this many days newer gains +1


@dataclass(frozen=True, slots=True)
class DistributedConfig:
    """The Ray engine (``storyline run --engine ray``; the ``distributed`` extra)."""

    actors: int = 0  # annotation actors (each holds its own models); 0: one per CPU of the cluster
    slice_articles: int = 5000  # waiting articles per slice planned in parallel (at least 4 event windows
    # wide); consecutive slices of at most cluster.update_batch articles are linked and written together
    view_tasks: int = 0  # story views of one partition computed in this many tasks; 0: one per CPU


@dataclass(frozen=True, slots=True)
class Config:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)
    annotate: AnnotateConfig = field(default_factory=AnnotateConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    views: ViewConfig = field(default_factory=ViewConfig)
    stories: StoryConfig = field(default_factory=StoryConfig)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    distributed: DistributedConfig = field(default_factory=DistributedConfig)


T = TypeVar("T")


def _coerce(value: Any, like: Any, where: str) -> Any:
    """Convert a TOML or environment value to the type of the default ``like``."""
    try:
        if isinstance(like, bool):
            if isinstance(value, str):
                if value.lower() in {"1", "true", "yes", "on"}:
                    return True
                if value.lower() in {"0", "false", "no", "off"}:
                    return False
                raise ValueError(value)
            return bool(value)
        if isinstance(like, int):
            return int(value)
        if isinstance(like, float):
            return float(value)
        if isinstance(like, tuple):
            items = value.split(",") if isinstance(value, str) else list(value)
            return tuple(str(i).strip() for i in items)
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: cannot use {value!r} (expected {type(like).__name__})") from exc


def _override(section: T, values: Mapping[str, Any], where: str) -> T:
    known = {f.name for f in fields(section)}  # type: ignore[arg-type]
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"{where}: unknown setting {key!r} (known: {', '.join(sorted(known))})")
        changes[key] = _coerce(value, getattr(section, key), f"{where}.{key}")
    return dataclasses.replace(section, **changes)  # type: ignore[type-var]


def apply(config: Config, values: Mapping[str, Mapping[str, Any]], where: str) -> Config:
    """Return ``config`` with ``{section: {key: value}}`` overrides applied."""
    changes: dict[str, Any] = {}
    sections = {f.name for f in fields(config)}
    for name, body in values.items():
        if name not in sections:
            raise ConfigError(f"{where}: unknown section [{name}] (known: {', '.join(sorted(sections))})")
        if not isinstance(body, Mapping):
            raise ConfigError(f"{where}: [{name}] must be a table")
        changes[name] = _override(getattr(config, name), body, f"{where}: [{name}]")
    return dataclasses.replace(config, **changes)


def _env_values(environ: Mapping[str, str]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for key, value in environ.items():
        if not key.startswith(ENV_PREFIX) or "__" not in key:
            continue
        section, _, name = key[len(ENV_PREFIX) :].lower().partition("__")
        out.setdefault(section, {})[name] = value
    return out


def load(path: str | Path | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Defaults ⊕ TOML file (``path`` or ``$STORYLINE_CONFIG``) ⊕ ``STORYLINE_SECTION__KEY`` variables."""
    env = os.environ if environ is None else environ
    config = Config()
    path = path or env.get("STORYLINE_CONFIG")
    if path:
        file = Path(path)
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"{file}: cannot read config ({exc.strerror})") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{file}: invalid TOML ({exc})") from exc
        config = apply(config, data, str(file))
    return apply(config, _env_values(env), "environment")
