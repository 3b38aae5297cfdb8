"""The KPI pages (issue 17, item 5): `pages.py` (a programme's and an anchor's KPIs and their
downloads), `editing.py` (adding and changing KPIs, manual results with evidence, snapshots now),
over `presenting.py` (a KPI as shown)."""
