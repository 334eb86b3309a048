"""The one error hierarchy of the project.

Every whole-file failure is one of these, with a message in plain Indonesian that names the file and says what
to fix. The UI catches `PekalonganError` once (``st.error``) and the CLI once (exit status 2); anything else is a
bug.

    PekalonganError
    ├── UnreadableFile          not a spreadsheet, corrupt, empty, wrong encoding
    │   └── ProtectedWorkbook   password-protected workbook
    ├── NoExportTable           no header row / no value column / header without data
    ├── TooLarge                over the size or row cap
    ├── DatasetNotFound         unknown, revoked or expired share token
    ├── StoreUnavailable        the store cannot keep a dataset now (disk full, size cap, not writable)
    └── PublishRefused          a new version refused: wrong owner key, another version came first, no files
"""

from __future__ import annotations

from pekalongan.i18n import t


class PekalonganError(Exception):
    """A failure the user can fix; `str(error)` is the sentence to show them."""

    def __init__(
        self, message: str, *, file: str | None = None, code: str | None = None, params: dict | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        # The catalogue key and its parameters (pekalongan/i18n.py), so the sentence can be said in any language.
        self.code = code
        self.params = dict(params or {})

    def render(self, lang: str = "id") -> str:
        """The sentence in `lang`: from the code when there is one (whole numbers written as `lang` writes them)."""
        if self.code is None:
            return self.message
        from pekalongan.format import number_id
        from pekalongan.i18n import t
        from pekalongan.notices import is_notice, render

        values = {k: number_id(v, 0, lang) if isinstance(v, int) and not isinstance(v, bool)
                  else render(v, lang) if is_notice(v) else v  # a nested notice: what the table seems to be
                  for k, v in self.params.items()}
        return t(self.code, lang, **values)

    def __str__(self) -> str:
        return self.message


class UnreadableFile(PekalonganError):
    """The bytes are not a spreadsheet we can read."""


class ProtectedWorkbook(UnreadableFile):
    """The workbook is encrypted with a password."""


class NoExportTable(PekalonganError):
    """The file was read, but holds no table of export values."""


class TooLarge(PekalonganError):
    """The file is over a size or row limit."""


class DatasetNotFound(PekalonganError):
    """A share token that does not lead to a stored dataset."""


class StoreUnavailable(PekalonganError):
    """The store cannot keep a dataset now: the figures on screen stay usable, only the link is missing.

    `code` is the message's key in `pekalongan.i18n` (``store.full``, ``store.unwritable``), `params` its values:
    the UI renders it in the user's language; `str(error)` is the Indonesian sentence.
    """

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(t(code, "id", **params))
        self.code = code
        self.params = params


class PublishRefused(PekalonganError):
    """A new version of a dataset was not published: the owner key is wrong (``versions.wrong_key``), another
    version was published after the one it was built on (``versions.conflict``: ``latest``, ``base``), or the
    version to append to keeps no uploaded files (``versions.no_sources``). The version on the link is unchanged.
    """

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(t(code, "id", **params))
        self.code = code
        self.params = params
