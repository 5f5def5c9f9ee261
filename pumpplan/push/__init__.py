"""The plan kept in a CalDAV calendar: one resource per event, written only when it changed."""
