"""What each data file in `gazetteers/` must hold: the keys of every TOML file and their kinds, the columns of every
CSV file, the form of the line files. A file of `gazetteers/` that is not declared here is an error too.

TOML kinds: `words` (list of strings), `patterns` (list of regular expressions), `pattern` (one), `map` (table of
strings), `numbers` (table of numbers), `int`, `string`, `id` (a non-empty string unique among its siblings),
`selector` / `selectors` (CSS, one or a list), `urls` (a non-empty list of http(s) URLs), `unit_factors` (a table
of unit = [canonical unit, factor]). A nested dict is a table, a one-element list `[{...}]` an array of tables;
a key ending in `?` may be left out, every other key must be there. `extractor.gazetteers` checks every file
against this at start-up, so a typo in a key or a broken pattern stops the run with the file and line named.
gazetteers/README.md says which rule reads each key.
"""
from __future__ import annotations

from typing import Any

KEYWORD_FILES: dict[str, dict[str, str]] = {
    "boilerplate": {
        "line_patterns": "patterns", "spam_words": "words", "nav_min_tokens": "int", "nav_max_token_len": "int",
        "flattened_min_chars": "int", "flattened_min_sentences": "int", "furniture_piece_max_chars": "int",
    },
    "comparators": {
        "ge_before": "words", "ge_after": "words", "le_before": "words", "le_after": "words",
        "cell_ge": "words", "cell_le": "words", "reach_words": "words", "level_before": "words",
    },
    "quantities": {
        "people": "words", "percent": "words", "counts": "words", "restricted_units": "words", "age_units": "words", "age_band_nouns": "words", "age_links": "words", "age_measures": "words", "restricted_links": "words",
        "aliases": "map", "scale": "numbers", "scaled_units": "numbers", "scaled_unit_base": "map", "per_period": "map",
        "rate_exempt": "words", "annual_nouns": "words", "vague_after_one": "words", "bare_value_links": "words", "approx_before": "words",
        "approx_after": "words", "approx_trailing": "words", "range_separators": "words", "coverage": "patterns",
        "quantifiers": "words", "quantifier_reach_verbs": "words", "handover_verbs": "words", "quantifier_verbs": "words", "restated_units": "words", "number_idioms": "words", "not_after": "words", "rate_denominators": "words",
    },
    "times": {
        "deadline_prefixes": "words", "prefix_leads": "words", "deadline_suffixes": "words", "status_prefixes": "words",
        "effective_prefixes": "words", "effective_suffixes": "words", "relative_years": "numbers", "relative_deadlines": "words", "goal_relatives": "words", "year_parts": "numbers", "cumulative_parts": "words",
        "recurrences": "map", "plan_ends": "words", "plan_anaphors": "words", "plan_spans": "words", "plan_starts": "words",
        "duration_lead": "words", "duration_tail": "words",
    },
    "background": {
        "status": "words", "modifier_status": "words", "weak_status": "words", "perfective_verbs": "words",
        "forecast": "words", "forecast_noun_before": "words", "forecast_noun_after": "words", "reported": "words", "forward": "words", "intentions": "words", "forward_verbs": "words", "measure_nouns": "words", "measure_verbs": "words",
        "measure_nouns_strict": "words", "count_leads": "words", "condition_words": "words", "standard_nouns": "words", "quoted_names": "words", "frame_verbs": "words", "article_units": "words", "comparisons": "words", "frame_pairs": "patterns",
        "ordinal_patterns": "patterns", "base_markers": "words", "not_base_markers": "words", "change_verbs": "words", "change_from": "words",
        "report_leads": "words", "event_verbs": "words", "cycle_verbs": "words", "review_results": "words",
        "level_verbs": "words", "change_adverbs": "words",
    },
    "actions": {
        "actions": "words", "weak_actions": "words", "state_adverbs": "words", "state_predicates": "words",
        "state_phrases": "words", "vision_nouns": "words", "deliverables": "words", "lead_endings": "words", "outlook_leads": "words", "soft_heads": "words",
    },
    "structure": {
        "heading_level_1": "patterns", "heading_level_2": "patterns", "heading_level_3": "patterns",
        "heading_level_4": "patterns", "statement_frames": "patterns", "goal_words": "words",
        "background_headings": "words", "max_heading_chars": "int", "breakdown_openings": "words",
        "footnote_openings": "words", "goal_item_marks": "words",
        "goal_purpose_leads": "words",
    },
    "strength": {"binding": "words", "aspirational": "words", "encouraged": "words", "encouraged_phrases": "words"},
    "doc_types": {"title_endings": "words", "publish_verbs": "words", "title_leads": "words", "title_joiner_ends": "words"},
    "subjects": {
        "object_verbs": "words", "link_verbs": "words", "bare_verbs": "words", "subject_leads": "words",
        "scope_patterns": "patterns", "link_modals": "words", "clause_fillers": "words",
    },
    "tables": {
        "name_headers": "words", "unit_headers": "words", "attribute_headers": "words", "target_headers": "words",
        "base_headers": "words", "responsible_headers": "words", "skip_headers": "words", "number_headers": "words", "binding_attributes": "words",
        "series_headers": "words", "cumulative_headers": "words", "part_headers": "words",
        "aspirational_attributes": "words", "coverage_cells": "words", "empty_cells": "words", "unit_cells": "words",
    },
    "metadata": {
        "title_labels": "words", "doc_number_labels": "words", "issuer_labels": "words", "publisher_labels": "words",
        "written_date_labels": "words", "publish_date_labels": "words", "other_labels": "words",
        "title_decorations": "patterns", "citation_leads": "words", "report_verbs": "words", "national_prefixes": "words",
        "province_scope": "words", "city_scope": "words", "county_scope": "words", "national_scope": "words", "national_outlets": "words", "national_comparisons": "words",
        "publisher_leads": "words", "anaphors": "words", "char_variants": "map", "short_county_after": "words", "short_county_not_before": "words", "quote_variants": "map",
        "official_titles": "words", "press_offices": "words", "speaker_leads": "words", "masthead_tail": "words",
        "figures_only_endings": "words", "undated_period_over": "words", "undated_goal_words": "words",
        "undated_review_genres": "words",
    },
    "genre": {
        "repost_leads": "words", "news_marks": "words", "statistics_marks": "words", "statistics_title_words": "words",
        "meeting_marks": "words", "meeting_title_words": "words",
        "statistics_comparisons": "words", "statistics_min_comparisons": "int", "forward_marks": "words",
        "review_marks": "words", "review_head_chars": "int", "notice_title_words": "words",
    },
    "report": {"unit_families": "map"},
    "confidence": {"reported_speech": "words", "conditional": "words", "hedges": "words", "purpose_leads": "words",
                   "warning_kinds": "words", "genres": "words",
                   "achieved": "words", "past_time": "words", "review_marks": "words", "plan_marks": "words",
                   "label_suffixes": "words", "duration_units": "words",
                   "citing_verbs": "words", "list_leads": "words", "growth_marks": "words"},
    "agencies": {
        "self_references": "words", "actor_nouns": "words", "addressee_actors": "words", "actor_markers": "words",
        "responsibility_words": "words", "by_words": "words", "directive_verbs": "words", "subject_leads": "words",
        "not_agencies": "words", "not_agency_endings": "words", "note_org_endings": "words", "duty_markers": "words",
        "not_agency_core_endings": "words", "name_joiners": "words", "province_department_endings": "words", "city_department_endings": "words", "responsibility_labels": "words",
    },
}

