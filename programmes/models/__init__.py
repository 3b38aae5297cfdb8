"""The programme's records, one module per part."""

from programmes.models.programme import Partner, PartnerKind, Programme, Stage

__all__ = ["Partner", "PartnerKind", "Programme", "Stage"]
