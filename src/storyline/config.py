"""One immutable configuration: packaged defaults, then a user TOML file, then environment.

A TOML file mirrors the sections below::

    [cluster]
    event_window_days = 3

Environment variables override single values: ``STORYLINE_CLUSTER__EVENT_WINDOW_DAYS=5``.
The file is taken from ``--config`` or ``STORYLINE_CONFIG``.
"""

from __future__ import annotations

import codecs
import dataclasses
import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from storyline.errors import ConfigError
from storyline.export.escape import quote_name

ENV_PREFIX = "STORYLINE_"


@dataclass(frozen=True, slots=True)
class IngestConfig:
    max_file_mb: float = 20.0  # text and HTML files above this are skipped (JSONL is streamed)
    max_line_mb: float = 5.0  # a JSONL line above this is skipped
    fallback_encodings: tuple[str, ...] = ("cp1251", "koi8-r", "latin-1")
    batch_size: int = 500  # articles stored per transaction
    # per-article limits, applied before cleaning (storyline.ingest.guards); each cut is noted
    max_text_chars: int = 100_000  # longer texts are cut at a paragraph, sentence or word boundary
    max_line_chars: int = 20_000  # longer lines are split at sentence or word boundaries
    max_field_chars: int = 2_000  # title, source, url, language are cut; a longer id is refused
    min_year: int = 1990  # publication dates before this year (or after the day of ingest) are dropped


@dataclass(frozen=True, slots=True)
class CleanConfig:
    # a line seen in at least this many other articles of the same outlet is boilerplate
    repeated_line_min_docs: int = 2
    # a line is an outlet's standing line (a note whose last words change) when its first 8 or 12
    # words (at least template_min_words of the counted 5, 8, 12) start lines of at least
    # template_min_docs other articles of the outlet and make at least template_share of its words
    # (clean/templates.py); news of a kind an outlet reports often shares 5 to 7 ("Банк России
    # отозвал лицензию у …")
    template_min_docs: int = 3
    template_min_words: int = 8
    template_share: float = 0.6
    # a line of at most this many words that reads as a notice of the site is dropped (clean/notices.py)
    notice_max_words: int = 30
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
    # a directory where prepared articles are kept and reused by content ("": no cache; see prepcache.py)
    cache_dir: str = ""


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
    """Events into stories, stories into topics (storyline.stories.link).

    How the values were chosen (leave one bsnlp topic out, scripts/tune_stories.py): docs/stories.md.
    """

    window_days: int = 60  # stored events this close to the new ones are read for linking
    key_chars: int = 3000  # text read per article for name and word keys
    vector_weight: float = 0.3  # profile blocks: language-centred sentence vector,
    name_weight: float = 0.2  # name keys,
    word_weight: float = 0.5  # and word keys (weights of the three cosines)
    # an event's vector is centred on the reference mean of its language, which counts this many
    # documents' worth of the mean of all languages (stories.profile.ProfileStats.mean)
    language_prior: float = 0.0
    # stories: an event joins the most alike open story (cosine to its centroid) at join_threshold
    join_threshold: float = 0.3
    quiet_days: int = 21  # a story whose last event is older than this is closed to new events
    span_days: int = 30  # ... and one whose first event is older than this
    # topics: a new story joins the most alike topic (cosine to its centroid) at topic_threshold
    topic_threshold: float = 0.15
    topic_gap_days: int = 365  # a topic quiet for longer than this takes no new story
    topic_merge_threshold: float = 0.3  # two topics this alike merge
    small_topic_articles: int = 20  # a topic this small attaches to a larger one at attach_threshold
    attach_threshold: float = 0.1


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
    # a happening dated more than this many days before the story's first article is background: it is
    # shown only when at least background_articles articles date it ("100 лет назад" in one article
    # does not stretch a week-long story's axis back to 1921)
    background_days: int = 365
    background_articles: int = 2
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


