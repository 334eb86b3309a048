"""Session state in one place: every key this app keeps in `st.session_state`, the Context the frame hands to its
pages, and the link in the address bar.

The address bar is written by the app, not by Streamlit's widget binding: a bound widget writes its display label
(`negara=Singapura`), which another language does not know. The session reads the address once, on its first run;
from then on the widgets hold the state, and every run writes the address back as codes (`address.py`).
"""

from __future__ import annotations

import functools
import gc
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import polars as pl
import streamlit as st

from pekalongan import address, rollup
from pekalongan.address import Query, TypedTarget
from pekalongan.filters import Choices, Filters
from pekalongan.ingest import Dataset
from pekalongan.plan import ReadingPlan
from pekalongan.revisions import Marks

# Widgets (a widget's key is its query parameter's name where it has one)
LANG_KEY = address.LANG
YEARS_KEY = address.YEARS
SELECTION_KEYS = address.SELECTION_KEYS  # Filters field -> its multiselect's key
UPLOAD_KEY = "unggahan"  # + the upload round: a new round empties the box
CSV_DELIMITER_KEY = "pemisah_csv"  # + the language: the radio keeps its label, which a language switch changes
TARGETS_EDITOR_KEY = "targets"  # + the dataset and the edit round
REVOKE_KEY_INPUT = "kunci_cabut"
# Panels: a key of their own keeps an open panel open when the language (its title) changes
DOWNLOADS_PANEL_KEY = "panel_unduh"
SHARE_PANEL_KEY = "panel_bagikan"
TARGETS_PANEL_KEY = "panel_target"
# The app's own state
ADDRESS_KEY = "_alamat"  # the query string this session was opened with
CONTEXT_KEY = "_konteks"
SHOWN_KEY = "_saringan"  # ((dataset key, lang, public), Filters, its dataset's first and last year) of the last run
TYPED_KEY = "_target_ketik"  # (dataset key, {(year, column): TypedTarget})
TARGETS_ROUND_KEY = "_putaran_target"
UPLOAD_ROUND_KEY = "_putaran_unggah"
DIGEST_KEY = "_sidik"  # the current upload's file ids -> content digest
SAVED_KEY = "_tersimpan"  # dataset key -> Saved (the revocation key lives only here)
UNSAVED_KEY = "_tak_tersimpan"  # dataset key -> StoreUnavailable: why the upload could not be saved
OPEN_TOKEN_KEY = "_tautan_dibuka"  # the token of the link this session shows
PINNED_KEY = "_versi_dibuka"  # the version the link this session shows pins (`v=3`), if it pins one
SEEN_KEY = "_versi_dilihat"  # (token, the version seen before the one on screen, the one on screen)
DRAFT_KEY = "_draf_versi"  # digest of a new version's files and mode -> its Draft, read once
PUBLISHED_KEY = "_versi_terbit"  # the version number just published, for the message after the rerun
VERSION_ROUND_KEY = "_putaran_versi"  # + the new version's uploader: a new round empties it after a publish
DELIMITER_KEY = "_pemisah"  # the CSV delimiter last chosen, ";" or ","
CONFIRM_REVOKE_KEY = "_yakin_cabut"
REVOKED_KEY = "_dicabut"  # set once the uploader has revoked: the next run says so
READING_PLAN_KEY = "_rencana_baca"  # upload digest -> the ReadingPlan corrected in Periksa Pembacaan
AUTOMATIC_KEY = "_bacaan_otomatis"  # upload digest -> the ReadingPlan the reader inferred by itself
SHAPES_KEY = "_bentuk_baca"  # a file's shape (plan.shape) -> the FilePlan last corrected for it this session
READING_ROUND_KEY = "_putaran_baca"  # + the reading widgets' keys: a new round (back to automatic) re-seeds them

WIB = timezone(timedelta(hours=7))  # the city's clock (no daylight saving), for "typed on" dates


