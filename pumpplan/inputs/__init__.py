"""What the user gives: times, series, amounts, the clinic file and appointment files."""
