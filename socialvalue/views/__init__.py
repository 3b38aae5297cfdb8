"""Social value's pages: the taxonomy (`taxonomy.py`), commitments and contracts
(`commitments.py`), delivery reports and their review (`reports.py`), imported UK9 KPI results
(`kpis.py`)."""
