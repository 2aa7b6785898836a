"""The newsroom has no tables of its own.

This module exists so that Django sends the app its post_migrate signal, which
sets up the groups and the review workflow. The app is listed last in
INSTALLED_APPS, so the permissions it grants exist by then.
"""