@dataclass(frozen=True)
class Context:
    """What every page needs: the dataset, the filters, the language, the targets in force (a small value, not
    derived frames). `key` names the dataset for caches: 'sample', 'upload:<digest>' or 'link:<token>'."""

    dataset: Dataset
    filters: Filters
    lang: str
    public: bool = False  # the confidential view of a shared link: no exporter names, no small cells
    key: str = "sample"
    targets: pl.DataFrame = field(default=None, repr=False, compare=False)  # the file's, with typed cells over them
    typed: tuple[TypedTarget, ...] = ()
    records: pl.DataFrame = field(default=None, repr=False, compare=False)  # the records the filters select
    marks: Marks | None = field(default=None, repr=False, compare=False)  # figures revised since an earlier version
    frames: rollup.Frames = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Filtered once per run: pages read `records` several times. A national dataset's `records` is its
        # exporter-type summary (every year- and month-level figure), or the rows a drill-down picks.
        object.__setattr__(self, "frames", rollup.Frames(self.dataset, self.filters))
        object.__setattr__(self, "records", self.frames.frame())
        if self.targets is None:
            object.__setattr__(self, "targets", self.dataset.targets)

    @functools.cached_property
    def history(self) -> pl.DataFrame:
        """The records the filters select over every year (year-on-year views, the headline's previous year):
        filtered once, and the same frame as `records` when no year range is set (at a million rows a second
        filter cost ~30 ms a run)."""
        return self.frames.history()

    def frame(self, dimension: str) -> pl.DataFrame:
        """What to group `dimension` by ('commodity', 'destination', 'exporter', 'exporter_type'): `records`, or
        on a national dataset that dimension's summary as the filters select it (`rollup.Frames`)."""
        return self.frames.frame(dimension)

    def history_frame(self, dimension: str) -> pl.DataFrame:
        """`frame(dimension)` over every year."""
        return self.frames.history(dimension)

    def knows(self, dimension: str) -> bool:
        """Do the selected records say anything about `dimension`? (On a national dataset asked of its own
        frame: a page of destinations scans no record to know it has destinations.)"""
        return dimension in self.known if not self.frames.summarised else rollup.knows(self.frames, dimension)

    @functools.cached_property
    def known(self) -> frozenset[str]:
        """The dimensions the selected records say anything about (`aggregate.known_dimensions`), once per run: the
        headline and each chart that may have nothing to show ask (a pass over the records each time)."""
        return rollup.known_dimensions(self.frames)

    def selected_records(self) -> pl.DataFrame:
        """The records the filters select, every column, for a download: `records`, or on a national dataset
        the rows read from its file when the button is clicked."""
        return self.frames.records()


@st.cache_resource(show_spinner=False)
def freeze_imports() -> bool:
    """Once per server process, after the app's imports: keep what exists now (modules, functions, catalogues:
    some 200,000 objects) out of the garbage collector's full passes. Streamlit runs a full pass after every
    script run (`runner.postScriptGC`); it walked all of them each time (~90 ms holding the interpreter, while
    the run's last messages waited to be sent). Objects made later are collected as before."""
    gc.collect()
    gc.freeze()
    return True


def widget_value(key: str) -> object:
    """What the widget with this key holds now (None before it has been drawn)."""
    return st.session_state.get(key)


def set_context(context: Context) -> None:
    st.session_state[CONTEXT_KEY] = context


def context() -> Context:
    """The context the entrypoint drew for this run (pages are run by `st.navigation`, after the frame)."""
    return st.session_state[CONTEXT_KEY]


# --------------------------------------------------------------------------------------------- the address


def read_address() -> Query:
    """The query string the session was opened with, read on its first run: it sets the language and the link's
    token here, the filters and typed targets once their dataset is known."""
    if ADDRESS_KEY not in st.session_state:
        query = {key: st.query_params.get_all(key) for key in st.query_params}
        st.session_state[ADDRESS_KEY] = query
        st.session_state[LANG_KEY] = address.lang_from_query(query)
        token = (query.get(address.TOKEN) or [None])[0]
        if token:
            st.session_state[OPEN_TOKEN_KEY] = token
            set_pinned_version(address.version_from_query(query))
            st.session_state[SEEN_KEY] = (token, address.seen_from_query(query), None)
    return st.session_state[ADDRESS_KEY]


def write_address(params: dict[str, list[str]]) -> None:
    """Put this view's link in the address bar (only when it changed: each write is a message to the browser)."""
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    if current != params:
        st.query_params.from_dict(params)


