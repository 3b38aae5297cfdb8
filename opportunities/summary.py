"""A plain-English summary of an opportunity, built from its structured fields. Pure."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from core.formatting import pounds_in_words

UK = ZoneInfo("Europe/London")

PROCEDURE_WORDS = {
    "open": "an open procedure: anyone can send a tender",
    "selective": "a procedure in stages: the buyer may shortlist before inviting tenders",
    "limited": "a limited procedure: the buyer approaches chosen suppliers",
    "direct": "a direct award to a chosen supplier",
}


def when(moment: datetime | None) -> str:
    """'17 February 2025 at 5pm', in UK time."""
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UK)
    text = f"{moment:%-d %B %Y}"
    if (moment.hour, moment.minute) not in ((0, 0), (23, 59)):
        text += f" at {moment:%-I:%M%p}".lower().replace(":00", "")
    return text


def awarded_amount(process) -> str:
    """'£92,811 excluding VAT (£111,374 including VAT)', or "" when no value was published."""
    net, gross = (
        getattr(process, "awarded_value", None),
        getattr(process, "awarded_value_gross", None),
    )
    if net is not None and gross is not None:
        return f"{pounds_in_words(net)} excluding VAT ({pounds_in_words(gross)} including VAT)"
    if net is not None:
        return f"{pounds_in_words(net)} excluding VAT"
    if gross is not None:
        return f"{pounds_in_words(gross)} including VAT"
    return ""


def _names(names: list[str]) -> str:
    names = list(dict.fromkeys(n for n in names if n))
    if len(names) > 4:
        return f"{', '.join(names[:3])} and {len(names) - 3} others"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def summary(process, status: str, winners: list[str] | None = None) -> list[str]:
    """`winners`: the names of the suppliers awarded, when the caller has them."""
    buyer = process.buyer_name.title() if process.buyer_name.isupper() else process.buyer_name
    sentences = []
    what = process.title or "goods or services"
    ended = status in ("awarded", "cancelled")
    verb = {"awarded": "bought", "cancelled": "was buying"}.get(status, "is buying")
    sentences.append(f"{buyer or 'A public body'} {verb}: {what}.")
    if process.value is not None or process.value_gross is not None:
        if process.value_gross is not None:
            amount = f"{pounds_in_words(process.value_gross)} including VAT"
        else:
            amount = f"{pounds_in_words(process.value)} excluding VAT"
        if (
            process.min_value is not None
            and process.value is not None
            and process.min_value < process.value
        ):
            amount = f"between {pounds_in_words(process.min_value)} and {pounds_in_words(process.value)} excluding VAT"
        sentences.append(f"It {'was' if ended else 'is'} worth {amount} in total.")
    if process.lot_count > 1:
        sentences.append(
            f"It was split into {process.lot_count} lots."
            if ended
            else f"It is split into {process.lot_count} lots, which you can bid for separately."
        )
    if process.contract_start and process.contract_end:
        sentences.append(
            f"The contract runs from {when(process.contract_start)} to {when(process.contract_end)}."
        )
    if status == "planned":
        expected = (
            f" around {when(process.expected_tender_date)}" if process.expected_tender_date else ""
        )
        sentences.append(
            f"This is planned: the buyer expects to invite tenders{expected}. Now is the time to talk to them."
        )
    elif status == "open":
        if process.deadline:
            sentences.append(f"Tenders must arrive by {when(process.deadline)}.")
        if process.enquiry_end:
            sentences.append(f"Send any questions before {when(process.enquiry_end)}.")
    elif status == "closed":
        sentences.append(
            f"The deadline for tenders passed on {when(process.deadline)}; no award has been published yet."
        )
    elif status == "awarded":
        amount = awarded_amount(process)
        if winners:
            sentence = f"It was awarded to {_names(winners)}"
        else:
            sentence = "The contract has been awarded"
        sentence += f" for {amount}." if amount else "."
        sentences.append(sentence)
        if getattr(process, "notice_type", "") == "UK11":
            sentences.append("The buyer has since published that the contract has ended.")
        sentences.append("Past notices show what the buyer buys and who wins.")
    elif status == "cancelled":
        if getattr(process, "notice_type", "") == "UK12":
            sentences.append(
                "The buyer has ended this procurement without awarding a contract "
                "(a procurement termination notice)."
            )
        else:
            sentences.append("The buyer has cancelled this procurement.")
    if process.procedure in PROCEDURE_WORDS:
        sentences.append(f"The buyer is using {PROCEDURE_WORDS[process.procedure]}.")
    if status == "open":
        where = "the official notice and its documents" if process.notice_url else "the notice"
        sentences.append(
            f"How to respond: read {where} (linked below), then send your tender as "
            "'How to respond' below says, before the deadline."
        )
    return sentences