# gazetteers/keywords/patterns.toml: named regular expressions, compiled by extractor/patterns.py; a `template`
# has fields its rule fills in with word lists of the other files
KEYWORD_FILES["patterns"] = {
    "year_digits": "pattern", "year": "pattern", "page_date": "pattern", "date_line": "pattern",
    "number_word": "pattern", "month_number": "pattern", "plan_number": "pattern", "range_sep": "pattern",
    "time_plan": "template", "time_duration": "template", "time_yrange": "pattern", "time_ymd": "template",
    "time_isodate": "pattern", "time_ym": "template", "time_ypart": "template", "time_y": "template",
    "time_rel": "template", "time_md": "template", "time_part": "template", "month_after_number": "pattern",
    "base_level_after": "pattern", "year_comparison": "pattern", "base_value_after": "pattern", "date_list_join": "pattern", "month_first": "pattern",
    "copula_after": "pattern", "cn_numeral": "pattern", "list_marker": "pattern", "enumeration_line": "pattern",
    "inline_heading": "pattern", "heading_text_end": "pattern", "cn_heading_start": "pattern",
    "doc_number_inline": "pattern", "title_space": "pattern", "title_edition": "pattern",
    "title_doc_number_lead": "pattern", "number_or_date_line": "pattern", "title_prefix": "template",
    "published_after_verb": "template", "published_before_verb": "template", "published_unbracketed": "template",
    "title_then_period": "pattern", "title_extension": "pattern", "title_sets_goals": "pattern", "web_furniture_line": "pattern", "clause_break": "pattern",
    "clause_end": "pattern", "value_clause_stop": "pattern", "list_item_stop": "pattern", "value_clause_break": "pattern", "coordinated_value_join": "pattern",
    "phrase_break": "pattern", "item_break": "pattern", "clause_break_any": "pattern",
    "system_collective": "pattern", "region_collective": "pattern", "region_acting": "template", "agency_list_split": "pattern",
    "level_list_item": "pattern", "region_prefix": "pattern", "level_prefix": "pattern", "not_agency_start": "pattern",
    "agency_trailing": "pattern", "signature_year": "pattern", "signature_date_line": "pattern", "header_date": "pattern",
    "title_issuers": "pattern", "report_time_word": "pattern", "report_time_lead": "pattern",
    "trailing_preposition": "pattern", "anaphor_body_start": "pattern", "headline_issuer": "template",
    "report_publisher": "template", "meeting_holder": "pattern", "by_lead": "pattern", "etc_tail": "pattern",
    "etc_bodies": "pattern", "header_label": "template", "dated_label": "template", "whole_area": "pattern", "object_before": "template",
    "link_before": "template", "subject_lead": "template", "object_lead": "pattern", "list_join_end": "pattern",
    "doc_number": "pattern", "cited_number_before": "pattern", "not_addressee_head": "pattern",
    "addressee_then": "pattern", "addressee_line": "pattern",
    "dated_publish": "template", "cited_or_number": "pattern",
    "responsibility_line": "template", "responsibility_label": "template", "responsibility_paragraph": "template",
    "by_clause": "template", "note_role_tail": "template", "note_part_lead": "pattern", "note_contact_tail": "pattern",
    "list_sep_alone": "pattern", "share_before": "pattern", "head_noun": "pattern", "share_split": "pattern",
    "coverage_split": "pattern", "list_split": "pattern", "locative_before": "pattern", "quantifier_negated": "pattern", "quantifier_denied": "pattern", "quantifier_scope": "pattern", "quantifier_confirm": "pattern", "share_item_before": "pattern", "quantified_split": "pattern", "disposal_before": "pattern", "time_chars": "pattern", "cjk_gram": "pattern", "coverage_predicate": "pattern", "things_verbs": "template", "things_lead": "pattern", "respectively": "pattern",
    "coverage_after": "pattern", "year_cell": "pattern", "year_header_cell": "pattern",
    "cell_multiplier": "pattern", "number_cell": "template", "figure_words": "template",
    "glued_header": "template", "year_column": "pattern", "group_label": "pattern", "group_label_end": "pattern",
    "group_label_then_first": "pattern", "glued_row_end": "template", "glued_agency_split": "pattern",
    "glued_series_header": "template", "glued_series_row": "pattern", "glued_column": "pattern", "glued_single_run": "pattern",
    "glued_single_row": "pattern", "glued_single_end": "pattern",
    "glued_year_header": "pattern", "glued_year_cell": "pattern",
    "quantity": "template", "not_before_value": "pattern", "bare_magnitude": "pattern",
    "word_before_ten": "pattern", "word_before_one": "pattern", "value_list_gap": "pattern",
    "publication_after": "template", "frame_start": "pattern", "continuation": "pattern", "breakdown": "pattern", "nominal_frame": "pattern", "bracketed": "pattern",
    "lead_in_after": "pattern", "directive_verbs": "pattern", "condition_lead": "pattern",
    "threshold_modifier": "pattern", "state_phrase": "template", "vision_formed": "template",
    "publication_reported": "template", "city_body": "pattern",
    "number_not_year": "pattern", "year_span": "pattern", "doc_number_line": "pattern", "doc_number_file": "pattern", "date_only_line": "pattern",
    "lead_in_end": "pattern", "list_lead": "pattern", "table_end_heading": "pattern", "row_number": "pattern",
    "unit_in_name": "pattern", "attachment_line": "pattern", "news_source": "pattern", "work_report_giver": "pattern",
    "session_place": "pattern", "work_year": "pattern", "session_day": "pattern",
    "official_speaker": "template", "owner_document": "template", "drafted_by": "pattern", "conference_publisher": "pattern",
    "headline_byline_tail": "pattern", "headline_publisher": "template", "headline_speaker": "pattern", "bare_value": "template",
    "year_framing": "pattern", "target_passed": "pattern",
    "target_margin": "pattern", "target_share": "pattern", "targets_met": "pattern", "place_part": "pattern", "place_breakdown": "pattern", "bracketed_parts": "pattern", "part_done": "pattern", "meta_clause": "pattern", "bare_period": "pattern", "report_named_by_year": "pattern",
    "retrospective_opener": "pattern",
}

