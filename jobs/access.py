"""Who may see a job (pure: over the user and the job's fields)."""

from core.roles import Role, role_of


def may_see(user, job) -> bool:
    """Its creator, buyers of the organisation it works for, and coordinators."""
    role = role_of(user)
    if role is Role.COORDINATOR:
        return True
    if role is Role.ANONYMOUS:
        return False
    if job.created_by_id is not None and job.created_by_id == user.pk:
        return True
    return (
        role in (Role.BUYER, Role.ANCHOR_ADMIN)
        and job.organisation_id is not None
        and job.organisation_id == user.organisation_id
    )
