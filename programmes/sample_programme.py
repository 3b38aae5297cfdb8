"""The sample programme of the demonstration (pure data: plain values, no database): a healthy
homes innovation pilot led by Birmingham City Council with NHS, university and innovation
alliance partners, its milestones at every status, its risks, and its appraisal and decision.
Everything here is sample data, labelled as such. Used by `demo_programmes` and tests only."""

from __future__ import annotations

from datetime import date

SLUG = "sample-healthy-homes-pilot"

PROGRAMME = {
    "slug": SLUG,
    "title": "Sample data: Healthy homes innovation pilot",
    "summary": (
        "Sample data: three anchors buy, together, new ways to keep older residents warm and "
        "well at home, and measure what it saves the NHS and social care."
    ),
    "aims": (
        "Test, in 40 homes across Birmingham and Coventry, whether warmer homes fitted with "
        "low-carbon heating and simple sensors reduce winter hospital admissions among older "
        "residents.\n\n"
        "Buy the pilot through an innovation procurement that local SMEs can bid for, and leave "
        "the anchors with a shared specification they can reuse.\n\n"
        "Build the evidence, the costs and the partners' commitments a decision to scale up "
        "across the West Midlands needs."
    ),
    "stage": "decided",
    "sectors": ["healthcare", "low-carbon"],
    "challenges": [
        "Keeping older residents warm at home for less",
        "Fewer missed home care visits",
        "Heat community buildings without gas",
    ],
    "starts_on": date(2026, 6, 1),
    "ends_on": date(2028, 3, 31),
}

# (organisation name in the directory, or None; name when not in it; kind; role; lead?)
PARTNERS = [
    (
        "Birmingham City Council",
        "",
        "anchor",
        "Lead anchor: chairs the programme board, runs the procurement and hosts the pilot team",
        True,
    ),
    (
        "University Hospitals Birmingham NHS Foundation Trust",
        "",
        "anchor",
        "Health partner: identifies patients at risk, shares admissions data under agreement",
        False,
    ),
    (
        "Coventry City Council",
        "",
        "anchor",
        "Partner anchor: co-owns the warm-homes challenge and hosts half of the pilot homes",
        False,
    ),
    (
        "University of Birmingham",
        "",
        "university",
        "Evaluation partner: designs the evaluation and analyses the readings and admissions",
        False,
    ),
    (
        None,
        "Sample data: West Midlands Health Tech Innovation Alliance",
        "intermediary",
        "Brings innovators to market engagement and leads the bid for match funding",
        False,
    ),
]

# (title, due, status, done on, notes)
MILESTONES = [
    (
        "Sample data: Partners sign the memorandum of understanding",
        date(2026, 7, 31),
        "done",
        date(2026, 7, 24),
        "Signed by all five partners.",
    ),
    (
        "Sample data: Feasibility appraisal to the programme board",
        date(2026, 10, 30),
        "done",
        date(2026, 11, 6),
        "A week late: the board met a week later than planned.",
    ),
    (
        "Sample data: Data-sharing agreement with the NHS trust",
        date(2026, 11, 20),
        "missed",
        None,
        "Information governance review still open; a new date is being agreed.",
    ),
    (
        "Sample data: Pilot homes chosen (40 across two cities)",
        date(2027, 1, 29),
        "at_risk",
        None,
        "Recruitment of owner-occupiers is slower than planned.",
    ),
    (
        "Sample data: Suppliers contracted for the pilot",
        date(2027, 3, 31),
        "on_track",
        None,
        "",
    ),
    (
        "Sample data: First winter's readings and admissions analysed",
        date(2027, 6, 30),
        "planned",
        None,
        "",
    ),
    (
        "Sample data: Evaluation report and the case for scaling up",
        date(2028, 2, 28),
        "planned",
        None,
        "",
    ),
]

# (title, description, likelihood, impact, owner organisation or None, owner name, mitigation,
#  status)
RISKS = [
    (
        "Sample data: Match funding bid declined",
        "Without the match funding the pilot reaches 20 homes, too few to show an effect.",
        3,
        5,
        None,
        "Sample data: West Midlands Health Tech Innovation Alliance",
        "Two funders approached; the partners' cash is enough for a smaller first phase.",
        "open",
    ),
    (
        "Sample data: Data-sharing agreement delayed",
        "Admissions data cannot be linked to pilot homes until the agreement is signed.",
        4,
        3,
        "University Hospitals Birmingham NHS Foundation Trust",
        "",
        (
            "Template agreement from an earlier regional study; monthly check-in with the "
            "information governance lead."
        ),
        "open",
    ),
    (
        "Sample data: Households withdraw consent",
        "Residents may leave the pilot, or refuse the sensors, part way through.",
        2,
        3,
        "Birmingham City Council",
        "",
        "Recruit 10% more homes than needed; sensors are optional; a named contact for each home.",
        "open",
    ),
    (
        "Sample data: Too few suppliers able to bid",
        "The market for combined heating and monitoring in small homes is thin locally.",
        2,
        4,
        None,
        "Sample data: West Midlands Health Tech Innovation Alliance",
        "Market engagement event with the innovation alliance; lots that SMEs can bid for.",
        "open",
    ),
    (
        "Sample data: Pilot team changes",
        "Knowledge of the pilot is lost when the team changes.",
        1,
        3,
        None,
        "Programme board",
        "Shared project records and a deputy for each role.",
        "closed",
    ),
]

# (name, description, costs and benefits, recommended?, why)
OPTIONS = [
    (
        "Sample data: Do nothing",
        "Keep the existing grant-funded insulation schemes.",
        "No new cost. Few older owner-occupiers reached; no evidence on health outcomes.",
        False,
        "Leaves the problem as it is and builds no evidence.",
    ),
    (
        "Sample data: Single-anchor pilot in Birmingham",
        "Birmingham City Council buys and runs a pilot in 20 homes on its own.",
        (
            "Lower cost and simpler governance; too few homes to measure admissions; no shared "
            "specification for other anchors."
        ),
        False,
        "Too small to give an answer, and does nothing to help other anchors adopt it.",
    ),
    (
        "Sample data: Joint pilot across three anchors",
        (
            "Birmingham, Coventry and the NHS trust buy together a pilot in 40 homes, evaluated by "
            "the university."
        ),
        (
            "Higher cost, shared by the partners and match funding; enough homes to measure an "
            "effect; a specification every anchor can reuse."
        ),
        True,
        "The only option large enough to show whether it works, and the one that can scale.",
    ),
]

DECISION = {
    "decision": (
        "Sample data: Proceed with the joint pilot across three anchors in 40 homes, subject to "
        "match funding for the second 20 homes; review at the board after the first winter."
    ),
    "decided_on": date(2026, 11, 12),
    "decided_by": "Sample data: Healthy homes programme board",
    "chosen_option": "Sample data: Joint pilot across three anchors",
}
