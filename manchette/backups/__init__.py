"""Backups that restore: the database, the media and the audio files, with a manifest to check them."""
