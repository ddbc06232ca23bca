"""The language layer: language detection, entities, events, the annotation stage and its caches."""
