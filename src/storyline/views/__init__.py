"""The views a reader comes for: an event's headline and summary; a story's headline, cited timeline,
summary, outlet comparison, conflicts, quotes and rank. Pure functions over articles."""

from storyline.views.story import event_view, story_view

__all__ = ["event_view", "story_view"]
