"""Renderers over the JSON payload: Markdown and a self-contained HTML report."""

from storyline.export.html import render_html, render_report
from storyline.export.markdown import render_markdown

__all__ = ["render_html", "render_markdown", "render_report"]
