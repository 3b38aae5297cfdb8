"""Who published a process, as its ocid says: each publisher's OCDS prefix. Pure."""

FTS_PREFIX = "ocds-h6vhtk-"  # Find a Tender
CF_PREFIX = "ocds-b5fd17-"  # Contracts Finder
SAMPLE_PREFIX = "ocds-sample-"  # the sample notices AnchorHub generates (`demo_notices`)