def open_token() -> str | None:
    return st.session_state.get(OPEN_TOKEN_KEY)


def set_open_token(token: str | None) -> None:
    if token is None:
        st.session_state.pop(OPEN_TOKEN_KEY, None)
        set_pinned_version(None)
    else:
        st.session_state[OPEN_TOKEN_KEY] = token


def pinned_version() -> int | None:
    return st.session_state.get(PINNED_KEY)


def set_pinned_version(version: int | None) -> None:
    if version is None:
        st.session_state.pop(PINNED_KEY, None)
    else:
        st.session_state[PINNED_KEY] = version


def last_seen(token: str, version: int) -> int | None:
    """The version of this link the viewer saw before the one on screen: on the session's first run the address's
    `dilihat` (written by the run before a reload), later the one this session showed before; None if unknown."""
    held_token, before, showing = st.session_state.get(SEEN_KEY) or (None, None, None)
    if held_token != token:
        before, showing = None, None
    if showing is not None and showing != version:
        before = showing
    st.session_state[SEEN_KEY] = (token, before, version)
    return before


# --------------------------------------------------------------------------------------------- the filters


def seed_filters(view: tuple, choices: Choices, aliases: dict) -> None:
    """Before the filter widgets are drawn: on the session's first run they take the address's filters; when the
    dataset, the language or the view changed they take what they held, as far as the new dataset holds those
    values (a year range of one file never narrows another's); otherwise the widgets keep what they hold."""
    shown = st.session_state.get(SHOWN_KEY)
    if shown is not None and shown[0] == view:
        return
    if shown is None:
        wanted = address.filters_from_query(read_address(), choices, aliases)
    else:
        wanted = _held_filters(shown[1], shown[2]).within(choices)
    # The browser holds a selection as the labels it shows: after a language switch every value is set again.
    relabelled = shown is None or shown[0][1:] != view[1:]
    if choices.years:
        _seed(YEARS_KEY, (wanted.year_from or choices.years[0], wanted.year_to or choices.years[-1]), relabelled)
    for name, key in SELECTION_KEYS.items():
        _seed(key, list(getattr(wanted, name)), relabelled)
    remember_filters(view, wanted, choices)


def _seed(key: str, value: list | tuple, always: bool) -> None:
    """Set a widget's value (`always`, or where it changes): a value set through the session state goes to the
    browser inside the widget's message, which then differs from the next run's, so the browser's cached copy of
    it (the 300-name exporter list: 9.6 KB) could not be used on the next click after an upload."""
    held = st.session_state.get(key)
    if always or not isinstance(held, list | tuple) or list(held) != list(value):
        st.session_state[key] = value


def _held_filters(last: Filters, edges: tuple[int, int] | None) -> Filters:
    """What the filter widgets hold now, as codes (read before they are drawn, they still answer in the terms of
    their last run, so a choice made just before a language switch is not lost); `last` where one holds nothing."""
    picked = {}
    for name, key in SELECTION_KEYS.items():
        value = widget_value(key)
        picked[name] = tuple(value) if isinstance(value, list) else getattr(last, name)
    year_from, year_to = last.year_from, last.year_to
    years = widget_value(YEARS_KEY)
    if edges is not None and isinstance(years, tuple | list) and len(years) == 2:
        year_from = None if years[0] == edges[0] else years[0]
        year_to = None if years[1] == edges[1] else years[1]
    return Filters(year_from=year_from, year_to=year_to, **picked)


def remember_filters(view: tuple, filters: Filters, choices: Choices) -> None:
    edges = (choices.years[0], choices.years[-1]) if choices.years else None
    st.session_state[SHOWN_KEY] = (view, filters, edges)


def pick_into_filter(name: str, codes: list[str]) -> None:
    """A click on a chart: its keys become the selection `name` (a Filters field) of the sidebar."""
    st.session_state[SELECTION_KEYS[name]] = codes


# --------------------------------------------------------------------------------------------- typed targets


