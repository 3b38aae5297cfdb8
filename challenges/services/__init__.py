"""Challenge work that touches the database or mail, one module per thing it serves; views call
these. The rules themselves are pure (lifecycle.py, routefinder.py, partners.py, evaluation.py,
uk2.py). Every public name is re-exported here for `services.<name>`."""

from challenges.services.moves import facts, move, moves, record
from challenges.services.notifications import (
    feedback_problems,
    organisation_emails,
    relay_introduction,
    send_feedback,
    share_contacts,
)
from challenges.services.outcome import candidate_processes, linked_process, spread
from challenges.services.partners import introducible, partner_candidates, partner_suggestions
from challenges.services.routes import route_name, route_query, route_result, route_value
from challenges.services.scores import (
    evaluations_of,
    my_scores,
    save_scores,
    score_sheet,
    score_sheet_table,
    submit_scores,
    submitted,
    waiting_evaluators,
)
from challenges.services.uk2_export import uk2_notice, uk2_package

__all__ = [
    "candidate_processes",
    "evaluations_of",
    "facts",
    "feedback_problems",
    "introducible",
    "linked_process",
    "move",
    "moves",
    "my_scores",
    "organisation_emails",
    "partner_candidates",
    "partner_suggestions",
    "record",
    "relay_introduction",
    "route_name",
    "route_query",
    "route_result",
    "route_value",
    "save_scores",
    "score_sheet",
    "score_sheet_table",
    "send_feedback",
    "share_contacts",
    "spread",
    "submit_scores",
    "submitted",
    "uk2_notice",
    "uk2_package",
    "waiting_evaluators",
]
