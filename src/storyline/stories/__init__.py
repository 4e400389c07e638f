"""Events into stories and stories into topics: profiles that compare across languages, online linking."""

from storyline.stories.link import (
    EPOCH,
    Linking,
    StoryState,
    TopicState,
    day_number,
    is_dated,
    link,
    new_story_id,
    new_topic_id,
)
from storyline.stories.profile import EventDoc

__all__ = [
    "EPOCH",
    "EventDoc",
    "Linking",
    "StoryState",
    "TopicState",
    "day_number",
    "is_dated",
    "link",
    "new_story_id",
    "new_topic_id",
]