@dataclass(frozen=True, slots=True)
class WebConfig:
    """``storyline serve`` (storyline.web) and ``storyline feeds`` (storyline.ingest.feeds)."""

    host: str = "127.0.0.1"  # loopback unless asked otherwise
    port: int = 8080
    workers: int = 1  # server processes
    token: str = ""  # bearer token for writes; $STORYLINE_API_TOKEN wins; empty: writes are refused
    max_request_mb: float = 20.0  # a POST body above this is answered 413
    page_size: int = 20  # stories per page (API default and front page)
    max_page_size: int = 200
    story_articles: int = 10  # articles a story page shows with their text (the others by title)
    story_list: int = 50  # latest events and articles, conflicts and quotes a story page lists
    poll_seconds: float = 1.0  # how often the service looks for stories changed by any writer
    # feeds: HTTP timeout, retries with exponential backoff, seconds between requests to one host
    feed_timeout: float = 15.0
    feed_retries: int = 3
    feed_backoff: float = 1.0
    feed_host_interval: float = 1.0
    feed_interval: float = 300.0  # seconds between polls of the feeds
    user_agent: str = "storyline/0.2 (news feed reader)"


@dataclass(frozen=True, slots=True)
class DistributedConfig:
    """The Ray engine (``storyline run --engine ray``; the ``distributed`` extra)."""

    actors: int = 0  # annotation actors (each holds its own models); 0: one per CPU of the cluster
    slice_articles: int = 5000  # waiting articles per slice planned in parallel (at least 4 event windows
    # wide); consecutive slices of at most cluster.update_batch articles are linked and written together
    view_tasks: int = 0  # 1: story views in the story step's process; else as Ray tasks (0: auto)


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
    web: WebConfig = field(default_factory=WebConfig)


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
        if isinstance(like, int | float) and isinstance(value, bool):
            raise ValueError(value)  # TOML true is not a number
        if isinstance(like, int):
            if isinstance(value, float) and not value.is_integer():
                raise ValueError(value)  # 2.7 is not silently 2
            return int(value)
        if isinstance(like, float):
            return float(value)
        if isinstance(like, tuple):
            items = value.split(",") if isinstance(value, str) else list(value)
            return tuple(str(i).strip() for i in items)
        return str(value)
    except (TypeError, ValueError, OverflowError) as exc:
        expected = (
            "whole number" if isinstance(like, int) and not isinstance(like, bool) else type(like).__name__
        )
        raise ConfigError(f"{where}: cannot use {value!r} (expected {expected})") from exc


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
        name = quote_name(file)
        try:
            text = file.read_text(encoding="utf-8")
            if "\x00" in text:  # UTF-16 without a byte-order mark reads as UTF-8 with NULs
                raise ConfigError(f"{name}: a config file must be UTF-8 text (it holds NUL characters)")
            data = tomllib.loads(text)
        except OSError as exc:
            raise ConfigError(f"{name}: cannot read config ({exc.strerror or exc})") from exc
        except UnicodeDecodeError as exc:
            raise ConfigError(
                f"{name}: a config file must be UTF-8 text ({exc.reason} at byte {exc.start})"
            ) from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{name}: invalid TOML ({exc})") from exc
        config = apply(config, data, name)
    return validate(apply(config, _env_values(env), "environment"))


# ------------------------------------------------------------------ validation
# Every setting has a declared range, checked once after defaults ⊕ file ⊕ environment; floats must
# also be finite. (low, high) are inclusive; a whole-number setting must be an int.
COUNT = (1, 1_000_000_000)  # a positive whole number
NONNEGATIVE = (0, 1_000_000_000)
SHARE = (0.0, 1.0)  # a share, probability or cosine
WEIGHT = (0.0, 1_000_000.0)
DAYS = (0, 3650)  # a window in days (ten years: dates further apart overflow nothing, but mean nothing)

