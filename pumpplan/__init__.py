"""Plan breastfeeding around ketamine infusions."""

__version__ = "0.1.0"