# other TOML files, by path under gazetteers/
TABLE_FILES: dict[str, dict[str, Any]] = {
    "html_profiles.toml": {
        "body": {"min_chars": "int", "selectors": "selectors"},
        "title": {"selectors": "selectors"},
        "meta": {"selectors": "selectors", "date_labels": "words", "title_labels": "words"},
        "date": {"meta_names": "words", "attributes": "words", "labels": "words"},
        "boilerplate": {
            "class_tokens": "words", "furniture_words": "words", "tail_patterns": "patterns",
            "head_patterns": "patterns", "spam_words": "words",
        },
    },
}

# crawl site definitions: every gazetteers/sites/*.toml (and any file given to `crawl --sites`)
SITE_FILES = "sites"
SITE: dict[str, Any] = {
    "name": "string", "description?": "string", "start_urls": "urls", "allowed_hosts?": "words",
    "list?": {"item_selector?": "selector", "link_selector?": "selector", "date_selector?": "selector"},
    "pagination?": {"next_selector?": "selector", "url_pattern?": "string", "page_offset?": "int", "max_pages?": "int"},
    "detail?": {"attachment_selector?": "selector", "date_selector?": "selector"},
}

# plain word lists, one entry per line ('#' comments): `word`, or `word<TAB>count`
LINE_FILES = ("agency_suffixes.txt", "policy_terms.txt")

