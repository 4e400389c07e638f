"""Events into stories (storylines): profiles that compare across languages, online linking."""

from storyline.stories.link import EPOCH, StoryLinks, is_dated, link_events, new_story_id
from storyline.stories.profile import EventDoc

__all__ = ["EPOCH", "EventDoc", "StoryLinks", "is_dated", "link_events", "new_story_id"]