def typed_targets(dataset_key: str) -> tuple[TypedTarget, ...]:
    """The targets typed by hand for this dataset: the address's on the session's first dataset, none on another
    (a new file brings its own Target sheet)."""
    held = st.session_state.get(TYPED_KEY)
    if held is None:
        held = (dataset_key, {(t.year, t.column): t for t in address.targets_from_query(read_address())})
        st.session_state[TYPED_KEY] = held
    if held[0] != dataset_key:
        held = (dataset_key, {})
        st.session_state[TYPED_KEY] = held
    return tuple(held[1].values())


def record_typed(dataset_key: str, edits: dict[tuple[int, str], float | None]) -> None:
    """Cells just typed in the targets editor, dated today in the city; the editor starts a new round over them."""
    typed_targets(dataset_key)
    today = datetime.now(WIB).date()
    cells = dict(st.session_state[TYPED_KEY][1])
    for (year, column), value in edits.items():
        cells[(year, column)] = TypedTarget(year, column, value, today)
    st.session_state[TYPED_KEY] = (dataset_key, cells)
    st.session_state[TARGETS_ROUND_KEY] = st.session_state.get(TARGETS_ROUND_KEY, 0) + 1


def targets_editor_key(dataset_key: str) -> str:
    return f"{TARGETS_EDITOR_KEY}_{dataset_key}_{st.session_state.get(TARGETS_ROUND_KEY, 0)}"


# --------------------------------------------------------------------------------------------- uploads, links


def upload_key() -> str:
    """The uploader's widget key; a new one empties the box (after a revocation)."""
    return f"{UPLOAD_KEY}_{st.session_state.get(UPLOAD_ROUND_KEY, 0)}"


def forget_upload() -> None:
    st.session_state[UPLOAD_ROUND_KEY] = st.session_state.get(UPLOAD_ROUND_KEY, 0) + 1


def digest_memo() -> dict:
    return st.session_state.setdefault(DIGEST_KEY, {})


def saved_links() -> dict:
    """dataset key -> Saved: the links and revocation keys this session holds (its uploads, keys typed in)."""
    return st.session_state.setdefault(SAVED_KEY, {})


def unsaved_uploads() -> dict:
    """dataset key -> StoreUnavailable: the upload the store refused (a full disk), not retried on every click."""
    return st.session_state.setdefault(UNSAVED_KEY, {})


def forget_links(token: str) -> None:
    st.session_state[SAVED_KEY] = {k: s for k, s in saved_links().items() if token not in (s.token, s.public_token)}


def csv_delimiter() -> str:
    return st.session_state.get(DELIMITER_KEY, ";")


def remember_csv_delimiter(delimiter: object) -> None:
    if delimiter in (";", ","):
        st.session_state[DELIMITER_KEY] = delimiter


def asking_to_revoke() -> bool:
    return bool(st.session_state.get(CONFIRM_REVOKE_KEY))


def ask_to_revoke(asking: bool) -> None:
    st.session_state[CONFIRM_REVOKE_KEY] = asking


def mark_revoked() -> None:
    st.session_state[REVOKED_KEY] = True


def just_revoked() -> bool:
    """True once, on the run after the uploader revoked their links."""
    return bool(st.session_state.pop(REVOKED_KEY, False))


# --------------------------------------------------------------------------------------------- reading plan


def reading_plan(digest: str) -> ReadingPlan | None:
    """The plan the official corrected for the upload with this digest (None: the reader's own reading)."""
    return st.session_state.get(READING_PLAN_KEY, {}).get(digest)


def set_reading_plan(digest: str, plan: ReadingPlan | None) -> None:
    """Only the current upload's plan is kept: another upload starts from the reader's reading."""
    st.session_state[READING_PLAN_KEY] = {digest: plan} if plan is not None else {}


def reading_round() -> int:
    return st.session_state.get(READING_ROUND_KEY, 0)


def next_reading_round() -> None:
    st.session_state[READING_ROUND_KEY] = reading_round() + 1


def confirmed_shapes() -> dict:
    """shape -> FilePlan: the readings corrected this session, offered for the next file of the same shape."""
    return st.session_state.setdefault(SHAPES_KEY, {})


def automatic_plans() -> dict:
    """upload digest -> the plan the reader inferred for it (only the current upload's is worth keeping)."""
    return st.session_state.setdefault(AUTOMATIC_KEY, {})