# tab-separated tables checked line by line in extractor.gazetteers (character<TAB>count)
TSV_FILES = ("char_frequency.tsv",)

_DIVISION_COLUMNS = ["code", "name", "short", "abbr", "level", "parent", "kind"]
# CSV files: the header row, the columns no row may leave empty, and the values a column may take
CSV_FILES: dict[str, dict[str, Any]] = {
    "admin_divisions.csv": {
        "columns": _DIVISION_COLUMNS, "required": ["name", "short", "level", "kind"],
        "values": {"level": ["province", "city", "county"]},
    },
    "special_zones.csv": {
        "columns": _DIVISION_COLUMNS, "required": ["name", "short", "level", "parent", "kind"],
        "values": {"level": ["province", "city", "county"]},
    },
    "agencies.csv": {
        "columns": ["name", "short_forms", "level", "domain"], "required": ["name", "level", "domain"],
        "values": {"level": ["national", "any"]},
    },
    "doc_number_prefixes.csv": {
        "columns": ["prefix", "issuer", "province", "city", "level"], "required": ["prefix", "issuer", "province", "level"],
        "values": {"level": ["national", "province", "city"]},
    },
}
CSV_COLUMNS: dict[str, list[str]] = {name: spec["columns"] for name, spec in CSV_FILES.items()}

# files of gazetteers/ that are not data: documentation and the build scripts with their sources
NOT_DATA = ("README.md", "build")

# data files with a structure of their own, checked by their own loader in extractor.gazetteers (keys, kinds,
# regular expressions, unit families, unique ids, each problem as FILE:LINE): the indicator taxonomy (one file of
# unit families and key words, then one file per policy area in `indicators/`) and the progress words
OWN_CHECK_FILES = ("indicators.toml", "progress.toml")
OWN_CHECK_FOLDERS = ("indicators",)
