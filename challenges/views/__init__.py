"""Challenge pages, one module per stage they serve: `statement` (the list, the challenge page,
writing it, its criteria and moves), `engagement` (questions, events, interest), `responses` (and
their files), `partners` (the consortium finder), `evaluation` (panel, scores, moderation, score
sheet), `outcome` (and adoption), `route_finder`, `uk2_export`. Each view declares its roles with
@allow; what a challenge allows, and to whom, comes from rules.py through access.py."""
