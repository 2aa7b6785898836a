class BackupError(Exception):
    """A backup or a restore that cannot go on; the message, in the admin's language, says why."""
