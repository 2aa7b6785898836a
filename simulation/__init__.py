"""A newsroom's week on the production stack, on one moved clock (issue 20): `make week`."""
