"""Where audio files live: a storage of their own, never under the public /media/ address.

Media files are served to anyone and kept by Varnish for a month; audio is for subscribers,
so its storage has no public URL and files go out only through the view that checks rights.
"""

from django.core.files.storage import Storage, storages


def audio_storage() -> Storage:
    return storages["audio"]
