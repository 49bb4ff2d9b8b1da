"""One exception base for everything the pipeline refuses to do.

Each error carries an exit code, a short machine code (written into
``<stem>.error.json``) and a one-line message that tells the user what to do.
"""
from __future__ import annotations


class VacancyError(Exception):
    """Base of all expected failures. ``str(err)`` is the one-line reason."""

    exit_code = 1
    code = "error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(VacancyError):
    exit_code = 2
    code = "usage"


class UnsupportedInput(VacancyError):
    code = "unsupported_input"


class EmptyInput(VacancyError):
    code = "empty_input"


class DamagedInput(VacancyError):
    code = "damaged_input"


class EncryptedPdf(VacancyError):
    code = "encrypted_pdf"


class MissingDependency(VacancyError):
    """An external program or language pack is not installed."""

    code = "missing_dependency"


class OcrFailed(VacancyError):
    code = "ocr_failed"


class OcrTimeout(OcrFailed):
    code = "ocr_timeout"


class NoText(VacancyError):
    code = "no_text"


class RenderError(VacancyError):
    """A record could not be published (HTML, PDF, JSON-LD or review page)."""

    code = "render_error"
