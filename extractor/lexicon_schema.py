"""What each language data file in `gazetteers/` must hold: the keys of every keyword file and their kinds.

Kinds: `words` (list of strings), `patterns` (list of regular expressions), `pattern` (one), `map` (table of
strings), `numbers` (table of numbers), `int`. `extractor.gazetteers` checks every file against this at
start-up, so a typo in a key or a broken pattern stops the run with the file and line named.
gazetteers/README.md says which rule reads each key.
"""
from __future__ import annotations

KEYWORD_FILES: dict[str, dict[str, str]] = {
    "boilerplate": {
        "line_patterns": "patterns", "spam_words": "words", "nav_min_tokens": "int", "nav_max_token_len": "int",
        "flattened_min_chars": "int", "flattened_min_sentences": "int", "furniture_piece_max_chars": "int",
    },
    "comparators": {
        "ge_before": "words", "ge_after": "words", "le_before": "words", "le_after": "words",
        "cell_ge": "words", "cell_le": "words",
    },
    "quantities": {
        "people": "words", "percent": "words", "counts": "words", "restricted_units": "words", "age_units": "words", "age_links": "words", "restricted_links": "words",
        "aliases": "map", "scale": "numbers", "scaled_units": "numbers", "scaled_unit_base": "map", "per_period": "map",
        "rate_exempt": "words", "annual_nouns": "words", "vague_after_one": "words", "approx_before": "words",
        "approx_after": "words", "approx_trailing": "words", "range_separators": "words", "coverage": "patterns",
        "quantifiers": "words", "not_after": "words",
    },
    "times": {
        "deadline_prefixes": "words", "prefix_leads": "words", "deadline_suffixes": "words", "status_prefixes": "words",
        "effective_prefixes": "words", "effective_suffixes": "words", "relative_years": "numbers", "relative_deadlines": "words", "year_parts": "numbers",
        "recurrences": "map", "plan_ends": "words", "plan_spans": "words", "plan_starts": "words",
        "duration_lead": "words", "duration_tail": "words",
    },
    "background": {
        "status": "words", "modifier_status": "words", "weak_status": "words", "perfective_verbs": "words",
        "forecast": "words", "reported": "words", "forward": "words", "forward_verbs": "words", "measure_nouns": "words", "measure_verbs": "words",
        "measure_nouns_strict": "words", "count_leads": "words", "condition_words": "words", "quoted_names": "words", "frame_verbs": "words", "article_units": "words", "comparisons": "words", "frame_pairs": "patterns",
        "ordinal_patterns": "patterns", "base_markers": "words", "change_verbs": "words", "change_from": "words",
        "report_leads": "words", "event_verbs": "words", "cycle_verbs": "words",
    },
    "actions": {
        "actions": "words", "weak_actions": "words", "state_adverbs": "words", "state_predicates": "words",
        "state_phrases": "words", "vision_nouns": "words", "deliverables": "words", "lead_endings": "words", "soft_heads": "words",
    },
    "structure": {
        "heading_level_1": "patterns", "heading_level_2": "patterns", "heading_level_3": "patterns",
        "heading_level_4": "patterns", "statement_frames": "patterns", "goal_words": "words",
        "background_headings": "words", "max_heading_chars": "int",
    },
    "strength": {"binding": "words", "aspirational": "words", "encouraged": "words", "encouraged_phrases": "words"},
    "doc_types": {"title_endings": "words", "publish_verbs": "words"},
    "subjects": {
        "object_verbs": "words", "link_verbs": "words", "bare_verbs": "words", "subject_leads": "words",
        "scope_patterns": "patterns",
    },
    "tables": {
        "name_headers": "words", "unit_headers": "words", "attribute_headers": "words", "target_headers": "words",
        "base_headers": "words", "responsible_headers": "words", "skip_headers": "words", "binding_attributes": "words",
        "aspirational_attributes": "words", "coverage_cells": "words",
    },
    "metadata": {
        "title_labels": "words", "doc_number_labels": "words", "issuer_labels": "words", "publisher_labels": "words",
        "written_date_labels": "words", "publish_date_labels": "words", "other_labels": "words",
        "title_decorations": "patterns", "citation_leads": "words", "report_verbs": "words", "national_prefixes": "words",
        "province_scope": "words", "city_scope": "words", "county_scope": "words", "national_scope": "words",
        "publisher_leads": "words", "anaphors": "words", "char_variants": "map",
    },
    "genre": {
        "repost_leads": "words", "news_marks": "words", "statistics_marks": "words", "statistics_title_words": "words",
        "meeting_marks": "words", "meeting_title_words": "words",
    },
    "confidence": {"reported_speech": "words", "conditional": "words", "hedges": "words", "purpose_leads": "words",
                   "warning_kinds": "words", "genres": "words"},
    "agencies": {
        "self_references": "words", "actor_nouns": "words", "addressee_actors": "words", "actor_markers": "words",
        "responsibility_words": "words", "by_words": "words", "subject_leads": "words",
        "not_agencies": "words", "not_agency_endings": "words",
    },
}

# plain word lists, one entry per line ('#' comments)
LINE_FILES = ("agency_suffixes.txt", "policy_terms.txt")

# CSV files and their header rows
CSV_COLUMNS: dict[str, list[str]] = {
    "admin_divisions.csv": ["code", "name", "short", "abbr", "level", "parent", "kind"],
    "special_zones.csv": ["code", "name", "short", "abbr", "level", "parent", "kind"],
}
