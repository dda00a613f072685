"""The one base class for mistakes a user can fix: the CLI prints them, never a traceback."""


class PnetError(Exception):
    """Bad input or state the user can act on; the message is Dutch and complete."""
