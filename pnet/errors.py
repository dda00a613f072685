"""The one base class for mistakes a user can fix: the CLI prints them, never a traceback."""


class PnetError(Exception):
    """Bad input or state the user can act on; the message is Dutch and complete."""


def file_error_message(exc: OSError) -> str:
    """A Dutch message for a file or folder the user named that cannot be read or written."""
    where = exc.filename or "het bestand"
    reasons = {
        FileNotFoundError: f"{where} bestaat niet (of de map waarin het moet komen bestaat niet)",
        IsADirectoryError: f"{where} is een map; geef een bestand op",
        NotADirectoryError: f"{where}: een deel van dit pad is een bestand, geen map",
        FileExistsError: f"{where} bestaat al als bestand; geef een map op",
        PermissionError: f"geen toestemming om {where} te lezen of te schrijven",
    }
    return next((text for kind, text in reasons.items() if isinstance(exc, kind)),
                f"{where} kan niet worden gelezen of geschreven (systeemmelding: {exc.strerror or exc})")