RANGES: dict[tuple[str, str], tuple[float, float]] = {
    ("ingest", "max_file_mb"): (0.001, 10_000.0),
    ("ingest", "max_line_mb"): (0.001, 10_000.0),
    ("ingest", "batch_size"): (1, 100_000),
    ("ingest", "max_text_chars"): (100, 100_000_000),
    ("ingest", "max_line_chars"): (100, 100_000_000),
    ("ingest", "max_field_chars"): (10, 1_000_000),
    ("ingest", "min_year"): (1, 9999),
    **{("clean", k): COUNT for k in ("repeated_line_min_docs", "short_line_words", "prose_min_words")},
    **{("clean", k): COUNT for k in ("prose_cap_words", "long_line_words", "list_window", "list_min_lines")},
    **{("clean", k): COUNT for k in ("teaser_max_words", "caption_prefix_words", "title_min_words")},
    **{("clean", k): COUNT for k in ("title_max_words", "standfirst_min_words")},
    **{("clean", k): COUNT for k in ("template_min_docs", "template_min_words", "notice_max_words")},
    ("clean", "template_share"): SHARE,
    **{("clean", k): NONNEGATIVE for k in ("table_head_lines", "near_block_gap", "title_window")},
    **{
        ("clean", k): SHARE
        for k in ("table_share", "list_share", "side_block_share", "side_block_share_before")
    },
    **{("clean", k): WEIGHT for k in ("short_sentence_value", "gap_penalty", "table_value", "item_value")},
    **{("clean", k): WEIGHT for k in ("side_block_min", "near_block_min")},
    ("annotate", "workers"): (0, 1024),  # 0: one per CPU core
    ("annotate", "chunk_size"): (1, 100_000),
    ("annotate", "min_parallel"): NONNEGATIVE,
    ("cluster", "event_window_days"): DAYS,
    ("cluster", "undated_neighbours"): NONNEGATIVE,
    ("cluster", "event_probability"): SHARE,  # 0: the scorer's cross-validated threshold
    ("cluster", "event_candidates"): (1, 10_000),
    ("cluster", "event_min_cosine"): (-1.0, 1.0),
    ("cluster", "event_exact_limit"): NONNEGATIVE,
    ("cluster", "event_hnsw_m"): (2, 1024),
    ("cluster", "event_ef_search"): (1, 100_000),
    ("cluster", "update_batch"): (1, 100_000_000),
    ("views", "max_article_chars"): COUNT,
    ("views", "entry_chars"): (10, 1_000_000),
    ("views", "summary_sentences"): (3, 6),
    ("views", "fill_window"): DAYS,
    **{
        ("views", k): COUNT
        for k in (
            "max_entries",
            "per_date",
            "background_days",
            "background_articles",
            "min_sentence_words",
            "max_sentence_words",
            "boilerplate_articles",
        )
    },
    **{("views", k): COUNT for k in ("story_view_articles", "summary_pool", "max_facts", "same_day_names")},
    **{("views", k): NONNEGATIVE for k in ("lead_sentences", "candidate_heads", "candidate_leads")},
    **{
        ("views", k): SHARE
        for k in ("merge_threshold", "same_day_cosine", "min_relevance", "day_min_relevance")
    },
    **{("views", k): SHARE for k in ("sentence_redundancy", "redundancy", "cite_threshold")},
    **{
        ("views", k): WEIGHT
        for k in ("day_text_weight", "day_later_weight", "day_published_weight", "day_next_weight")
    },
    **{("views", k): WEIGHT for k in ("head_bonus", "dated_bonus", "topic_weight")},
    ("stories", "window_days"): DAYS,
    ("stories", "key_chars"): COUNT,
    **{("stories", k): WEIGHT for k in ("vector_weight", "name_weight", "word_weight", "language_prior")},
    **{("stories", k): DAYS for k in ("quiet_days", "span_days", "topic_gap_days")},
    ("stories", "small_topic_articles"): NONNEGATIVE,
    **{
        ("stories", k): (-1.0, 1.0)
        for k in ("join_threshold", "topic_threshold", "topic_merge_threshold", "attach_threshold")
    },
    ("web", "port"): (1, 65535),
    ("web", "workers"): (1, 64),
    ("web", "max_request_mb"): (0.001, 10_000.0),
    ("web", "page_size"): (1, 10_000),
    ("web", "max_page_size"): (1, 100_000),
    ("web", "story_articles"): NONNEGATIVE,
    ("web", "story_list"): COUNT,
    ("web", "poll_seconds"): (0.05, 3600.0),
    ("web", "feed_timeout"): (0.1, 3600.0),
    ("web", "feed_retries"): (0, 100),
    ("web", "feed_backoff"): (0.0, 3600.0),
    ("web", "feed_host_interval"): (0.0, 3600.0),
    ("web", "feed_interval"): (1.0, 86_400.0),
    ("distributed", "actors"): (0, 4096),  # 0: one per CPU of the cluster
    ("distributed", "slice_articles"): (1, 10_000_000),
    ("distributed", "view_tasks"): (0, 4096),  # 0: one per CPU
    ("dedup", "num_perm"): (2, 4096),
    ("dedup", "band_rows"): (1, 4096),
    **{("dedup", k): COUNT for k in ("shingle_words", "short_words", "shingle_chars", "max_chars")},
    **{("dedup", k): SHARE for k in ("jaccard", "containment", "min_containment_jaccard")},
}

