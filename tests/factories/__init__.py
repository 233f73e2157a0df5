"""factory_boy factories for tests; import records for pages come from `casestudies.factories`."""
