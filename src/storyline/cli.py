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
        "(the 'distributed' extra; see docs/scale.md) (default: %(default)s)",
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
    stories.add_argument("--json", action="store_true", help="print JSON instead of a table")

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
            print("wrote " + ", ".join(str(p) for p in written), file=sys.stderr)
    return EXIT_PARTIAL if problems else EXIT_OK


def _cmd_stories(args: argparse.Namespace, cfg: config_mod.Config) -> int:
    from storyline.engine import Engine

    _require_db(args.db)
    with Engine(args.db, cfg) as engine:
        stories = engine.stories(args.limit, args.offset, args.since, args.until, args.query)
    if args.json:
        print(json.dumps([dataclasses.asdict(s) for s in stories], ensure_ascii=False, indent=1))
        return EXIT_OK
    if not stories:
        print("no stories yet (run 'storyline run PATH' first)", file=sys.stderr)
        return EXIT_OK
    print(f"{'#':>3}  {'id':16} {'score':>9} {'first':10} {'last':10} {'ev':>3} {'art':>4} {'out':>3}  title")
    for n, s in enumerate(stories, args.offset + 1):
        print(
            f"{n:>3}  {s.id:16} {s.score:>9.2f} {s.first_date or '?':10} {s.last_date or '?':10} "
            f"{s.events:>3} {s.articles:>4} {s.outlets:>3}  {s.title or ''}"
        )
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

    print(render_story(payload, payload["stories"][0]["id"]))
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


def _require_db(path: str) -> None:
    from storyline.store import is_postgres_url

    if not is_postgres_url(path) and path != ":memory:" and not Path(path).exists():
        raise StorylineError(f"{path}: no database here (run 'storyline run PATH' first, or pass --db FILE)")


COMMANDS = {"run": _cmd_run, "stories": _cmd_stories, "story": _cmd_story, "eval": _cmd_eval}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _setup_logging(args.verbose)
    try:
        cfg = config_mod.load(args.config)
        return COMMANDS[args.command](args, cfg)
    except StorylineError as exc:
        print(f"storyline: error: {exc}", file=sys.stderr)
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