ENCODING_LISTS = {("ingest", "fallback_encodings")}  # each a known text codec

# settings that name one of a few choices
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("annotate", "executor"): ("process", "serial"),
    ("annotate", "start_method"): ("forkserver", "spawn", "fork"),
}

# settings that must not exceed another one: (section, key, the other key)
NOT_ABOVE = (
    ("dedup", "band_rows", "num_perm"),
    ("clean", "title_min_words", "title_max_words"),
    ("clean", "prose_min_words", "prose_cap_words"),
    ("views", "min_sentence_words", "max_sentence_words"),
    ("web", "page_size", "max_page_size"),
)


def _range_text(low: float, high: float, whole: bool) -> str:
    kind = "a whole number" if whole else "a finite number"
    return f"{kind} from {low:g} to {high:g}"


def _violation(section: str, key: str, value: Any) -> str | None:
    """Why ``section.key = value`` is not allowed, or None."""
    where = f"setting {section}.{key} = {value!r}"
    if (section, key) in ENCODING_LISTS:
        for name in value:
            try:
                known = codecs.lookup(name)._is_text_encoding
            except (LookupError, TypeError, ValueError):
                known = False
            if not known:
                return f"{where}: {name!r} is not a known text encoding (e.g. cp1251, koi8-r, latin-1)"
        return None
    if (section, key) in CHOICES:
        allowed = CHOICES[(section, key)]
        return None if value in allowed else f"{where}: not allowed (allowed: {', '.join(allowed)})"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    whole = isinstance(value, int)
    low, high = RANGES.get((section, key), (-math.inf, math.inf))
    if not math.isfinite(value) or not low <= value <= high:
        return f"{where}: not allowed (allowed: {_range_text(low, high, whole)})"
    return None


def violations(config: Config) -> list[str]:
    """Every setting outside its declared range, one line each."""
    found: list[str] = []
    for section in fields(config):
        values = getattr(config, section.name)
        for item in fields(values):
            problem = _violation(section.name, item.name, getattr(values, item.name))
            if problem:
                found.append(problem)
    for section_name, key, other in NOT_ABOVE:
        values = getattr(config, section_name)
        if any(f"setting {section_name}.{k} =" in line for line in found for k in (key, other)):
            continue  # one of the two is out of its own range already
        if getattr(values, key) > getattr(values, other):
            found.append(
                f"setting {section_name}.{key} = {getattr(values, key)!r}: not allowed "
                f"(at most {section_name}.{other} = {getattr(values, other)!r})"
            )
    return found


def validate(config: Config) -> Config:
    """``config`` when every setting is in its range; else ``ConfigError`` with one line per violation."""
    found = violations(config)
    if found:
        raise ConfigError("\n".join(found))
    return config
