import unicodedata


def normalise_email(value: str) -> str:
    """The one form of an email address that accounts are stored, looked up and throttled under.

    NFKC first, as Django's sign-in form does, so full-width and other compatibility forms of a
    letter are that letter; then surrounding spaces go and every letter is lower case. Sign-up,
    profile edits, invitations, the sign-in backend and the sign-in throttle all call this, so
    no spelling of an address can reach an account without being counted against it.
    """
    return unicodedata.normalize("NFKC", value).strip().lower()
