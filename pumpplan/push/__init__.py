"""The plan kept in a CalDAV calendar: one resource per event, written only when it changed."""

# The calendar on the server that holds the plan when --calendar names none.
DEFAULT_CALENDAR = "Breastfeeding plan"
