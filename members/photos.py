"""Profile photos leave storage with their profile: when a photo is replaced or removed,
and when the profile (or the account it belongs to) is deleted.

Files are deleted only once the change is committed, so a change that is rolled back
never loses the photo the database still points at.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from .models import Profile


def _delete_when_committed(storage, name: str) -> None:
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def remember_stored_photo(sender, instance: Profile, raw=False, update_fields=None, **kwargs):
    instance._stored_photo = ""
    if raw or instance.pk is None or (update_fields is not None and "photo" not in update_fields):
        return
    stored = Profile.objects.filter(pk=instance.pk).values_list("photo", flat=True).first()
    instance._stored_photo = stored or ""


def delete_replaced_photo(sender, instance: Profile, **kwargs):
    stored = getattr(instance, "_stored_photo", "")
    if stored and stored != instance.photo.name:
        _delete_when_committed(instance.photo.storage, stored)


def delete_photo_of_deleted_profile(sender, instance: Profile, **kwargs):
    _delete_when_committed(instance.photo.storage, instance.photo.name)


def connect() -> None:
    pre_save.connect(remember_stored_photo, sender=Profile, dispatch_uid="members.photo.pre")
    post_save.connect(delete_replaced_photo, sender=Profile, dispatch_uid="members.photo.post")
    post_delete.connect(
        delete_photo_of_deleted_profile, sender=Profile, dispatch_uid="members.photo.delete"
    )
