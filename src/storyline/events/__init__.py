"""Articles into events: a same-event pair scorer (features, vetoes, paraphrase model) over nearest
candidates of a time window, and online assignment into linked components (``assign_events``)."""

from storyline.events.assign import EventModels, Grouping, assign_events, load_event_models

__all__ = ["EventModels", "Grouping", "assign_events", "load_event_models"]
