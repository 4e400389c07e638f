"""Command line: a thin shell over ``storyline.engine`` and ``storyline.evaluate``.

Exit codes: 0 done; 1 error; 2 bad usage; 3 done, but some input was skipped or needed a
fallback (each reported on stderr); 130 interrupted (the database keeps what was committed).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from pathlib import Path
from typing import Any

from storyline import config as config_mod
from storyline.errors import InputProblem, StorylineError
from storyline.export.escape import quote_name

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PARTIAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class _Formatter(argparse.RawDescriptionHelpFormatter):
    pass


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="storyline",
        description="Raw news articles in; events, storylines, timelines and cited summaries out.",
        formatter_class=_Formatter,
        epilog="example:\n  storyline run examples/seeds\n  storyline stories\n  storyline story st-<id>",
    )
    p.add_argument("--config", metavar="FILE", help="TOML config file (default: $STORYLINE_CONFIG)")
    p.add_argument("-v", "--verbose", action="count", default=0, help="more log output on stderr")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser(
        "run",
        formatter_class=_Formatter,
        help="ingest files and directories, group into events and stories, write outputs",
        description="Read articles (seed text, JSONL, HTML, or directories of them), store them, group them "
        "into events and stories, and write stories.json, stories.md and report.html.\n"
        "Running again with more input adds to the same database; ids stay stable.",
        epilog="examples:\n  storyline run examples/seeds\n"
        "  storyline run feed.jsonl pages/ --db news.db --out site/\n"
        "  storyline run examples/seeds --json -     # JSON on stdout, nothing else\n"
        "  storyline run archive/ --engine ray --db postgresql://user@host/news",
    )
    run.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
    _db_option(run)
    run.add_argument("--out", help="output directory (default: ./out; with --json -, no files unless given)")
    run.add_argument("--json", metavar="FILE", help="also write the JSON payload to FILE ('-' = stdout only)")
    run.add_argument(
        "--all", action="store_true", help="export every story (default: the stories this run touched)"
    )
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    run.add_argument(
        "--engine",
        choices=["serial", "ray"],
        default="serial",
        help="serial: this machine (worker processes); ray: a Ray cluster or a local Ray runtime "
        "(the 'distributed' extra; see docs/distributed.md) (default: %(default)s)",
    )
    run.add_argument(
        "--ray-address",
        metavar="auto|HOST:PORT",
        help="with --engine ray: the Ray cluster to use (default: start a local runtime with every core)",
    )

    stories = sub.add_parser(
        "stories",
        formatter_class=_Formatter,
        help="list stories, most important first",
        description="List stories, most important first (score: distinct outlets, articles, growth and "
        "recency): id, score, first and last date, counts of events, articles and outlets, title.",
        epilog="example:\n  storyline stories --db news.db --limit 20 --since 2025-10-01",
    )
    _db_option(stories)
    stories.add_argument("--limit", type=int, default=50, help="stories per page (default: %(default)s)")
    stories.add_argument("--offset", type=int, default=0, help="skip this many (default: %(default)s)")
    stories.add_argument("--since", metavar="DAY", help="stories that last until at least DAY (YYYY-MM-DD)")
    stories.add_argument("--until", metavar="DAY", help="stories that start on or before DAY (YYYY-MM-DD)")
    stories.add_argument("--query", "-q", metavar="TEXT", help="stories whose title contains TEXT")
    stories.add_argument("--topic", metavar="ID", help="the stories of one topic")
    stories.add_argument("--json", action="store_true", help="print JSON instead of a table")

    topics = sub.add_parser(
        "topics",
        formatter_class=_Formatter,
        help="list topics (long-running subjects that hold stories), most important first",
        description="List topics, most important first: id, first and last date, counts of stories, "
        "articles and outlets, title, and why it ranks there.",
        epilog="example:\n  storyline topics --db news.db --limit 10",
    )
    _db_option(topics)
    topics.add_argument("--limit", type=int, default=50, help="topics per page (default: %(default)s)")
    topics.add_argument("--offset", type=int, default=0, help="skip this many (default: %(default)s)")
    topics.add_argument("--query", "-q", metavar="TEXT", help="topics whose title contains TEXT")
    topics.add_argument("--json", action="store_true", help="print JSON instead of a table")

    topic = sub.add_parser(
        "topic",
        formatter_class=_Formatter,
        help="show one topic: its stories, most important first",
        description="Show one topic and its stories (an id from 'storyline topics'; merged ids redirect).",
        epilog="example:\n  storyline topic tp-1a2b3c4d5e6f",
    )
    topic.add_argument("id", help="topic id")
    _db_option(topic)
    topic.add_argument("--limit", type=int, default=30, help="stories shown (default: %(default)s)")
    topic.add_argument("--json", action="store_true", help="print the topic page as JSON")

    story = sub.add_parser(
        "story",
        formatter_class=_Formatter,
        help="show one story: events, timeline, articles",
        description="Show one story in the terminal (an id from 'storyline stories'; merged ids redirect).",
        epilog="example:\n  storyline story st-1a2b3c4d5e6f",
    )
    story.add_argument("id", help="story id")
    _db_option(story)
    story.add_argument("--json", action="store_true", help="print the story's JSON payload")
    story.add_argument(
        "--full", action="store_true", help="every row of every section (default: about a screen each)"
    )

    serve = sub.add_parser(
        "serve",
        formatter_class=_Formatter,
        help="run the web app and the REST API over a database",
        description="Serve the web app (story pages, search, entities; live updates) and the REST API "
        "(/api/v1, reference at /docs) over a database. Reads are public; writes (POST /api/v1/articles) "
        "need the bearer token from $STORYLINE_API_TOKEN or token in the [web] section of the config.\n"
        "Binds to 127.0.0.1 unless --host says otherwise. Needs the web extra: pip install 'storyline[web]'.",
        epilog="examples:\n  storyline serve --db out/storyline.db\n"
        "  STORYLINE_API_TOKEN=s3cret storyline serve --db news.db --port 9000",
    )
    _db_option(serve)
    serve.add_argument("--host", help="address to bind (default: web.host, 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default: web.port, 8080)")
    serve.add_argument("--workers", type=int, help="server processes (default: web.workers, 1)")

    watch = sub.add_parser(
        "watch",
        formatter_class=_Formatter,
        help="ingest files dropped into a folder, as they appear",
        description="Watch DIR (and its subfolders) for new and changed files (seed text, JSONL, HTML) and "
        "ingest each once it has stopped changing, then update events and stories. What was ingested is "
        "remembered in DIR/.storyline-watch.json, so a restart reads only what is new. Ctrl-C stops.",
        epilog="example:\n  storyline watch incoming/ --db news.db",
    )
    watch.add_argument("dir", metavar="DIR", help="folder to watch")
    _db_option(watch)
    watch.add_argument(
        "--interval", type=float, default=2.0, help="seconds between scans (default: %(default)s)"
    )
    watch.add_argument(
        "--settle", type=float, default=1.0, help="a file unchanged this long is read (default: %(default)s)"
    )
    watch.add_argument("--state", metavar="FILE", help="state file (default: DIR/.storyline-watch.json)")
    watch.add_argument("--once", action="store_true", help="ingest what is there and stop")

    feeds = sub.add_parser(
        "feeds",
        formatter_class=_Formatter,
        help="poll RSS/Atom feeds and ingest their new items",
        description="Poll the RSS/Atom feeds listed in FILE (one URL a line), fetch each new item's page "
        "(timeouts, retries with backoff, a per-host rate limit, robots.txt), extract its text and ingest "
        "it. What was ingested is remembered in a state file (default: DB.feeds), so a restart reads only "
        "new items. Settings: [web] feed_timeout, feed_retries, feed_backoff, feed_host_interval. Ctrl-C "
        "stops. Needs the web extra.",
        epilog="example:\n  storyline feeds feeds.txt --db news.db --interval 600",
    )
    feeds.add_argument("file", metavar="FILE", help="feed URLs, one a line")
    _db_option(feeds)
    feeds.add_argument("--interval", type=float, help="seconds between polls (default: web.feed_interval)")
    feeds.add_argument("--state", metavar="FILE", help="state file (default: DB.feeds)")
    feeds.add_argument("--once", action="store_true", help="poll once and stop")

    from storyline.evaluate import EVALUATIONS

    ev = sub.add_parser(
        "eval",
        formatter_class=_Formatter,
        help="measure a stage on labelled data",
        description="Measure a stage on a labelled dataset and print the metrics.\n\n"
        + "\n".join(
            f"  {name:10} {spec.help} (default PATH: {spec.default})" for name, spec in EVALUATIONS.items()
        ),
        epilog="example:\n  storyline eval cleaning ../shared/data/cleaning --json",
    )
    ev.add_argument("name", choices=sorted(EVALUATIONS), metavar="NAME", help=", ".join(sorted(EVALUATIONS)))
    ev.add_argument("path", nargs="?", help="dataset file or directory")
    ev.add_argument("--json", action="store_true", help="print the metrics as JSON")
    return p


def _db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        default="storyline.db",
        help="SQLite database file, ':memory:', or a postgresql:// URL (default: %(default)s)",
    )


def _setup_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _progress(quiet: bool) -> Any:
    from tqdm import tqdm

    return tqdm(unit=" articles", disable=quiet or not sys.stderr.isatty(), file=sys.stderr, leave=False)


def _cmd_run(args: argparse.Namespace, cfg: config_mod.Config) -> int:
    from storyline.engine import Engine
    from storyline.update import UpdateReport

    problems: list[InputProblem] = []

    def report(problem: InputProblem) -> None:
        problems.append(problem)
        bar.write(str(problem), file=sys.stderr)

    if args.ray_address and args.engine != "ray":
        print("storyline run: error: --ray-address needs --engine ray", file=sys.stderr)
        return EXIT_USAGE
    bar = _progress(args.quiet)

    def stage(name: str, total: int | None) -> None:
        bar.reset(total=total)
        bar.set_description(name)

    update: UpdateReport
    with Engine(args.db, cfg) as engine:
        try:
            bar.set_description("reading")
            if args.engine == "ray":
                from storyline.distributed import ray_run

                ingest, update = ray_run(
                    engine, args.paths, args.ray_address, None, bar.update, report, on_stage=stage
                )
            else:
                ingest = engine.add(args.paths, progress=bar.update, on_problem=report)
                stage("grouping", len(engine.store.pending_article_ids()))
                update = engine.update(progress=bar.update)
        finally:
            bar.close()
        payload = engine.payload(None if args.all else sorted(update.story_ids))
        out_dir = args.out if args.out else (None if args.json == "-" else "out")
        written = engine.export(out_dir, payload) if out_dir else []
        total_events, total_stories = engine.store.count("events"), engine.store.count("stories")
    text = json.dumps(payload, ensure_ascii=False, indent=1)
    if args.json == "-":
        sys.stdout.write(text + "\n")
    elif args.json:
        Path(args.json).write_text(text, encoding="utf-8")
        written.append(Path(args.json))
    skipped = sum(1 for p in problems if p.skipped)
    noted = len(problems) - skipped
    if not args.quiet or problems:
        summary = (
            f"read {ingest.read}: {ingest.added} new, {ingest.changed} changed, "
            f"{ingest.unchanged} unchanged; {total_events} events, {total_stories} stories"
            f" ({len(payload['stories'])} {'exported' if args.all else 'touched by this run, exported'})"
        )
        if problems:
            summary += f"; {skipped} skipped, {noted} with warnings (see above)"
        print(summary, file=sys.stderr)
        if written:
            print("wrote " + ", ".join(quote_name(p) for p in written), file=sys.stderr)
    return EXIT_PARTIAL if problems else EXIT_OK


def _cmd_stories(args: argparse.Namespace, cfg: config_mod.Config) -> int:
    from storyline.engine import Engine

    _require_db(args.db)
    with Engine(args.db, cfg) as engine:
        stories = engine.stories(args.limit, args.offset, args.since, args.until, args.query, args.topic)
    if args.json:
        print(json.dumps([dataclasses.asdict(s) for s in stories], ensure_ascii=False, indent=1))
        return EXIT_OK
    if not stories:
        print("no stories yet (run 'storyline run PATH' first)", file=sys.stderr)
        return EXIT_OK
    _print_story_rows(stories, args.offset)
    return EXIT_OK


def _print_story_rows(stories: list[Any], offset: int) -> None:
    from storyline.export.escape import term_text as _t

    head = f"{'#':>3}  {'id':16} {'first':10} {'last':10} {'ev':>3} {'art':>4} {'out':>3}"
    print(head + "  title  (why it ranks here)")
    for n, s in enumerate(stories, offset + 1):
        print(
            f"{n:>3}  {_t(s.id):16} {_t(s.first_date or '?'):10} {_t(s.last_date or '?'):10} "
            f"{s.events:>3} {s.articles:>4} {s.outlets:>3}  {_t(s.title or '')}  ({_t(s.rank_reason)})"
        )


def _cmd_topics(args: argparse.Namespace, cfg: config_mod.Config) -> int:
    from storyline.engine import Engine
    from storyline.export.escape import term_text as _t

    _require_db(args.db)
    with Engine(args.db, cfg) as engine:
        topics = engine.topics(args.limit, args.offset, args.query)
    if args.json:
        print(json.dumps([dataclasses.asdict(t) for t in topics], ensure_ascii=False, indent=1))
        return EXIT_OK
    if not topics:
        print("no topics yet (run 'storyline run PATH' first)", file=sys.stderr)
        return EXIT_OK
    head = f"{'#':>3}  {'id':16} {'first':10} {'last':10} {'st':>3} {'art':>5} {'out':>4}"
    print(head + "  title  (why it ranks here)")
    for n, t in enumerate(topics, args.offset + 1):
        print(
            f"{n:>3}  {_t(t.id):16} {_t(t.first_date or '?'):10} {_t(t.last_date or '?'):10} "
            f"{t.stories:>3} {t.articles:>5} {t.outlets:>4}  {_t(t.title or '')}  ({_t(t.rank_reason)})"
        )
    return EXIT_OK


def _cmd_topic(args: argparse.Namespace, cfg: config_mod.Config) -> int:
    from storyline.engine import Engine
    from storyline.export.escape import term_text as _t

    _require_db(args.db)
    with Engine(args.db, cfg) as engine:
        page = engine.topic(args.id, args.limit)
    if args.json:
        print(json.dumps(dataclasses.asdict(page), ensure_ascii=False, indent=1))
        return EXIT_OK
    t = page.topic
    title = _t(t.title or t.id)
    print(title)
    print("=" * min(78, len(title)))
    print(
        f"{_t(t.id)} · {_t(t.first_date or '?')} – {_t(t.last_date or '?')} · {len(t.story_ids)} stories · "
        f"{t.articles} articles · {len(t.outlets)} outlets · {_t(t.rank_reason)}\n"
    )
    _print_story_rows(list(page.stories), 0)
    if len(t.story_ids) > len(page.stories):
        print(f"\n… and {len(t.story_ids) - len(page.stories)} more: storyline stories --topic {_t(t.id)}")
    return EXIT_OK


def _cmd_story(args: argparse.Namespace, cfg: config_mod.Config) -> int:
    from storyline.engine import Engine

    _require_db(args.db)
    with Engine(args.db, cfg) as engine:
        payload = engine.payload([args.id])
    if args.json:
        print(json.dumps(payload, ensure_ascii=False, indent=1))
        return EXIT_OK
    from storyline.export.terminal import render_story

    print(render_story(payload, payload["stories"][0]["id"], full=args.full))
    return EXIT_OK


def _cmd_eval(args: argparse.Namespace, cfg: config_mod.Config) -> int:
    from storyline.evaluate import run_evaluation

    result = run_evaluation(args.name, args.path, cfg)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        from storyline.evaluate import format_metrics

        print(format_metrics(args.name, result))
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace, cfg: config_mod.Config) -> int:
    from storyline.web import require_extra

    require_extra()
    from storyline.web import server
    from storyline.web.app import api_token

    host = args.host or cfg.web.host
    port = args.port or cfg.web.port
    workers = args.workers or cfg.web.workers
    shown = f"[{host}]" if ":" in host else host
    print(f"storyline: serving {args.db} at http://{shown}:{port}/  (open it in a browser)", file=sys.stderr)
    print(f"  API: http://{shown}:{port}/api/v1  reference: http://{shown}:{port}/docs", file=sys.stderr)
    if not api_token(cfg):
        print(
            "  writes are off: set STORYLINE_API_TOKEN=<token> to allow POST /api/v1/articles",
            file=sys.stderr,
        )
    print("  Ctrl-C stops", file=sys.stderr)
    server.serve(args.db, cfg, host, port, workers, args.config)
    return EXIT_OK


def _cmd_watch(args: argparse.Namespace, cfg: config_mod.Config) -> int:
    from storyline.engine import Engine
    from storyline.ingest.watch import Watcher

    def batch(paths: list[Path], report: Any) -> None:
        print(
            f"ingested {len(paths)} file(s): {report.added} new, {report.changed} changed, "
            f"{report.unchanged} unchanged so far",
            file=sys.stderr,
        )

    def problem(p: InputProblem) -> None:
        print(str(p), file=sys.stderr)

    if not Path(args.dir).is_dir():
        raise StorylineError(f"{args.dir}: no such folder")
    print(f"storyline: watching {args.dir} (Ctrl-C stops)", file=sys.stderr)
    with Engine(args.db, cfg) as engine:
        watcher = Watcher(engine, args.dir, args.state, args.settle, batch, problem)
        if args.once:
            watcher.settle = 0.0
            watcher.run(0.0, max_scans=2)
        else:
            watcher.run(args.interval)
    return EXIT_PARTIAL if watcher.report.problems else EXIT_OK


def _cmd_feeds(args: argparse.Namespace, cfg: config_mod.Config) -> int:
    from storyline.engine import Engine
    from storyline.ingest.feeds import FeedReader, FeedState, Fetcher, default_state_path, read_feed_list

    urls = read_feed_list(args.file)
    state = FeedState(args.state or default_state_path(args.db))
    fetcher = Fetcher(cfg.web)
    problems = 0

    def problem(message: str) -> None:
        nonlocal problems
        problems += 1
        print(message, file=sys.stderr)

    print(f"storyline: polling {len(urls)} feed(s) from {args.file} (Ctrl-C stops)", file=sys.stderr)
    try:
        with Engine(args.db, cfg) as engine:
            reader = FeedReader(engine, urls, state, fetcher, problem)
            interval = args.interval if args.interval is not None else cfg.web.feed_interval
            for report in reader.run(interval, max_polls=1 if args.once else None):
                print(
                    f"polled {report.feeds} feed(s): {report.items} new item(s), {report.ingested} ingested, "
                    f"{report.failed} to retry",
                    file=sys.stderr,
                )
    finally:
        fetcher.close()
        state.close()
    return EXIT_PARTIAL if problems else EXIT_OK


def _require_db(path: str) -> None:
    from storyline.store import is_postgres_url

    if not is_postgres_url(path) and path != ":memory:" and not Path(path).exists():
        raise StorylineError(
            f"{quote_name(path)}: no database here (run 'storyline run PATH' first, or pass --db FILE)"
        )


COMMANDS = {
    "run": _cmd_run,
    "stories": _cmd_stories,
    "story": _cmd_story,
    "topics": _cmd_topics,
    "topic": _cmd_topic,
    "eval": _cmd_eval,
    "serve": _cmd_serve,
    "watch": _cmd_watch,
    "feeds": _cmd_feeds,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _setup_logging(args.verbose)
    try:
        cfg = config_mod.load(args.config)
        return COMMANDS[args.command](args, cfg)
    except StorylineError as exc:
        from storyline.export.escape import term_text

        for line in str(exc).splitlines() or [""]:  # a config error lists every bad setting
            print(f"storyline: error: {term_text(line)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(
            "storyline: interrupted; the database keeps what was committed, run again to finish",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
