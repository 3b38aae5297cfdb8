"""Keep the search index in step with single saves and deletes (admin, sample data, tests).
Bulk writes (the loader, compile_processes) index their processes themselves."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from network.models import Organisation
from opportunities import search_index
from opportunities.models import Process


@receiver(post_save, sender=Process, dispatch_uid="index_process")
def index_saved_process(sender, instance, raw=False, **kwargs):
    if not raw:
        search_index.index_processes([instance.pk])


@receiver(post_delete, sender=Process, dispatch_uid="unindex_process")
def unindex_deleted_process(sender, instance, **kwargs):
    search_index.remove_processes([instance.pk])


@receiver(post_save, sender=Organisation, dispatch_uid="index_buyer_processes")
def index_buyer_processes(sender, instance, raw=False, **kwargs):
    """A buyer's slug and network membership are search filters."""
    if raw:
        return
    ids = list(instance.processes.values_list("id", flat=True))
    if ids:
        search_index.index_processes(ids)


@receiver(pre_delete, sender=Organisation, dispatch_uid="remember_buyer_processes")
def remember_buyer_processes(sender, instance, **kwargs):
    instance._process_ids = list(instance.processes.values_list("id", flat=True))


@receiver(post_delete, sender=Organisation, dispatch_uid="index_orphaned_processes")
def index_orphaned_processes(sender, instance, **kwargs):
    if getattr(instance, "_process_ids", None):
        search_index.index_processes(instance._process_ids)
